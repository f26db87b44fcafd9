import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ChatCloseSchema,
  ChatCreateSchema,
  ChatListQuerySchema,
  ChatMessageCreateSchema,
  ChatMessagesPageSchema,
  ChatMessagesQuerySchema,
  ChatMessageViewSchema,
  ChatPageSchema,
  ChatReadSchema,
  ChatSummarySchema,
  SuggestionsQuerySchema,
  SuggestionsSchema,
  type ChatMessageView,
  type ChatSummary,
} from '../../../shared/schemas/chat.schema';
import { ConflictError, ContentRejectedError, NotFoundError, ServiceUnavailableError } from '../../../server/src/core/errors';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Chat = typeof import('../../../miniapp/src/services/chat');
type Poll = typeof import('../../../miniapp/src/services/chat-poll');
type Outgoing = typeof import('../../../miniapp/src/services/chat-outgoing');
type Thread = typeof import('../../../miniapp/src/services/chat-thread');

const SRC = '../../../miniapp/src/services';
const Id = z.object({ id: z.string().uuid() });
const chatId = randomUUID();
const staffId = randomUUID();
const engineerId = randomUUID();

const summary = (over: Partial<ChatSummary> = {}): ChatSummary => ({
  id: chatId,
  status: 'open',
  ticket: null,
  owner: { id: staffId, name: '王护士', hospital: '华东医院', department: '消化内镜中心' },
  claimedBy: null,
  lastMessage: { preview: '胃镜吸引不畅怎么办', at: '2026-11-23T02:00:00.000Z' },
  unread: 0,
  createdAt: '2026-11-23T02:00:00.000Z',
  ...over,
});

let clock = Date.parse('2026-11-23T02:00:00.000Z');
function message(over: Partial<ChatMessageView> = {}): ChatMessageView {
  clock += 1000;
  return {
    id: randomUUID(),
    chatId,
    author: { id: engineerId, name: '李工', role: 'engineer' },
    mine: false,
    kind: 'text',
    text: '请先检查吸引按钮',
    fileId: null,
    clientId: null,
    createdAt: new Date(clock).toISOString(),
    ...over,
  };
}

/** The stand-in conversation: its messages, how it answers, and held long-polls. */
const world = {
  chat: summary(),
  messages: [] as ChatMessageView[],
  /** Thrown by GET …/messages of one conversation, one per request (by id: a late request of an earlier test cannot take one). */
  pollFailures: new Map<string, Error[]>(),
  /** Decides each POST …/messages; by default the message is stored. */
  onSend: null as null | ((clientId: string) => void),
  waiters: [] as (() => void)[],
  pollTimes: [] as { id: string; at: number }[],
};

function newer(after: string | undefined): ChatMessageView[] {
  const i = after ? world.messages.findIndex((m) => m.id === after) : -1;
  return world.messages.slice(i + 1);
}

/** Adds a message as the server would, waking held polls. */
function arrive(m: ChatMessageView): void {
  world.messages.push(m);
  for (const wake of world.waiters.splice(0)) wake();
}

