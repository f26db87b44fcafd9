import { approvedStaff, call, cameraJpeg, freshPhone, login, upload, wav } from '../../support/api';
import { rows } from '../../support/db';
import { eventually } from '../../support/eventually';
import { startTestServer, type TestServer } from '../../support/test-server';
import { ADMIN, clientId, DEALER, DEPARTMENT, ENGINEER, HOSPITAL, list, messages, openChat, say, SERVER_ENV, signInThroughWechat, STAFF } from './chat-support';

/**
 * Sending and reading messages: content security on text (WeChat
 * msg_sec_check through the stand-in), retries by clientId, images and
 * voice notes as chat uploads, claiming and closing, unread counts,
 * notifications to the asker, and transcripts sealed at rest.
 */
const OPENID = 'oWx_chat_li_0001';
let server: TestServer;
let li: string; // 李静, signed in through WeChat: has an openid
let wang: string; // 王芳, another general staff member
let engineer: string; // 王磊, signed in by SMS: no openid
let engineer2: string;
let admin: string;
let adminId: string;
let dealer: string;

const standIn = () => server.running.wechatStandIn!;
const secChecks = () => standIn().stats().calls['/wxa/msg_sec_check'] ?? 0;
const countMessages = async (chatId?: string) => {
  const [row] = await rows<{ n: number }>(server.running.orm, `select count(*) as n from chat_message${chatId ? ' where chat_id = ?' : ''}`, chatId ? [chatId] : []);
  return Number(row!.n);
};
const summaryOf = async (token: string, chatId: string) => (await list(server, token, 'scope=all&limit=50')).body.items.find((c: { id: string }) => c.id === chatId);
const claim = (token: string, chatId: string) => call(server, 'POST', `/chats/${chatId}/claim`, { token });
const close = (token: string, chatId: string, body: Record<string, unknown> = {}) => call(server, 'POST', `/chats/${chatId}/close`, { token, body });
const markRead = (token: string, chatId: string, lastReadId: string) => call(server, 'POST', `/chats/${chatId}/read`, { token, body: { lastReadId } });

beforeAll(async () => {
  server = await startTestServer({ env: SERVER_ENV });
  const signedIn = await login(server, ADMIN);
  admin = signedIn.token;
  adminId = signedIn.user.id;
  engineer = (await login(server, ENGINEER)).token;
  dealer = (await login(server, DEALER)).token;
  li = await signInThroughWechat(server, STAFF, OPENID);
  wang = (await approvedStaff(server, admin, HOSPITAL, DEPARTMENT, '王芳')).token;
  const phone = freshPhone();
  expect((await call(server, 'POST', '/admin/engineers', { token: admin, body: { name: '钱工', phone } })).status).toBe(201);
  engineer2 = (await login(server, phone)).token;
});
afterAll(() => server.close());

