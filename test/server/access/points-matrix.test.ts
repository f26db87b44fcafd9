import { randomUUID } from 'node:crypto';
import { call, login } from '../../support/api';
import { givePoints, insertAddress, insertGift, redeem } from '../../support/gift-shop';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * access-matrix.md, the points rows, walked as a table: points balance and
 * ledger (own; admin all and adjusts), gifts (staff read and redeem; admin
 * writes), redemption orders (own; admin all, ships, cancels), addresses
 * (own; an admin sees them only on orders). Every actor against every
 * route, with the status the matrix implies: 403 where the role has no such
 * function, 404 where the record is someone else's.
 */
type Actor = 'general' | 'advanced' | 'engineer' | 'dealer' | 'admin';
const ACTORS: Actor[] = ['general', 'advanced', 'engineer', 'dealer', 'admin'];
const PHONES: Record<Actor, string> = { admin: '13800000001', engineer: '13800000002', dealer: '13800000003', general: '13800000004', advanced: '13800000005' };

let server: TestServer;
const tokens = {} as Record<Actor, string>;
const ids = {} as Record<Actor, string>;
let giftId: string;
let orderId: string;
let addressId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000' } });
  for (const actor of ACTORS) {
    tokens[actor] = (await login(server, PHONES[actor])).token;
    ids[actor] = (await call(server, 'GET', '/me', { token: tokens[actor] })).body.id;
  }
  giftId = (await insertGift(server, { pointsPrice: 10, valueYuan: 1, perPersonLimit: 50, stock: 100 })).id;
  await givePoints(server, tokens.admin, ids.general, 100);
  addressId = await insertAddress(server, ids.general);
  const order = await redeem(server, tokens.general, { giftId, quantity: 1, addressId }, randomUUID());
  expect(order.status).toBe(201);
  orderId = order.body.id;
});
afterAll(() => server.close());

type Row = [label: string, request: (a: Actor) => Promise<number>, expected: Record<Actor, number>];
/** Paths are functions: the ids exist only once beforeAll has run. */
const get = (path: () => string) => async (a: Actor) => (await call(server, 'GET', path(), { token: tokens[a] })).status;

const ROWS: Row[] = [
  ['GET /points (own balance)', get(() => '/points'), { general: 200, advanced: 200, engineer: 403, dealer: 403, admin: 200 }],
  ['GET /points/ledger (own)', get(() => '/points/ledger'), { general: 200, advanced: 200, engineer: 403, dealer: 403, admin: 200 }],
  ['GET /admin/points/reconciliation (all)', get(() => '/admin/points/reconciliation'), { general: 403, advanced: 403, engineer: 403, dealer: 403, admin: 200 }],
  ['GET /gifts (read)', get(() => '/gifts'), { general: 200, advanced: 200, engineer: 403, dealer: 403, admin: 200 }],
  ['GET /admin/gifts (write side)', get(() => '/admin/gifts'), { general: 403, advanced: 403, engineer: 403, dealer: 403, admin: 200 }],
  [
    'POST /admin/gifts/:id/stock-changes (stock)',
    async (a) => (await call(server, 'POST', `/admin/gifts/${giftId}/stock-changes`, { token: tokens[a], body: { delta: 1, note: '盘点入库' } })).status,
    { general: 403, advanced: 403, engineer: 403, dealer: 403, admin: 201 },
  ],
  ["GET /redemptions/:id (general's order)", get(() => `/redemptions/${orderId}`), { general: 200, advanced: 404, engineer: 403, dealer: 403, admin: 404 }],
  ['GET /admin/redemptions (all orders)', get(() => '/admin/redemptions'), { general: 403, advanced: 403, engineer: 403, dealer: 403, admin: 200 }],
  [
    'POST /redemptions (redeem)',
    // The admin holds every permission but does not shop in the catalog it runs (record policy: staff only).
    async (a) => (await redeem(server, tokens[a], { giftId, quantity: 1, addressId }, randomUUID())).status,
    { general: 201, advanced: 404, engineer: 403, dealer: 403, admin: 403 },
  ],
  [
    "PATCH /addresses/:id (general's address)",
    async (a) => (await call(server, 'PATCH', `/addresses/${addressId}`, { token: tokens[a], body: { detail: '东城区东直门南大街 1 号' } })).status,
    { general: 200, advanced: 404, engineer: 403, dealer: 403, admin: 404 },
  ],
  ['GET /addresses (own only)', get(() => '/addresses'), { general: 200, advanced: 200, engineer: 403, dealer: 403, admin: 200 }],
];

describe.each(ROWS)('%s', (_label, request, expected) => {
  it.each(ACTORS)('as %s', async (actor) => {
    expect(await request(actor)).toBe(expected[actor]);
  });
});

it('lists only the caller’s own addresses and orders, whoever asks', async () => {
  for (const actor of ['advanced', 'admin'] as const) {
    const addresses = await call(server, 'GET', '/addresses', { token: tokens[actor] });
    expect(addresses.body.items.map((a: { id: string }) => a.id)).not.toContain(addressId);
  }
  const advancedOrders = await call(server, 'GET', '/redemptions', { token: tokens.advanced });
  expect(advancedOrders.body.items.map((o: { id: string }) => o.id)).not.toContain(orderId);
  // The admin sees the address only on the order, where shipping needs it.
  const adminOrders = await call(server, 'GET', '/admin/redemptions?status=pending', { token: tokens.admin });
  const row = adminOrders.body.items.find((o: { id: string }) => o.id === orderId);
  expect(row.address.detail).toBeTruthy();
});