async function replyMessages(id: string, query: { after?: string; wait: number }) {
  world.pollTimes.push({ id, at: Date.now() });
  const failure = world.pollFailures.get(id)?.shift();
  if (failure) throw failure;
  let items = newer(query.after);
  if (items.length === 0 && query.after && query.wait > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, query.wait * 1000);
      world.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    items = newer(query.after);
  }
  return { items, chat: world.chat };
}

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'post', path: '/chats', body: ChatCreateSchema, response: ChatSummarySchema, status: 201, reply: () => world.chat },
    { method: 'get', path: '/chats', query: ChatListQuerySchema, response: ChatPageSchema, reply: () => ({ items: [world.chat], nextCursor: null, unreadTotal: 2 }) },
    {
      method: 'get',
      path: '/chats/:id/messages',
      params: Id,
      query: ChatMessagesQuerySchema,
      response: ChatMessagesPageSchema,
      reply: ({ params, query }) => replyMessages((params as { id: string }).id, query as { after?: string; wait: number }),
    },
    {
      method: 'post',
      path: '/chats/:id/messages',
      params: Id,
      body: ChatMessageCreateSchema,
      response: ChatMessageViewSchema,
      status: 201,
      reply: ({ body }) => {
        const b = body as { kind: 'text' | 'image' | 'voice'; text?: string; fileId?: string; clientId: string };
        const stored = world.messages.find((m) => m.clientId === b.clientId);
        const m = stored ?? message({ author: { id: staffId, name: '王护士', role: 'staff' }, mine: true, kind: b.kind, text: b.text ?? null, fileId: b.fileId ?? null, clientId: b.clientId });
        if (!stored) arrive(m);
        world.onSend?.(b.clientId);
        return m;
      },
    },
    { method: 'post', path: '/chats/:id/claim', params: Id, response: ChatSummarySchema, reply: () => world.chat },
    { method: 'post', path: '/chats/:id/close', params: Id, body: ChatCloseSchema, response: ChatSummarySchema, reply: () => ({ ...world.chat, status: 'closed' }) },
    { method: 'post', path: '/chats/:id/read', params: Id, body: ChatReadSchema, response: ChatSummarySchema, reply: () => world.chat },
    {
      method: 'get',
      path: '/help/suggestions',
      query: SuggestionsQuerySchema,
      response: SuggestionsSchema,
      reply: () => ({
        documents: [{ id: randomUUID(), title: '内镜吸引管路的日常检查', category: 'fault_prevention', summary: '吸引不畅的常见原因', publishedAt: '2026-11-01T00:00:00.000Z' }],
        answers: [{ id: randomUUID(), question: '吸引无力怎么办？', answer: '检查吸引按钮和活检阀是否密封。' }],
      }),
    },
  ]);
});
afterAll(async () => {
  for (const wake of world.waiters.splice(0)) wake();
  await standIn.server.close();
});
beforeEach(() => {
  standIn.calls.length = 0;
  world.chat = summary();
  world.messages = [message({ author: { id: staffId, name: '王护士', role: 'staff' }, mine: true, text: '胃镜吸引不畅怎么办' })];
  world.pollFailures = new Map();
  world.onSend = null;
  world.pollTimes = [];
});

function load() {
  return loadApp<{ chat: Chat; poll: Poll; outgoing: Outgoing; thread: Thread }>(standIn.server.url, {
    chat: `${SRC}/chat`,
    poll: `${SRC}/chat-poll`,
    outgoing: `${SRC}/chat-outgoing`,
    thread: `${SRC}/chat-thread`,
  });
}

