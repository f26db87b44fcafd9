import { randomUUID } from 'node:crypto';
import { BEIJING_ADDRESS } from '../../test/support/gift-shop';
import { call, login, type ApiResponse } from '../../test/support/api';
import type { TestServer } from '../../test/support/test-server';

/**
 * What the soak does, in the proportions of a working day: people look at
 * lists and tickets far more than they write; a few report, comment, chat
 * and redeem. Every write carries an Idempotency-Key as the mini-program's do.
 */
export interface Op {
  name: string;
  weight: number;
  /** Its requests, each through `timed` under its own kind (a redemption and its cancellation are two). */
  run(timed: Timed): Promise<unknown>;
}

/** Sends one request, records its latency under `kind`, and throws unless the answer has one of `statuses`. */
export type Timed = (kind: string, send: () => Promise<ApiResponse>, ...statuses: number[]) => Promise<ApiResponse>;

export interface World {
  ops: Op[];
  /** A staff member's long-poll, held the whole time as an open chat screen holds it. */
  longPoll(signal: AbortSignal): Promise<{ polls: number; errors: string[] }>;
}

export const ok = (res: ApiResponse, ...statuses: number[]) => {
  if (!statuses.includes(res.status)) throw Object.assign(new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`), { status: res.status });
  return res;
};

export async function setUpWorld(server: TestServer): Promise<World> {
  const staff = await login(server, '13800000004', { consent: ['service'] });
  const advanced = await login(server, '13800000005', { consent: ['service'] });
  const admin = await login(server, '13800000001', { consent: ['service'] });
  const engineer = await login(server, '13800000002', { consent: ['service'] });

  const me = ok(await call(server, 'GET', '/me', { token: staff.token }), 200).body;
  const departmentId: string = me.profile.department.id;
  ok(await call(server, 'POST', '/admin/points/adjustments', { token: admin.token, body: { userId: staff.user.id, delta: 1_000_000, reason: '压力测试积分' } }), 201);
  const address = ok(await call(server, 'POST', '/addresses', { token: staff.token, body: { ...BEIJING_ADDRESS, isDefault: true } }), 201).body;
  const gifts = ok(await call(server, 'GET', '/gifts', { token: staff.token }), 200).body.items as { id: string; stock?: number; pointsPrice: number }[];
  const gift = gifts.filter((g) => (g.stock ?? 1) > 0).sort((a, b) => a.pointsPrice - b.pointsPrice)[0];
  if (!gift) throw new Error('no gift in stock in the demo data');
  const chat = ok(await call(server, 'POST', '/chats', { token: staff.token, body: { text: '内镜图像发暗，请问如何处理？' } }), 201).body;

  const listed = ok(await call(server, 'GET', '/tickets', { token: staff.token }), 200).body.items as { id: string }[];
  const ticketIds = listed.map((t) => t.id);
  const pick = () => ticketIds[Math.floor(Math.random() * ticketIds.length)]!;
  let lastMessage = '';
  let redeeming = false;

  const ops: Op[] = [
    { name: 'list (staff)', weight: 15, run: (t) => t('list (staff)', () => call(server, 'GET', '/tickets', { token: staff.token }), 200) },
    { name: 'list (department head)', weight: 15, run: (t) => t('list (department head)', () => call(server, 'GET', '/tickets', { token: advanced.token }), 200) },
    { name: 'detail', weight: 25, run: (t) => t('detail', () => call(server, 'GET', `/tickets/${pick()}`, { token: staff.token }), 200) },
    {
      name: 'chat poll',
      weight: 15,
      run: async (t) => {
        const res = await t('chat poll', () => call(server, 'GET', `/chats/${chat.id}/messages${lastMessage ? `?after=${lastMessage}` : ''}`, { token: staff.token }), 200);
        const items = res.body.items as { id: string }[];
        if (items.length) lastMessage = items[items.length - 1]!.id;
      },
    },
    {
      name: 'create',
      weight: 10,
      run: async (t) => {
        const body = { departmentId, model: 'GIF-H290', serial: 'SOAK01', description: '压力测试：图像偶发闪烁，请安排检查。', contactName: '李静', contactPhone: '13800000004', contactConsent: false };
        const res = await t('create', () => call(server, 'POST', '/tickets', { token: staff.token, headers: { 'idempotency-key': randomUUID() }, body }), 201);
        ticketIds.push(res.body.id);
        if (ticketIds.length > 500) ticketIds.shift();
      },
    },
    {
      name: 'comment',
      weight: 10,
      run: (t) =>
        t('comment', () => call(server, 'POST', `/tickets/${pick()}/comments`, { token: staff.token, headers: { 'idempotency-key': randomUUID() }, body: { body: '已按提示清洁镜头，仍有雾感。' } }), 201),
    },
    {
      name: 'chat message',
      weight: 5,
      run: (t) =>
        t('chat message', () => call(server, 'POST', `/chats/${chat.id}/messages`, { token: engineer.token, body: { kind: 'text', text: '请把镜头照片发给我看看。', clientId: `c-${randomUUID()}` } }), 201, 200),
    },
    {
      // Redeemed and then cancelled by its owner, so stock, points and the per-person limit hold for the whole run.
      name: 'redeem, then cancel',
      weight: 5,
      run: async (t) => {
        if (redeeming) return t('orders', () => call(server, 'GET', '/redemptions', { token: staff.token }), 200);
        redeeming = true;
        try {
          const body = { giftId: gift.id, quantity: 1, addressId: address.id };
          const order = await t('redeem', () => call(server, 'POST', '/redemptions', { token: staff.token, headers: { 'idempotency-key': randomUUID() }, body }), 201);
          return await t('cancel', () => call(server, 'POST', `/redemptions/${order.body.id}/cancel`, { token: staff.token, body: { reason: '压力测试' } }), 200);
        } finally {
          redeeming = false;
        }
      },
    },
  ];

  return {
    ops,
    async longPoll(signal) {
      const errors: string[] = [];
      let polls = 0;
      let after = '';
      while (!signal.aborted) {
        try {
          const res = await call(server, 'GET', `/chats/${chat.id}/messages?wait=20${after ? `&after=${after}` : ''}`, { token: staff.token });
          polls++;
          if (res.status !== 200) errors.push(`long-poll ${res.status}`);
          const items = (res.body?.items ?? []) as { id: string }[];
          if (items.length) after = items[items.length - 1]!.id;
        } catch (err) {
          if (!signal.aborted) errors.push(`long-poll ${(err as Error).message}`);
        }
      }
      return { polls, errors };
    },
  };
}
