import type { Role } from '../../../../shared/permissions';
import type { CHAT_SCOPES, CHAT_STATUSES } from '../../../../shared/schemas/chat.schema';

export type ChatScope = (typeof CHAT_SCOPES)[number];
export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** Who is asking, as the chat policy sees them. */
export interface ChatActor {
  userId: string;
  role: Role;
}

/** A conversation as the policy needs it. */
export interface ChatState {
  ownerId: string;
  status: string;
  claimedById: string | null;
}

/**
 * Which conversations a list or a single read may return. `none` selects
 * nothing; the other fields narrow with AND.
 */
export interface ChatFilter {
  none?: true;
  ownerId?: string;
  /** `null`: unclaimed only. */
  claimedById?: string | null;
  status?: ChatStatus;
  /** Staff only: conversations opened before this are outside the visibility window. */
  createdAfter?: Date;
}

const DAY_MS = 24 * 3600_000;

/** Engineers and admins answer conversations; staff open them. */
export function isAnswerer(role: Role): boolean {
  return role === 'engineer' || role === 'admin';
}

/**
 * What an actor may see (access-matrix.md, "chat sessions and messages":
 * staff own inside the window — advanced staff included, a conversation is
 * personal, not departmental; engineers and admins all; dealers nothing),
 * narrowed by `scope` and `status`. Pure, like `ticketFilter`: the same
 * filter answers lists and single reads, so they cannot disagree.
 *
 * Answerers without a scope get the open conversations (their work queue);
 * `unclaimed` is open and unclaimed unless a status is asked for; `claimed`
 * and `mine` are those they claimed; `all` is open and closed. For staff
 * `mine` and `all` are their own; a scope naming a relation staff cannot
 * have selects nothing.
 */
export function chatFilter(actor: ChatActor, scope: ChatScope | undefined, status: ChatStatus | undefined, now: Date, windowDays: number): ChatFilter {
  switch (actor.role) {
    case 'staff': {
      if (scope === 'unclaimed' || scope === 'claimed') return { none: true };
      const createdAfter = new Date(now.getTime() - windowDays * DAY_MS);
      return { ownerId: actor.userId, createdAfter, ...(status ? { status } : {}) };
    }
    case 'engineer':
    case 'admin':
      if (scope === 'unclaimed') return { claimedById: null, status: status ?? 'open' };
      if (scope === 'claimed' || scope === 'mine') return { claimedById: actor.userId, ...(status ? { status } : {}) };
      if (scope === 'all') return status ? { status } : {};
      return { status: status ?? 'open' };
    case 'dealer':
      return { none: true };
  }
}

/** Everything the actor may see, whatever its state: the filter for reading one conversation. */
export function visibleChatFilter(actor: ChatActor, now: Date, windowDays: number): ChatFilter {
  return chatFilter(actor, 'all', undefined, now, windowDays);
}

/**
 * Only the conversations whose unread count can be non-zero for the actor
 * (see `unread` in chat.read.ts): the badge total sums over these, not over
 * every conversation an admin may see.
 */
export function unreadRelevance(actor: ChatActor, now: Date, windowDays: number): { ownerId: string; createdAfter: Date } | { answerer: string } | { none: true } {
  if (actor.role === 'staff') return { ownerId: actor.userId, createdAfter: new Date(now.getTime() - windowDays * DAY_MS) };
  if (isAnswerer(actor.role)) return { answerer: actor.userId };
  return { none: true };
}

export type SendDecision = { ok: true; claim: boolean } | { ok: false; reason: 'closed' | 'claimed_by_other' };

/**
 * May the actor post in a conversation they can see? The owner while it is
 * open. An engineer answers an unclaimed one (and so claims it) or their
 * own; one claimed by a colleague is theirs to answer, not ours. Admins may
 * step into any open conversation; they claim it only if nobody has.
 */
export function sendDecision(actor: ChatActor, chat: ChatState): SendDecision {
  if (chat.status !== 'open') return { ok: false, reason: 'closed' };
  if (chat.ownerId === actor.userId) return { ok: true, claim: false };
  if (!isAnswerer(actor.role)) return { ok: false, reason: 'claimed_by_other' };
  if (chat.claimedById === null) return { ok: true, claim: true };
  if (chat.claimedById === actor.userId || actor.role === 'admin') return { ok: true, claim: false };
  return { ok: false, reason: 'claimed_by_other' };
}

export type ClaimDecision = { ok: true; changes: boolean } | { ok: false; reason: 'closed' | 'claimed_by_other' };

/** Claiming: an open conversation nobody has, or (admins) one a colleague has. Claiming one's own again changes nothing. */
export function claimDecision(actor: ChatActor, chat: ChatState): ClaimDecision {
  if (chat.status !== 'open') return { ok: false, reason: 'closed' };
  if (chat.claimedById === actor.userId) return { ok: true, changes: false };
  if (chat.claimedById === null || actor.role === 'admin') return { ok: true, changes: true };
  return { ok: false, reason: 'claimed_by_other' };
}

/** Closing: the owner, the engineer who claimed it, or an admin. */
export function mayClose(actor: ChatActor, chat: ChatState): boolean {
  return chat.ownerId === actor.userId || chat.claimedById === actor.userId || actor.role === 'admin';
}

/** A quick answer is written by whoever answered (never the asker): engineers and admins. */
export function mayWriteQuickAnswer(actor: ChatActor): boolean {
  return isAnswerer(actor.role);
}

/** Only the answer of an engineer or admin to someone else's question tells the asker. */
export function notifiesOwner(actor: ChatActor, chat: Pick<ChatState, 'ownerId'>): boolean {
  return isAnswerer(actor.role) && chat.ownerId !== actor.userId;
}