const calls = (method: string, suffix: string) => standIn.calls.filter((c) => c.method === method && c.path.endsWith(suffix));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('chat services against the shared contracts', () => {
  it('opens a conversation with its first question, about a ticket, under a clientId', async () => {
    const { chat } = load();
    const ticketId = randomUUID();
    await expect(chat.createChat({ text: '胃镜吸引不畅怎么办', ticketId, clientId: 'client-0001' })).resolves.toEqual(world.chat);
    expect(standIn.calls[0]).toMatchObject({ method: 'POST', path: '/api/v1/chats', body: { text: '胃镜吸引不畅怎么办', ticketId, clientId: 'client-0001' } });
    const empty = await chat.createChat({ text: '  ', clientId: 'client-0002' }).catch((e: unknown) => e);
    expect(empty).toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ path: 'text' })] });
  });

  it('lists conversations by scope with the unread total, and asks for suggestions', async () => {
    const { chat } = load();
    await expect(chat.listChats({ scope: 'unclaimed', status: 'open' })).resolves.toMatchObject({ unreadTotal: 2, nextCursor: null });
    expect(standIn.calls[0]?.query).toMatchObject({ scope: 'unclaimed', status: 'open', limit: 20 });
    const s = await chat.getSuggestions('吸引不畅');
    expect(s.documents[0]?.title).toBe('内镜吸引管路的日常检查');
    expect(s.answers[0]?.question).toBe('吸引无力怎么办？');
    expect(standIn.calls[1]?.query).toEqual({ q: '吸引不畅' });
  });

  it('reads the latest messages at once, and long-polls with after= and wait=', async () => {
    const { chat } = load();
    const first = await chat.getMessages(chatId, { limit: 100 });
    expect(first.items).toHaveLength(1);
    expect(standIn.calls[0]?.query).toMatchObject({ limit: 100, wait: 0 });
    const after = first.items[0]!.id;
    const held = chat.getMessages(chatId, { after, wait: 2 });
    await sleep(150);
    arrive(message());
    const page = await held;
    expect(page.items.map((m) => m.text)).toEqual(['请先检查吸引按钮']);
    expect(standIn.calls[1]?.query).toMatchObject({ after, wait: 2 });
  });

  it('claims, closes with a quick answer, and marks read', async () => {
    const { chat } = load();
    await expect(chat.claimChat(chatId)).resolves.toEqual(world.chat);
    await expect(chat.closeChat(chatId, { quickAnswer: { question: '吸引无力怎么办？', answer: '检查吸引按钮和活检阀是否密封。' } })).resolves.toMatchObject({ status: 'closed' });
    expect(calls('POST', '/close')[0]?.body).toEqual({ quickAnswer: { question: '吸引无力怎么办？', answer: '检查吸引按钮和活检阀是否密封。' } });
    const lastReadId = randomUUID();
    await chat.markChatRead(chatId, lastReadId);
    expect(calls('POST', '/read')[0]?.body).toEqual({ lastReadId });
  });
});

