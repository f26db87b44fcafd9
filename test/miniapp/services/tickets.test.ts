import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AnyTicketDetailSchema,
  AnyTicketViewSchema,
  TicketListQuerySchema,
  TicketPageSchema,
  type DealerTicketView,
  type TicketDetail,
} from '../../../shared/schemas/tickets.schema';
import {
  AssignSchema,
  CommentCreateSchema,
  CommentViewSchema,
  DelegationCreateSchema,
  DelegationViewSchema,
  RatingSchema,
  TransitionSchema,
  type CommentView,
} from '../../../shared/schemas/ticket-workflow.schema';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Tickets = typeof import('../../../miniapp/src/services/tickets');
type Comments = typeof import('../../../miniapp/src/services/ticket-comments');
type Delegations = typeof import('../../../miniapp/src/services/ticket-delegations');
type Engineers = typeof import('../../../miniapp/src/services/engineers');

const SRC = '../../../miniapp/src/services';
const Id = z.object({ id: z.string().uuid() });
const ticketId = randomUUID();
const dealerId = randomUUID();
const engineerId = randomUUID();
const at = '2026-11-23T02:00:00.000Z';

const base = {
  id: ticketId,
  number: 'R20261123-0001',
  status: 'in_progress' as const,
  hospital: { id: randomUUID(), name: '华东医院' },
  department: { id: randomUUID(), name: '消化内镜中心' },
  equipment: { model: 'GIF-H290', serial: '2K61234' },
  description: '胃镜图像出现黑点',
  contactName: '王护士',
  contactPhone: '13800000004',
  createdAt: at,
};

const detail: TicketDetail = {
  ...base,
  contactPhoneMasked: false,
  reporter: { id: randomUUID(), name: '王护士' },
  isMine: false,
  assignedEngineer: { id: engineerId, name: '李工' },
  sla: {
    tier: 'standard',
    response: { targetMinutes: 240, usedMinutes: 30, state: 'met', dueAt: null, warning: false },
    resolution: { targetMinutes: 2880, usedMinutes: 600, state: 'running', dueAt: '2026-11-25T02:00:00.000Z', warning: false },
  },
  serviceReport: null,
  rating: null,
  delegations: [{ dealer: { id: dealerId, name: '上海镜通医疗' }, purpose: 'pickup', createdAt: at, endedAt: null }],
  actions: ['hold', 'resolve', 'cancel'],
  media: { photoIds: [randomUUID(), randomUUID()], voiceId: null },
};

const dealerView: DealerTicketView = { ...base, contactPhone: '138****0004', delegationPurpose: 'onsite_check' };
const comment: CommentView = { id: randomUUID(), author: { id: engineerId, name: '李工', role: 'engineer' }, body: '已到现场', fileIds: [], createdAt: at };

/** Which answer GET /tickets/:id gives next. */
let nextDetail: unknown = detail;

let standIn: StandIn;
type App = { tickets: Tickets; comments: Comments; delegations: Delegations; engineers: Engineers };
let app: App;

beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/tickets', query: TicketListQuerySchema, response: TicketPageSchema, reply: () => ({ items: [dealerView], nextCursor: 'next-page' }) },
    { method: 'get', path: '/tickets/:id', params: Id, response: z.unknown(), reply: () => nextDetail },
    { method: 'post', path: '/tickets/:id/transitions', params: Id, body: TransitionSchema, response: AnyTicketViewSchema, reply: () => dealerView },
    { method: 'post', path: '/tickets/:id/assign', params: Id, body: AssignSchema, response: AnyTicketViewSchema, reply: () => dealerView },
    { method: 'post', path: '/tickets/:id/rating', params: Id, body: RatingSchema, response: AnyTicketViewSchema, reply: () => dealerView },
    { method: 'get', path: '/tickets/:id/comments', params: Id, response: z.object({ items: z.array(CommentViewSchema) }), reply: () => ({ items: [comment] }) },
    { method: 'post', path: '/tickets/:id/comments', params: Id, body: CommentCreateSchema, response: CommentViewSchema, status: 201, reply: ({ body }) => ({ ...comment, body: (body as { body: string }).body }) },
    {
      method: 'get',
      path: '/dealers',
      response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }),
      reply: () => ({ items: [{ id: dealerId, name: '上海镜通医疗' }] }),
    },
    {
      method: 'post',
      path: '/tickets/:id/delegations',
      params: Id,
      body: DelegationCreateSchema,
      response: z.object({ items: z.array(DelegationViewSchema) }),
      status: 201,
      reply: () => ({ items: detail.delegations }),
    },
    {
      method: 'delete',
      path: '/tickets/:id/delegations/:dealerId',
      params: z.object({ id: z.string().uuid(), dealerId: z.string().uuid() }),
      response: z.object({ items: z.array(DelegationViewSchema) }),
      reply: () => ({ items: [] }),
    },
    {
      method: 'get',
      path: '/admin/engineers',
      response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), phone: z.string(), role: z.string() })) }),
      reply: () => ({ items: [{ id: engineerId, name: '李工', phone: '139****0002', role: 'engineer' }] }),
    },
  ]);
  app = loadApp<App>(standIn.server.url, {
    tickets: `${SRC}/tickets`,
    comments: `${SRC}/ticket-comments`,
    delegations: `${SRC}/ticket-delegations`,
    engineers: `${SRC}/engineers`,
  });
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
  nextDetail = detail;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

