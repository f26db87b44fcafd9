import { approvedStaff, call, cameraJpeg, consentFor, freshPhone, login, upload } from '../../support/api';
import { rows } from '../../support/db';
import { demoTickets, type DemoTickets } from './demo-tickets';

/**
 * Comments (access-matrix.md, "comment": own | own + managed | assigned |
 * delegated | all): who may add one, what is stored (sealed), who is told,
 * and who sees whose name.
 */
let d: DemoTickets;
beforeAll(async () => {
  d = await demoTickets();
});
afterAll(() => d.server.close());

const comment = (token: string, id: string, body: Record<string, unknown>) => call(d.server, 'POST', `/tickets/${id}/comments`, { token, body });
const comments = (token: string, id: string) => call(d.server, 'GET', `/tickets/${id}/comments`, { token });

type OutboxRow = {
  dedupe_key: string;
  payload: string | Record<string, unknown>;
};
async function notificationsFor(commentId: string) {
  const found = await rows<OutboxRow>(d.server.running.orm, 'select dedupe_key, payload from outbox_message where dedupe_key like ? order by dedupe_key', [`notify:ticket-comment:${commentId}:%`]);
  return found.map((r) => ({ key: r.dedupe_key, payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload }));
}

describe('who may comment', () => {
  it('lets the reporter, the department head, the assigned engineer, the delegated dealer and admins comment', async () => {
    const t = await d.report();
    expect((await comment(d.token.staff, t.id, { body: '今天下午科室有空，可随时来取。' })).status).toBe(201);
    expect((await comment(d.token.advanced, t.id, { body: '请优先处理，明天有手术安排。' })).status).toBe(201);
    expect((await comment(d.token.admin, t.id, { body: '已通知工程师。' })).status).toBe(201);
    // A queue ticket: the engineer sees it but comments only once it is theirs.
    const queue = await comment(d.token.engineer, t.id, { body: '我来看看' });
    expect(queue.status).toBe(403);
    expect(queue.body.code).toBe('FORBIDDEN');
    // Not delegated: the dealer does not see it at all.
    expect((await comment(d.token.dealer, t.id, { body: '收到' })).status).toBe(404);

    await d.act(d.token.engineer, t.id, { action: 'accept' });
    expect((await comment(d.token.engineer, t.id, { body: '明天上午到院检查。' })).status).toBe(201);
    await call(d.server, 'POST', `/tickets/${t.id}/delegations`, { token: d.token.engineer, body: { dealerId: d.id.demoDealer, purpose: 'pickup' } });
    expect((await comment(d.token.dealer, t.id, { body: '明天 9 点上门取镜。' })).status).toBe(201);

    const list = await comments(d.token.staff, t.id);
    expect(list.body.items.map((c: { author: { role: string } }) => c.author.role)).toEqual(['staff', 'staff', 'admin', 'engineer', 'dealer']);
  });

  it('keeps out other engineers and colleagues who neither reported nor manage the department (404), and people not yet approved (403)', async () => {
    const t = await d.report();
    await d.act(d.token.engineer, t.id, { action: 'accept' });
    const phone = freshPhone();
    expect((await call(d.server, 'POST', '/admin/engineers', { token: d.token.admin, body: { name: '钱工', phone } })).status).toBe(201);
    const other = (await login(d.server, phone)).token;
    expect((await comment(other, t.id, { body: '我也可以帮忙' })).status).toBe(404);
    expect((await comments(other, t.id)).status).toBe(404);
    // A general colleague in the same department: the ticket is not theirs.
    const colleague = await approvedStaff(d.server, d.token.admin, '北京东华医院', '消化内镜中心', '赵护士');
    expect((await comment(colleague.token, t.id, { body: '我们科的镜子' })).status).toBe(404);
    // Someone not yet approved has no commenting at all.
    const stranger = (await login(d.server)).token;
    expect((await comment(stranger, t.id, { body: '你好' })).status).toBe(403);
  });

  it('takes no comments on closed or cancelled tickets (409)', async () => {
    const cancelled = await d.report();
    await d.act(d.token.staff, cancelled.id, { action: 'cancel' });
    const res = await comment(d.token.staff, cancelled.id, { body: '又好了' });
    expect(res.status).toBe(409);
    expect((await comment(d.token.admin, cancelled.id, { body: '已取消' })).status).toBe(409);

    const closed = await d.report();
    await d.workToResolved(closed.id);
    expect((await comment(d.token.staff, closed.id, { body: '谢谢，已经正常使用' })).status).toBe(201);
    await call(d.server, 'POST', `/tickets/${closed.id}/rating`, { token: d.token.staff, body: { score: 5 } });
    expect((await comment(d.token.staff, closed.id, { body: '再次感谢' })).status).toBe(409);
  });

  it('needs text or a photo', async () => {
    const t = await d.report();
    const empty = await comment(d.token.staff, t.id, { body: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'body', message: '请填写内容或添加照片' })]);
  });
});

