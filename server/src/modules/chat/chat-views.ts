import type { EntityManager } from '@mikro-orm/core';
import type { ChatMessageView, ChatSummary } from '../../../../shared/schemas/chat.schema';
import type { AppDeps } from '../../app-deps';
import { UserSchema } from '../users/user.entity';
import type { ChatMessage } from './chat-message.entity';
import type { ChatRow } from './chat.read';

/** Message text is sealed per row: the transcript is personal (privacy.md). */
export const messageBodyRef = (id: string) => ({ table: 'chat_message', column: 'body', id });

const PREVIEW_CHARS = 30;
const MEDIA_PREVIEW: Record<string, string> = { image: '[图片]', voice: '[语音]' };

export interface Person {
  name: string;
  role: string;
}

/** Names and roles of the people on a page, in one query. */
export async function peopleOf(deps: AppDeps, em: EntityManager, ids: (string | null)[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!unique.length) return new Map();
  const users = await em.find(UserSchema, { id: { $in: unique } }, { fields: ['id', 'nameSealed', 'role'] as never });
  return new Map(users.map((u) => [u.id, { name: deps.pii.get(u, 'name') ?? '', role: u.role }]));
}

function preview(deps: AppDeps, row: ChatRow): string {
  if (!row.lastMessageId || !row.lastKind) return '';
  if (row.lastKind !== 'text') return MEDIA_PREVIEW[row.lastKind] ?? '';
  const text = row.lastBodySealed ? deps.cipher.open(messageBodyRef(row.lastMessageId), row.lastBodySealed) : '';
  const chars = [...text];
  return chars.length <= PREVIEW_CHARS ? text : `${chars.slice(0, PREVIEW_CHARS).join('')}…`;
}

export function chatSummary(deps: AppDeps, row: ChatRow, people: Map<string, Person>): ChatSummary {
  return {
    id: row.id,
    status: row.status as ChatSummary['status'],
    ticket: row.ticketId && row.ticketNumber ? { id: row.ticketId, number: row.ticketNumber } : null,
    owner: { id: row.ownerId, name: people.get(row.ownerId)?.name ?? '', hospital: row.hospitalName, department: row.departmentName },
    claimedBy: row.claimedById ? { id: row.claimedById, name: people.get(row.claimedById)?.name ?? '' } : null,
    lastMessage: { preview: preview(deps, row), at: row.lastMessageAt.toISOString() },
    unread: row.unread,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Summaries of rows with the names they mention (one query for all). */
export async function chatSummaries(deps: AppDeps, em: EntityManager, rows: ChatRow[]): Promise<ChatSummary[]> {
  const people = await peopleOf(deps, em, rows.flatMap((r) => [r.ownerId, r.claimedById]));
  return rows.map((r) => chatSummary(deps, r, people));
}

export function messageView(deps: AppDeps, viewerId: string, m: ChatMessage, people: Map<string, Person>): ChatMessageView {
  const author = people.get(m.authorId);
  return {
    id: m.id,
    chatId: m.chat.id,
    author: { id: m.authorId, name: author?.name ?? '', role: author?.role ?? 'staff' },
    mine: m.authorId === viewerId,
    kind: m.kind as ChatMessageView['kind'],
    text: m.bodySealed ? deps.cipher.open(messageBodyRef(m.id), m.bodySealed) : null,
    fileId: m.fileId ?? null,
    clientId: m.clientId ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}