describe('ticket services against the shared contracts', () => {
  it('lists the engineer queue and their assigned tickets by scope and status', async () => {
    const page = await app.tickets.listTickets({ scope: 'queue', status: 'submitted', cursor: 'abc' });
    expect(page).toEqual({ items: [dealerView], nextCursor: 'next-page' });
    expect(lastCall()?.query).toMatchObject({ scope: 'queue', status: 'submitted', cursor: 'abc', limit: 20 });
    await app.tickets.listTickets({ scope: 'assigned' });
    expect(lastCall()?.query).toMatchObject({ scope: 'assigned', limit: 20 });
  });

  it('reads the full detail (SLA, delegations, actions) and tells a dealer’s view apart', async () => {
    const got = await app.tickets.getTicket(ticketId);
    expect(AnyTicketDetailSchema.parse(got)).toEqual(detail);
    expect(app.tickets.isDealerView(got)).toBe(false);
    expect(lastCall()?.path).toBe(`/api/v1/tickets/${ticketId}`);

    nextDetail = dealerView;
    const dealer = await app.tickets.getTicket(ticketId);
    expect(app.tickets.isDealerView(dealer)).toBe(true);
  });

  it('fails loudly when the detail drifts from the contract (no actions)', async () => {
    const { actions: _dropped, ...withoutActions } = detail;
    nextDetail = withoutActions;
    await expect(app.tickets.getTicket(ticketId)).rejects.toMatchObject({ code: 'INTERNAL', title: 'Invalid response' });
  });

  it('resolves with the service report the contract requires, and is refused without one', async () => {
    await app.tickets.transitionTicket(ticketId, { action: 'resolve', report: { found: 'CCD 模块损坏', done: '更换 CCD 模块', parts: 'CCD 模块 ×1' } });
    expect(lastCall()?.body).toEqual({ action: 'resolve', report: { found: 'CCD 模块损坏', done: '更换 CCD 模块', parts: 'CCD 模块 ×1' } });

    const refused = await app.tickets.transitionTicket(ticketId, { action: 'resolve', note: '修好了' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', fieldErrors: [expect.objectContaining({ path: 'report' })] });

    await app.tickets.transitionTicket(ticketId, { action: 'hold', reason: 'awaiting_parts', note: '已订购' });
    expect(lastCall()?.body).toEqual({ action: 'hold', reason: 'awaiting_parts', note: '已订购' });
  });

  it('assigns an engineer and rates a repair', async () => {
    await app.tickets.assignTicket(ticketId, engineerId);
    expect(lastCall()).toMatchObject({ path: `/api/v1/tickets/${ticketId}/assign`, body: { engineerId } });
    await app.tickets.rateTicket(ticketId, { score: 5, comment: '响应很快' });
    expect(lastCall()).toMatchObject({ path: `/api/v1/tickets/${ticketId}/rating`, body: { score: 5, comment: '响应很快' } });
    const refused = await app.tickets.rateTicket(ticketId, { score: 0 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ path: 'score' })] });
  });

  it('lists comments and posts one with photos under an idempotency key', async () => {
    await expect(app.comments.listComments(ticketId)).resolves.toEqual([comment]);
    const fileId = randomUUID();
    const posted = await app.comments.addComment(ticketId, { body: '设备已送至维修间', fileIds: [fileId] }, 'comment-key-1');
    expect(posted.body).toBe('设备已送至维修间');
    expect(lastCall()).toMatchObject({ method: 'POST', body: { body: '设备已送至维修间', fileIds: [fileId] }, idempotencyKey: 'comment-key-1' });
    const empty = await app.comments.addComment(ticketId, { body: '', fileIds: [] }, 'comment-key-2').catch((e: unknown) => e);
    expect(empty).toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ path: 'body' })] });
  });

  it('delegates to a dealer picked from /dealers and ends the delegation', async () => {
    await expect(app.delegations.listDealerOptions()).resolves.toEqual([{ id: dealerId, name: '上海镜通医疗' }]);
    await app.delegations.delegateTicket(ticketId, { dealerId, purpose: 'onsite_check' });
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/tickets/${ticketId}/delegations`, body: { dealerId, purpose: 'onsite_check' } });
    await app.delegations.endDelegation(ticketId, dealerId);
    expect(lastCall()).toMatchObject({ method: 'DELETE', path: `/api/v1/tickets/${ticketId}/delegations/${dealerId}` });
  });

  it('offers the engineers to assign, by id and name only', async () => {
    await expect(app.engineers.listEngineers()).resolves.toEqual([{ id: engineerId, name: '李工' }]);
  });
});