describe('what is stored and shown', () => {
  it('seals the text at rest and shows comments oldest first, with names hidden from dealers', async () => {
    const t = await d.report();
    const text = '镜子放在护士站第二个柜子里，联系人张护士。';
    const created = await comment(d.token.staff, t.id, { body: text });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ author: { id: d.id.staff, name: '李静', role: 'staff' }, body: text, fileIds: [] });
    const [stored] = await rows<{ body_sealed: string; author_id: string }>(d.server.running.orm, 'select body_sealed, author_id from ticket_comment where id = ?', [created.body.id]);
    expect(stored!.author_id).toBe(d.id.staff);
    expect(stored!.body_sealed).toMatch(/^v1\./);
    expect(stored!.body_sealed).not.toContain('张护士');

    await d.act(d.token.engineer, t.id, { action: 'accept' });
    await comment(d.token.engineer, t.id, { body: '好的，下午去取。' });
    await call(d.server, 'POST', `/tickets/${t.id}/delegations`, { token: d.token.engineer, body: { dealerId: d.id.demoDealer, purpose: 'pickup' } });
    await comment(d.token.dealer, t.id, { body: '已安排取件。' });

    const forStaff = (await comments(d.token.staff, t.id)).body.items;
    expect(forStaff.map((c: { body: string }) => c.body)).toEqual([text, '好的，下午去取。', '已安排取件。']);
    expect(forStaff.map((c: { author: { name: string } }) => c.author.name)).toEqual(['李静', '王磊', '孙强']);
    const forDealer = (await comments(d.token.dealer, t.id)).body.items;
    expect(forDealer.map((c: { author: { name: string; role: string } }) => c.author)).toEqual([
      { id: d.id.staff, name: '', role: 'staff' },
      { id: d.id.engineer, name: '', role: 'engineer' },
      { id: d.id.dealer, name: '孙强', role: 'dealer' },
    ]);
  });

  it('attaches the author’s own fault photos, and refuses anyone else’s', async () => {
    const t = await d.report();
    const photo = await upload(d.server, d.token.staff, 'ticket_photo', await cameraJpeg());
    expect(photo.status).toBe(201);
    const created = await comment(d.token.staff, t.id, { body: '', fileIds: [photo.body.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ body: '', fileIds: [photo.body.id] });
    const [file] = await rows<{ attached_at: unknown }>(d.server.running.orm, 'select attached_at from stored_file where id = ?', [photo.body.id]);
    expect(file!.attached_at).not.toBeNull();

    // An admin's upload (under their own consent) is not the staff member's to attach.
    await call(d.server, 'POST', '/privacy/consents', { token: d.token.admin, body: await consentFor(d.server, ['service', 'fault_media']) });
    const foreign = await upload(d.server, d.token.admin, 'ticket_photo', await cameraJpeg());
    expect(foreign.status).toBe(201);
    const second = await upload(d.server, d.token.staff, 'ticket_photo', await cameraJpeg(320, 240));
    const refused = await comment(d.token.staff, t.id, { body: '补充照片', fileIds: [second.body.id, foreign.body.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'fileIds.1', message: '照片无效，请重新上传' })]);
    // Nothing of the refused comment was kept, and its own photo is still free to use.
    expect((await comments(d.token.staff, t.id)).body.items).toHaveLength(1);
    expect((await comment(d.token.staff, t.id, { body: '补充照片', fileIds: [second.body.id] })).status).toBe(201);
    // A photo already on a comment cannot be attached again.
    const reused = await comment(d.token.staff, t.id, { body: '再发一次', fileIds: [photo.body.id] });
    expect(reused.status).toBe(422);
  });

  it('needs the fault_media consent to attach photos', async () => {
    const t = await d.report();
    // 陈建华 manages the department but never consented to fault media.
    const res = await comment(d.token.advanced, t.id, { body: '见附图', fileIds: ['0190a0b0-0000-7000-8000-000000000001'] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CONSENT_REQUIRED');
    expect((await comment(d.token.advanced, t.id, { body: '请尽快处理' })).status).toBe(201);
  });
});

describe('retries', () => {
  it('posts a comment once for simultaneous retries with one Idempotency-Key, and keeps no text with the key', async () => {
    const t = await d.report();
    const key = `comment-${Date.now()}`;
    const body = { body: '重试测试：镜子已放在前台。' };
    const send = (b: Record<string, unknown>) => call(d.server, 'POST', `/tickets/${t.id}/comments`, { token: d.token.staff, body: b, headers: { 'Idempotency-Key': key } });
    const results = await Promise.all(Array.from({ length: 5 }, () => send(body)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results[0]!.body.body).toBe(body.body);
    expect((await comments(d.token.staff, t.id)).body.items).toHaveLength(1);
    const reused = await send({ body: '另一条留言' });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_CONFLICT');
    const kept = await rows<{ response_body: unknown }>(d.server.running.orm, 'select response_body from idempotency_record where key = ?', [key]);
    expect(JSON.stringify(kept)).not.toContain('镜子已放在前台');
  });
});

describe('who is told', () => {
  it('notifies the reporter and the assigned engineer, never the author, with no personal data in the message', async () => {
    const t = await d.report();
    // Nobody else to tell yet: the reporter wrote it and no engineer is assigned.
    const first = await comment(d.token.staff, t.id, { body: '镜子在护士站。' });
    expect(await notificationsFor(first.body.id)).toEqual([]);

    await d.act(d.token.engineer, t.id, { action: 'accept' });
    const byEngineer = await comment(d.token.engineer, t.id, { body: '下午两点到。' });
    const toReporter = await notificationsFor(byEngineer.body.id);
    expect(toReporter).toEqual([
      {
        key: `notify:ticket-comment:${byEngineer.body.id}:${d.id.staff}`,
        payload: expect.objectContaining({
          userId: d.id.staff,
          kind: 'ticket_comment',
          ticketId: t.id,
          title: `工单 ${t.number} 有新留言`,
          page: `packages/ticket/detail/index?id=${t.id}`,
        }),
      },
    ]);
    expect(JSON.stringify(toReporter)).not.toContain('下午两点到');

    const byReporter = await comment(d.token.staff, t.id, { body: '好的。' });
    expect((await notificationsFor(byReporter.body.id)).map((n) => n.payload.userId)).toEqual([d.id.engineer]);

    const byHead = await comment(d.token.advanced, t.id, { body: '请尽快。' });
    expect((await notificationsFor(byHead.body.id)).map((n) => n.payload.userId).sort()).toEqual([d.id.engineer, d.id.staff].sort());
  });
});
