import type { EntityManager } from '@mikro-orm/core';
import type { z } from 'zod';
import type {
  AdminPrivacyRequestPageSchema,
  AdminPrivacyRequestQuerySchema,
  AdminPrivacyRequestView,
  PrivacyRequestStatus,
  RefusalReason,
} from '../../../../shared/schemas/privacy-requests.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { recordAudit } from '../audit/audit.service';
import { PrivacyRequestEventSchema } from './privacy-request-event.entity';
import { notifyPrivacyUpdate, type AdminStep } from './privacy-request-notifications';
import { sealNote, sealOutcome } from './privacy-request.codec';
import { PrivacyRequestSchema } from './privacy-request.entity';
import { adminRequestView } from './privacy-request.view';
import { countOverdue, OPEN_STATUSES, selectEvents, selectRequests, type RequestOrder, type RequestRow } from './privacy-requests.read';

type AdminQuery = z.infer<typeof AdminPrivacyRequestQuerySchema>;
type AdminPage = z.infer<typeof AdminPrivacyRequestPageSchema>;

const STATUS_LABEL: Record<PrivacyRequestStatus, string> = { received: '待受理', in_progress: '处理中', completed: '已办结', refused: '已拒绝' };
const RACED = '这条申请的状态刚刚发生了变化，请刷新后再看';

