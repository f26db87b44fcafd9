import { DealerSchema } from '../../../server/src/modules/dealers/dealer.entity';
import { call, consentFor, freshPhone, login } from '../../support/api';
import { rows } from '../../support/db';
import { insertTicket } from '../../support/tickets';
import { demoTickets, type DemoTickets } from '../tickets/demo-tickets';

/**
 * The recipients registry (privacy.md, "Entrusted processing and provision";
 * PIPL Art. 21, 23, 55): every dealer that receives personal data under
 * contract, with its contract reference, purposes, the fields its staff see,
 * whether it is active, and how many provision records it has.
 */
let d: DemoTickets;
beforeAll(async () => {
  d = await demoTickets();
  const granted = await call(d.server, 'POST', '/privacy/consents', { token: d.token.staff, body: await consentFor(d.server, ['dealer_sharing']) });
  if (granted.status !== 201) throw new Error(`consent answered ${granted.status}`);
});
afterAll(() => d.server.close());

const BJ = '北京东华医院';
const ENDO = '消化内镜中心';
const DEMO_DEALER = '华东医疗器械技术服务有限公司';
const FIELDS = ['contactName', 'contactPhone', 'description', 'equipment', 'hospital', 'department'];
const registry = (token = d.token.admin) => call(d.server, 'GET', '/admin/privacy/recipients', { token });
const count = async (sql: string, params: unknown[]) => Number((await rows<{ n: number }>(d.server.running.orm, sql, params))[0]!.n);

describe('GET /admin/privacy/recipients', () => {
  it('lists every dealer, active or not, with contract, purposes, fields shared and the count of its provision records', async () => {
    // A second dealer with one staff member, created as an admin does it, and a dealer whose contract ended.
    const created = await call(d.server, 'POST', '/admin/dealers', { token: d.token.admin, body: { name: '江南医学装备服务有限公司', contractRef: 'WT-2026-0031', purposes: ['pickup'] } });
    expect(created.status).toBe(201);
    const staff = await call(d.server, 'POST', `/admin/dealers/${created.body.id}/staff`, { token: d.token.admin, body: { name: '周敏', phone: freshPhone() } });
    expect(staff.status).toBe(201);
    const em = d.server.running.orm.em.fork();
    em.create(DealerSchema, { name: '已解约医疗服务有限公司', contractRef: 'WT-2025-0007', purposes: ['onsite_check'], active: false });
    await em.flush();

    // The demo dealer reads two delegated tickets of one reporter: once in its list, once each in detail.
    const t1 = await insertTicket(d.server.running.orm, { hospitalName: BJ, departmentName: ENDO, delegatedTo: { dealerName: DEMO_DEALER, purpose: 'onsite_check' } });
    const t2 = await insertTicket(d.server.running.orm, { hospitalName: BJ, departmentName: ENDO, delegatedTo: { dealerName: DEMO_DEALER, purpose: 'pickup' } });
    expect((await call(d.server, 'GET', '/tickets', { token: d.token.dealer })).status).toBe(200);
    for (const t of [t1, t2]) expect((await call(d.server, 'GET', `/tickets/${t.id}`, { token: d.token.dealer })).status).toBe(200);

    const res = await registry();
    expect(res.status).toBe(200);
    const [{ id: demoId }] = (await rows<{ id: string }>(d.server.running.orm, 'select id from dealer where name = ?', [DEMO_DEALER])) as [{ id: string }];
    const provisions = await count('select count(*) as n from provision_record where dealer_id = ?', [demoId]);
    expect(provisions).toBe(4);
    expect(res.body.items.map((r: { name: string }) => r.name)).toEqual(['华东医疗器械技术服务有限公司', '已解约医疗服务有限公司', '江南医学装备服务有限公司'].sort());
    const byName = new Map<string, { lastProvisionAt: string }>(res.body.items.map((r: { name: string; lastProvisionAt: string }) => [r.name, r]));
    expect(byName.get(DEMO_DEALER)).toEqual({
      id: demoId,
      name: DEMO_DEALER,
      contractRef: 'WT-2026-0012',
      purposes: ['onsite_check', 'pickup'],
      fields: FIELDS,
      active: true,
      staffCount: 1,
      provisionCount: 4,
      subjectCount: 1,
      lastProvisionAt: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(byName.get('江南医学装备服务有限公司')).toMatchObject({ contractRef: 'WT-2026-0031', purposes: ['pickup'], fields: FIELDS, active: true, staffCount: 1, provisionCount: 0, subjectCount: 0, lastProvisionAt: null });
    expect(byName.get('已解约医疗服务有限公司')).toMatchObject({ contractRef: 'WT-2025-0007', active: false, staffCount: 0, provisionCount: 0, lastProvisionAt: null });

    // Each dealer read adds exactly one record, and the registry counts it.
    await call(d.server, 'GET', `/tickets/${t1.id}`, { token: d.token.dealer });
    const after = (await registry()).body.items.find((r: { id: string }) => r.id === demoId);
    expect(after.provisionCount).toBe(5);
    expect(new Date(after.lastProvisionAt).getTime()).toBeGreaterThanOrEqual(new Date(byName.get(DEMO_DEALER)!.lastProvisionAt).getTime());
  });

  it('is for admins only', async () => {
    for (const token of [d.token.engineer, d.token.staff, d.token.advanced, d.token.dealer]) expect((await registry(token)).status).toBe(403);
    const newcomer = await login(d.server);
    expect((await registry(newcomer.token)).status).toBe(403);
    expect((await call(d.server, 'GET', '/admin/privacy/recipients')).status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('describes the access log, breach response and recipients routes', async () => {
    const doc = (await fetch(`${d.server.url}/api/v1/openapi.json`).then((r) => r.json())) as { paths: Record<string, { get?: unknown }> };
    for (const p of ['/admin/privacy/access-log', '/admin/privacy/access-log/subjects', '/admin/privacy/recipients']) expect(doc.paths[`/api/v1${p}`]?.get).toBeDefined();
  });
});