describe('the long-poll loop', () => {
  it('delivers each new message as it arrives, moving after= to the last one, until stopped', async () => {
    const { poll } = load();
    const pages: string[][] = [];
    const start = world.messages[0]!.id;
    const loop = poll.startMessagePoll({ chatId, after: start, waitSeconds: 2, onPage: (p) => pages.push(p.items.map((m) => m.text ?? '')) });
    await until(() => world.waiters.length === 1);
    const reply = message({ text: '请先检查吸引按钮' });
    arrive(reply);
    await until(() => pages.some((p) => p.length > 0));
    expect(pages.filter((p) => p.length > 0)).toEqual([['请先检查吸引按钮']]);
    expect(loop.after).toBe(reply.id);
    // The next request asks for what came after the reply.
    await until(() => world.waiters.length === 1);
    const polls = calls('GET', '/messages');
    expect(polls[0]?.query).toMatchObject({ after: start, wait: 2 });
    expect(polls[polls.length - 1]?.query).toMatchObject({ after: reply.id, wait: 2 });

    loop.stop();
    expect(loop.stopped).toBe(true);
    const count = calls('GET', '/messages').length;
    arrive(message({ text: '还有问题吗' }));
    await sleep(300);
    // The held request came back, its answer was dropped, and nothing more was asked.
    expect(calls('GET', '/messages').length).toBe(count);
    expect(pages.flat()).not.toContain('还有问题吗');
  });

  it('backs off after failures (doubling, capped), then carries on where it was', async () => {
    const { poll } = load();
    const failing = randomUUID();
    world.pollFailures.set(failing, [new ServiceUnavailableError('down'), new ServiceUnavailableError('down'), new ServiceUnavailableError('down'), new ServiceUnavailableError('down')]);
    const delays: number[] = [];
    const pages: number[] = [];
    const after = world.messages[0]!.id;
    arrive(message({ text: '在吗' }));
    const loop = poll.startMessagePoll({
      chatId: failing,
      after,
      waitSeconds: 1,
      backoff: { initialMs: 40, maxMs: 100 },
      onError: (_e, ms) => delays.push(ms),
      onPage: (p) => pages.push(p.items.length),
    });
    await until(() => pages.length > 0);
    loop.stop();
    expect(delays).toEqual([40, 80, 100, 100]);
    expect(pages[0]).toBe(1);
    // Each retry waited at least its delay.
    const times = world.pollTimes.filter((p) => p.id === failing).map((p) => p.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    gaps.slice(0, 4).forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(delays[i]! - 5));
    // After a failure the same after= is asked again.
    expect(calls('GET', `${failing}/messages`).slice(0, 5).every((c) => (c.query as { after: string }).after === after)).toBe(true);
    expect(poll.backoffDelay(1)).toBe(1000);
    expect(poll.backoffDelay(3)).toBe(4000);
    expect(poll.backoffDelay(10)).toBe(30_000);
  });

  it('stopping during a back-off pause ends the loop at once', async () => {
    const { poll } = load();
    const failing = randomUUID();
    world.pollFailures.set(failing, [new ServiceUnavailableError('down')]);
    let errors = 0;
    const loop = poll.startMessagePoll({ chatId: failing, after: world.messages[0]!.id, backoff: { initialMs: 10_000 }, onError: () => errors++, onPage: () => undefined });
    await until(() => errors === 1);
    loop.stop();
    await sleep(100);
    expect(calls('GET', `${failing}/messages`)).toHaveLength(1);
  });

  it('ends by itself when the conversation is closed, or is gone (no retry can help)', async () => {
    const { poll } = load();
    world.chat = summary({ status: 'closed' });
    const ended: string[] = [];
    poll.startMessagePoll({ chatId, after: world.messages[0]!.id, waitSeconds: 0, onPage: () => undefined, onEnd: (reason) => ended.push(reason) });
    await until(() => ended.length === 1);
    expect(ended).toEqual(['closed']);

    world.chat = summary();
    const gone = randomUUID();
    world.pollFailures.set(gone, [new NotFoundError('gone')]);
    const retried: number[] = [];
    poll.startMessagePoll({ chatId: gone, after: world.messages[0]!.id, onPage: () => undefined, onError: (_e, ms) => retried.push(ms), onEnd: (reason, error) => ended.push(`${reason}:${(error as { code: string }).code}`) });
    await until(() => ended.length === 2);
    expect(ended[1]).toBe('error:NOT_FOUND');
    expect(retried).toEqual([]);
  });

  it('pauses between answers that come back empty at once, so it never spins', async () => {
    const { poll } = load();
    const loop = poll.startMessagePoll({ chatId, after: world.messages[0]!.id, waitSeconds: 0, minIntervalMs: 100, onPage: () => undefined });
    await sleep(350);
    loop.stop();
    const n = calls('GET', '/messages').length;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(5);
  });
});