async function views(deps: AppDeps, em: EntityManager, rows: RequestRow[]): Promise<AdminPrivacyRequestView[]> {
  const events = await selectEvents(
    em,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  return rows.map((r) => adminRequestView(deps.cipher, deps.pii, r, events.get(r.id) ?? [], now));
}

/**
 * The queue. Open requests (the default) come the earliest due first, so the
 * most urgent is on top; closed ones the most recently closed first.
 * `overdue=true` narrows to open requests past their due date. `overdueCount`
 * is over the whole queue, whatever the filter, for the dashboard flag.
 */
export async function adminRequests(deps: AppDeps, em: EntityManager, query: AdminQuery): Promise<AdminPage> {
  const now = deps.clock.now();
  const statuses: readonly PrivacyRequestStatus[] = query.status === 'open' ? OPEN_STATUSES : [query.status];
  const order: RequestOrder = statuses.every((s) => (OPEN_STATUSES as readonly string[]).includes(s)) ? 'due_first' : 'recently_closed';
  const filter = { statuses, overdue: query.overdue ? { value: query.overdue === 'true', now } : undefined };
  let after: RequestRow | undefined;
  if (query.cursor) {
    [after] = await selectRequests(em, { id: query.cursor }, { order, limit: 1 });
    if (!after) throw new ValidationError([{ path: 'cursor', message: '翻页位置无效，请刷新列表' }]);
  }
  const found = await selectRequests(em, filter, { order, limit: query.limit + 1, after, withUser: true });
  const page = found.slice(0, query.limit);
  return {
    items: await views(deps, em, page),
    nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null,
    overdueCount: await countOverdue(em, now),
  };
}

async function requestRow(em: EntityManager, id: string): Promise<RequestRow> {
  const [row] = await selectRequests(em, { id }, { order: 'newest', limit: 1, withUser: true });
  if (!row) throw new NotFoundError('没有这条申请');
  return row;
}

export async function adminRequest(deps: AppDeps, em: EntityManager, id: string): Promise<AdminPrivacyRequestView> {
  const [view] = await views(deps, em, [await requestRow(em, id)]);
  return view!;
}

interface Step {
  step: AdminStep;
  /** The statuses it may start from, and what it moves to (none for a note). */
  from: readonly PrivacyRequestStatus[];
  to?: PrivacyRequestStatus;
  /** Why it may not start from the current status, in the admin's words. */
  refused: (status: PrivacyRequestStatus) => string;
  changes: (requestId: string) => Record<string, unknown>;
  note: string | null;
  audit: string;
}

/**
 * One admin step on a request: a conditional update from the statuses it may
 * start from, its event, the audit row and the requester's notice, all in one
 * transaction. Of two admins pressing at once one succeeds and the other gets
 * a 409, so a request is never taken, completed or refused twice.
 */
async function act(deps: AppDeps, em: EntityManager, admin: Actor, id: string, s: Step, requestId: string): Promise<AdminPrivacyRequestView> {
  const row = await requestRow(em, id);
  if (!s.from.includes(row.status)) throw new ConflictError(s.refused(row.status));
  const now = deps.clock.now();
  await em.transactional(async (tx) => {
    const moved = await tx.nativeUpdate(
      PrivacyRequestSchema,
      { id, status: { $in: [...s.from] } },
      { ...s.changes(id), ...(s.to ? { status: s.to } : {}), updatedAt: now },
    );
    if (moved !== 1) throw new ConflictError(RACED);
    const eventId = newId();
    tx.create(PrivacyRequestEventSchema, { id: eventId, createdAt: now, requestId: id, actorId: admin.userId, kind: s.step, noteSealed: sealNote(deps.cipher, eventId, s.note) });
    recordAudit(tx, { actorId: admin.userId, action: `privacy_request.${s.step}`, subjectUserId: row.userId, reason: s.audit, requestId });
    await notifyPrivacyUpdate(tx, now, row, s.step, eventId);
    await tx.flush();
  });
  return adminRequest(deps, em, id);
}

const audit = (row: { id: string }, ...parts: string[]) => [`privacy_request ${row.id}`, ...parts].join(' ');

/** Take up a received request: it is in progress, and this admin handles it. */
export function takeRequest(deps: AppDeps, em: EntityManager, admin: Actor, id: string, requestId: string) {
  return act(
    deps,
    em,
    admin,
    id,
    {
      step: 'taken',
      from: ['received'],
      to: 'in_progress',
      refused: (status) => `这条申请${STATUS_LABEL[status]}，只有待受理的申请可以受理`,
      changes: () => ({ handledById: admin.userId }),
      note: null,
      audit: audit({ id }),
    },
    requestId,
  );
}

/** A note the requester reads in the request's history, while it is open. */
export function noteRequest(deps: AppDeps, em: EntityManager, admin: Actor, id: string, input: { note: string }, requestId: string) {
  return act(
    deps,
    em,
    admin,
    id,
    {
      step: 'note',
      from: OPEN_STATUSES,
      refused: (status) => `这条申请${STATUS_LABEL[status]}，不能再添加说明`,
      changes: () => ({}),
      note: input.note,
      audit: audit({ id }),
    },
    requestId,
  );
}

const closeRefused = (verb: string) => (status: PrivacyRequestStatus) =>
  status === 'received' ? `请先受理这条申请，再${verb}` : `这条申请${STATUS_LABEL[status]}，不能再${verb}`;

/** Answer a request in progress: the outcome is what the requester reads. */
export function completeRequest(deps: AppDeps, em: EntityManager, admin: Actor, id: string, input: { outcome: string }, requestId: string) {
  const now = deps.clock.now();
  return act(
    deps,
    em,
    admin,
    id,
    {
      step: 'completed',
      from: ['in_progress'],
      to: 'completed',
      refused: closeRefused('办结'),
      changes: (rid) => ({ outcomeSealed: sealOutcome(deps.cipher, rid, input.outcome), closedAt: now }),
      note: input.outcome,
      audit: audit({ id }),
    },
    requestId,
  );
}

/**
 * Refuse a request in progress, on one of the legal grounds (REFUSAL_REASONS,
 * checked by the body schema: anything else never gets here) and with an
 * explanation the requester reads.
 */
export function refuseRequest(deps: AppDeps, em: EntityManager, admin: Actor, id: string, input: { reason: RefusalReason; outcome: string }, requestId: string) {
  const now = deps.clock.now();
  return act(
    deps,
    em,
    admin,
    id,
    {
      step: 'refused',
      from: ['in_progress'],
      to: 'refused',
      refused: closeRefused('拒绝'),
      changes: (rid) => ({ outcomeSealed: sealOutcome(deps.cipher, rid, input.outcome), refusalReason: input.reason, closedAt: now }),
      note: input.outcome,
      audit: audit({ id }, input.reason),
    },
    requestId,
  );
}