describe('content security', () => {
  it('refuses a risky message with CONTENT_REJECTED and stores nothing', async () => {
    const chat = await openChat(server, li);
    const before = await countMessages(chat.id);
    const checks = secChecks();
    const res = await say(server, li, chat.id, '这里有违禁词的内容');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CONTENT_REJECTED', detail: '消息包含不当内容，未发送。' });
    expect(secChecks()).toBe(checks + 1);
    expect(await countMessages(chat.id)).toBe(before);
    expect(JSON.stringify(server.logs)).not.toContain('违禁词');
    expect(JSON.stringify(server.logs)).not.toContain(OPENID);
  });

  it('refuses to open a conversation with a risky first question', async () => {
    const before = (await list(server, li, 'scope=all&limit=50')).body.items.length;
    const res = await call(server, 'POST', '/chats', { token: li, body: { text: '违禁词开头的问题' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CONTENT_REJECTED');
    expect((await list(server, li, 'scope=all&limit=50')).body.items.length).toBe(before);
  });

  it('stores a message WeChat wants reviewed, and logs it by id only', async () => {
    const chat = await openChat(server, li);
    const res = await say(server, li, chat.id, '这句话待复核一下');
    expect(res.status).toBe(201);
    const line = server.logs.find((l) => l.event === 'sec_check_review' && l.messageId === res.body.id);
    expect(line).toMatchObject({ chatId: chat.id });
    expect(JSON.stringify(server.logs)).not.toContain('待复核');
  });

  it('stores unchecked (and says so in the log) the text of someone WeChat cannot check: no openid', async () => {
    const chat = await openChat(server, li);
    const checks = secChecks();
    const res = await say(server, engineer, chat.id, '请把镜子送到设备科');
    expect(res.status).toBe(201);
    expect(secChecks()).toBe(checks);
    expect(server.logs.filter((l) => l.event === 'sec_check_skipped').at(-1)).toMatchObject({ reason: 'no_openid', chatId: chat.id, messageId: res.body.id });
    expect(JSON.stringify(server.logs)).not.toContain('请把镜子送到设备科');
  });
});

describe('sending', () => {
  it('stores a message once per clientId: a retry gets the stored one (201 again)', async () => {
    const chat = await openChat(server, li);
    const id = clientId();
    const first = await say(server, li, chat.id, '第一次发送', id);
    const again = await say(server, li, chat.id, '第一次发送', id);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(first.body).toMatchObject({ chatId: chat.id, kind: 'text', text: '第一次发送', clientId: id, mine: true, author: { name: '李静', role: 'staff' } });
    // At the same moment, too.
    const racing = clientId();
    const both = await Promise.all([say(server, li, chat.id, '同时发送', racing), say(server, li, chat.id, '同时发送', racing)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both[0]!.body.id).toBe(both[1]!.body.id);
    expect(await countMessages(chat.id)).toBe(3);
  });

  it('opens a conversation once per clientId', async () => {
    const id = clientId();
    const before = (await list(server, li, 'scope=all&limit=50')).body.items.length;
    const first = await call(server, 'POST', '/chats', { token: li, body: { text: '新问题', clientId: id } });
    const again = await call(server, 'POST', '/chats', { token: li, body: { text: '新问题', clientId: id } });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect((await list(server, li, 'scope=all&limit=50')).body.items.length).toBe(before + 1);
  });

  it('keeps the text sealed at rest', async () => {
    const chat = await openChat(server, li, '患者张某的镜子在 3 号内镜室');
    const [row] = await rows<{ body_sealed: string }>(server.running.orm, 'select body_sealed from chat_message where chat_id = ?', [chat.id]);
    expect(row!.body_sealed).not.toContain('张某');
    expect(row!.body_sealed).not.toContain('内镜室');
    expect((await messages(server, li, chat.id)).body.items[0].text).toBe('患者张某的镜子在 3 号内镜室');
  });

  it('reads the latest page without `after`, oldest first', async () => {
    const chat = await openChat(server, li, '一');
    await say(server, li, chat.id, '二');
    await say(server, li, chat.id, '三');
    const res = await messages(server, li, chat.id, 'limit=2');
    expect(res.body.items.map((m: { text: string }) => m.text)).toEqual(['二', '三']);
  });

  it('sends images and voice notes from the sender’s own chat uploads; the engineer may open them, other staff and dealers may not', async () => {
    const chat = await openChat(server, li);
    const photo = await upload(server, li, 'chat', await cameraJpeg());
    expect(photo.status).toBe(201);
    const sent = await call(server, 'POST', `/chats/${chat.id}/messages`, { token: li, body: { kind: 'image', fileId: photo.body.id, clientId: clientId() } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'image', fileId: photo.body.id, text: null });
    expect((await summaryOf(li, chat.id)).lastMessage.preview).toBe('[图片]');

    const asEngineer = await fetch(server.api(`/files/${photo.body.id}`), { headers: { authorization: `Bearer ${engineer}` } });
    expect(asEngineer.status).toBe(200);
    expect(asEngineer.headers.get('content-type')).toBe('image/jpeg');
    for (const token of [wang, dealer]) {
      expect((await fetch(server.api(`/files/${photo.body.id}`), { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    }

    // A file is used once, and only by its owner, and only as what it is.
    const other = await openChat(server, li);
    const reuse = await call(server, 'POST', `/chats/${other.id}/messages`, { token: li, body: { kind: 'image', fileId: photo.body.id, clientId: clientId() } });
    expect(reuse.status).toBe(422);
    const engineersPhoto = await upload(server, engineer, 'chat', await cameraJpeg());
    expect((await call(server, 'POST', `/chats/${chat.id}/messages`, { token: li, body: { kind: 'image', fileId: engineersPhoto.body.id, clientId: clientId() } })).status).toBe(422);
    const another = await upload(server, li, 'chat', await cameraJpeg());
    expect((await call(server, 'POST', `/chats/${chat.id}/messages`, { token: li, body: { kind: 'voice', fileId: another.body.id, clientId: clientId() } })).status).toBe(422);
    expect((await call(server, 'POST', `/chats/${chat.id}/messages`, { token: li, body: { kind: 'text', text: '说明', fileId: another.body.id, clientId: clientId() } })).status).toBe(422);

    const voice = await upload(server, li, 'chat', wav(), 'voice.wav', 'audio/wav');
    expect(voice.status).toBe(201);
    const note = await call(server, 'POST', `/chats/${chat.id}/messages`, { token: li, body: { kind: 'voice', fileId: voice.body.id, clientId: clientId() } });
    expect(note.status).toBe(201);
    expect((await summaryOf(li, chat.id)).lastMessage.preview).toBe('[语音]');
    expect((await fetch(server.api(`/files/${voice.body.id}`), { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
  });

  it('tells the asker when an engineer answers (not when they write themselves)', async () => {
    const chat = await openChat(server, li);
    const own = await say(server, li, chat.id, '补充一句');
    const answer = await say(server, engineer, chat.id, '您好，已收到');
    const outbox = await rows<{ dedupe_key: string; payload: string | Record<string, unknown> }>(server.running.orm, 'select dedupe_key, payload from outbox_message where dedupe_key like ?', ['notify:chat-message:%']);
    const keys = outbox.map((r) => r.dedupe_key);
    const payload = outbox.find((r) => r.dedupe_key.includes(answer.body.id))!.payload;
    expect(typeof payload === 'string' ? JSON.parse(payload) : payload).toMatchObject({ kind: 'chat_reply', page: `packages/chat/conversation/index?id=${chat.id}` });
    expect(keys).toContain(`notify:chat-message:${answer.body.id}:${chat.owner.id}`);
    expect(keys.some((k) => k.includes(own.body.id))).toBe(false);
    await eventually(async () => {
      const [n] = await rows<{ kind: string; title: string; user_id: string }>(server.running.orm, 'select kind, title, user_id from notification where dedupe_key = ?', [
        `chat-message:${answer.body.id}:${chat.owner.id}`,
      ]);
      expect(n).toMatchObject({ kind: 'chat_reply', title: '客服已回复您的咨询', user_id: chat.owner.id });
    });
  });
});

describe('claiming and closing', () => {
  it('claims by answering; a colleague cannot claim or answer it (409), an admin can take it over', async () => {
    const chat = await openChat(server, li);
    expect((await say(server, engineer, chat.id, '我来处理')).status).toBe(201);
    expect((await summaryOf(engineer, chat.id)).claimedBy).toMatchObject({ name: '王磊' });
    // Claiming one's own again changes nothing.
    expect((await claim(engineer, chat.id)).status).toBe(200);

    const taken = await claim(engineer2, chat.id);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('CONFLICT');
    expect((await say(server, engineer2, chat.id, '我也来')).status).toBe(409);

    const byAdmin = await claim(admin, chat.id);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.claimedBy.id).toBe(adminId);
    expect((await say(server, engineer, chat.id, '还是我来')).status).toBe(409);
    expect((await say(server, admin, chat.id, '已转交')).status).toBe(201);
  });

  it('lets the claimant close with a quick answer; not a colleague; the asker may not write quick answers', async () => {
    const chat = await openChat(server, li, '镜子进水了怎么办？');
    expect((await claim(engineer, chat.id)).status).toBe(200);
    expect((await close(engineer2, chat.id)).status).toBe(403);
    const qa = { question: '内镜进水后如何处理？', answer: '立即停止使用，做测漏试验，并联系工程师返修。' };
    const asker = await close(li, chat.id, { quickAnswer: qa });
    expect(asker.status).toBe(422);
    expect(asker.body.errors[0].path).toBe('quickAnswer');

    const closed = await close(engineer, chat.id, { quickAnswer: qa });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const saved = await rows<{ question: string; answer: string; created_by_id: string }>(server.running.orm, 'select question, answer, created_by_id from quick_answer where source_chat_id = ?', [chat.id]);
    expect(saved).toEqual([expect.objectContaining({ question: qa.question, answer: qa.answer })]);

    expect((await say(server, li, chat.id, '还有一个问题')).status).toBe(409);
    expect((await close(engineer, chat.id)).status).toBe(409);
    expect((await claim(admin, chat.id)).status).toBe(409);
    // Closed conversations remain readable.
    expect((await messages(server, li, chat.id)).status).toBe(200);
  });

  it('lets the asker close their own conversation', async () => {
    const chat = await openChat(server, li);
    const res = await close(li, chat.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', claimedBy: null });
  });
});

describe('unread counts', () => {
  it('count messages by others after the reader’s mark, and go down after read', async () => {
    const chat = await openChat(server, li, '请问保养周期多久？');
    const totalBefore = (await list(server, li)).body.unreadTotal;
    // Unclaimed: every engineer sees the asker's message as unread.
    expect((await summaryOf(engineer, chat.id)).unread).toBe(1);
    expect((await summaryOf(engineer2, chat.id)).unread).toBe(1);
    expect((await summaryOf(li, chat.id)).unread).toBe(0);

    await say(server, engineer, chat.id, '一般半年一次');
    const last = await say(server, engineer, chat.id, '具体看使用频率');
    const page = await list(server, li);
    expect(page.body.items.find((c: { id: string }) => c.id === chat.id).unread).toBe(2);
    expect(page.body.unreadTotal).toBe(totalBefore + 2);
    // Claimed now: the colleague has nothing unread there; the claimant has the question.
    expect((await summaryOf(engineer2, chat.id)).unread).toBe(0);
    expect((await summaryOf(engineer, chat.id)).unread).toBe(1);

    const read = await markRead(li, chat.id, last.body.id);
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(0);
    expect((await list(server, li)).body.unreadTotal).toBe(totalBefore);
    // The mark only moves forward.
    const first = (await messages(server, li, chat.id)).body.items[0].id;
    expect((await markRead(li, chat.id, first)).body.unread).toBe(0);
    // Per participant: the engineer's count is their own.
    expect((await markRead(engineer, chat.id, last.body.id)).body.unread).toBe(0);
    await say(server, li, chat.id, '好的，谢谢');
    expect((await summaryOf(engineer, chat.id)).unread).toBe(1);
    expect((await summaryOf(li, chat.id)).unread).toBe(0);
  });

  it('refuses a mark that is not a message of the conversation', async () => {
    const chat = await openChat(server, li);
    const other = await openChat(server, li);
    const foreign = (await messages(server, li, other.id)).body.items[0].id;
    expect((await markRead(li, chat.id, foreign)).status).toBe(422);
  });
});

describe('when WeChat cannot be reached', () => {
  it('answers 503 and stores no text; media still go through', async () => {
    const chat = await openChat(server, li);
    await standIn().close();
    const before = await countMessages(chat.id);
    const res = await say(server, li, chat.id, '检查一下这条');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(await countMessages(chat.id)).toBe(before);
    const photo = await upload(server, li, 'chat', await cameraJpeg());
    expect((await call(server, 'POST', `/chats/${chat.id}/messages`, { token: li, body: { kind: 'image', fileId: photo.body.id, clientId: clientId() } })).status).toBe(201);
  });
});