describe('sending: the bubble, retries with the same clientId', () => {
  it('a send whose answer was lost is retried with the same clientId and stored once', async () => {
    const { outgoing } = load();
    const draft = outgoing.composeText('  吸引按钮已经清洗过了  ');
    expect(draft).toMatchObject({ kind: 'text', text: '吸引按钮已经清洗过了', state: 'sending' });
    let lose = true;
    world.onSend = () => {
      if (lose) {
        lose = false;
        throw new ServiceUnavailableError('answer lost');
      }
    };
    const first = await outgoing.deliver(chatId, draft);
    expect(first).toMatchObject({ ok: false, changed: false, outgoing: { state: 'failed', clientId: draft.clientId } });
    if (first.ok) throw new Error('unreachable');
    const progress: string[] = [];
    const second = await outgoing.deliver(chatId, first.outgoing, (o) => progress.push(o.state));
    expect(progress).toEqual(['sending']);
    expect(second).toMatchObject({ ok: true, message: { clientId: draft.clientId, text: '吸引按钮已经清洗过了', mine: true } });
    const sends = calls('POST', '/messages');
    expect(sends.map((c) => (c.body as { clientId: string }).clientId)).toEqual([draft.clientId, draft.clientId]);
    expect(world.messages.filter((m) => m.clientId === draft.clientId)).toHaveLength(1);
  });

  it('text refused by content security is final, with the message to show on the bubble', async () => {
    const { outgoing } = load();
    world.onSend = () => {
      throw new ContentRejectedError('risky');
    };
    const res = await outgoing.deliver(chatId, outgoing.composeText('违规内容'));
    expect(res).toMatchObject({ ok: false, changed: false, outgoing: { state: 'rejected', error: '消息包含不当内容，未发送' } });
  });

  it('a closed conversation (409) fails the bubble and tells the page to reload', async () => {
    const { outgoing } = load();
    world.onSend = () => {
      throw new ConflictError('咨询已结束');
    };
    const res = await outgoing.deliver(chatId, outgoing.composeText('还在吗'));
    expect(res).toMatchObject({ ok: false, changed: true, outgoing: { state: 'failed', error: '咨询已结束，消息未发送' } });
  });

  it('an image is uploaded as `chat` once; a retry after a failed send only resends the message', async () => {
    const { outgoing, taro } = load();
    const uploads: unknown[] = [];
    const fileId = randomUUID();
    taro.uploadFile = async (options: { formData: { purpose: string }; filePath: string }) => {
      uploads.push(options.formData);
      return { statusCode: 201, data: JSON.stringify({ id: fileId, mime: 'image/jpeg', size: 1000 }), errMsg: 'uploadFile:ok' };
    };
    let fail = true;
    world.onSend = () => {
      if (fail) {
        fail = false;
        throw new ServiceUnavailableError('down');
      }
    };
    const photo = outgoing.composeFile('image', 'blob:http://localhost/photo-1');
    const states: string[] = [];
    const first = await outgoing.deliver(chatId, photo, (o) => states.push(o.state));
    expect(states).toEqual(['uploading', 'sending']);
    expect(first).toMatchObject({ ok: false, outgoing: { state: 'failed', fileId } });
    if (first.ok) throw new Error('unreachable');
    const second = await outgoing.deliver(chatId, first.outgoing);
    expect(second).toMatchObject({ ok: true, message: { kind: 'image', fileId, clientId: photo.clientId } });
    expect(uploads).toEqual([{ purpose: 'chat' }]);
  });

  it('a failed upload keeps the local file for 重试', async () => {
    const { outgoing, taro } = load();
    taro.uploadFile = async () => ({ statusCode: 413, data: JSON.stringify({ code: 'PAYLOAD_TOO_LARGE', title: 'too large', status: 413 }), errMsg: 'uploadFile:ok' });
    const voice = outgoing.composeFile('voice', 'wxfile://tmp/voice.mp3', 4200);
    const res = await outgoing.deliver(chatId, voice);
    expect(res).toMatchObject({ ok: false, outgoing: { state: 'failed', localPath: 'wxfile://tmp/voice.mp3', durationMs: 4200, error: '文件太大，未发送' } });
    expect(calls('POST', '/messages')).toHaveLength(0);
  });
});

describe('the conversation as shown', () => {
  it('merges answers from polls and sends once each, oldest first, and settles pending bubbles by clientId', () => {
    const { thread, outgoing } = load();
    const a = message({ text: 'a' });
    const b = message({ text: 'b', mine: true, clientId: 'c-b-000001' });
    const c = message({ text: 'c' });
    const merged = thread.mergeMessages([a], [c, b]);
    expect(merged.map((m) => m.text)).toEqual(['a', 'b', 'c']);
    expect(thread.mergeMessages(merged, [b, c])).toHaveLength(3);

    const pendingB = { ...outgoing.composeText('b'), clientId: 'c-b-000001' };
    const pendingD = outgoing.composeText('d');
    expect(thread.settlePending([pendingB, pendingD], merged)).toEqual([pendingD]);
    expect(thread.lastMessageId(merged)).toBe(c.id);
  });
});
