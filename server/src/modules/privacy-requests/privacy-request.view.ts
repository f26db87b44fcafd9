import type { AdminPrivacyRequestView, PrivacyRequestView } from '../../../../shared/schemas/privacy-requests.schema';
import type { FieldCipher } from '../../core/pii/field-cipher';
import type { User } from '../users/user.entity';
import type { UserPii } from '../users/user.pii';
import { openDetails, openNote, openOutcome } from './privacy-request.codec';
import { OPEN_STATUSES, type EventRow, type RequestRow } from './privacy-requests.read';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Open and past its due date at `now`. */
export function isOverdue(row: Pick<RequestRow, 'status' | 'dueAt'>, now: Date): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(row.status) && row.dueAt.getTime() < now.getTime();
}

/**
 * A request with its history. Who acted is told as the requester sees it —
 * themselves, the privacy team (`admin`, never a name) or the system — for
 * admins too: the handler is named once, in `handledById`.
 */
export function requestView(cipher: FieldCipher, row: RequestRow, events: EventRow[], now: Date): PrivacyRequestView {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    details: openDetails(cipher, row.id, row.detailsSealed) ?? '',
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    overdue: isOverdue(row, now),
    closedAt: iso(row.closedAt),
    outcome: openOutcome(cipher, row.id, row.outcomeSealed),
    refusalReason: row.refusalReason,
    events: events.map((e) => ({
      kind: e.kind,
      note: openNote(cipher, e.id, e.noteSealed),
      by: e.actorId === null ? 'system' : e.actorId === row.userId ? 'user' : 'admin',
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/** The admin's view adds who asked (name and hospital) and who handles it. */
export function adminRequestView(cipher: FieldCipher, pii: UserPii, row: RequestRow, events: EventRow[], now: Date): AdminPrivacyRequestView {
  const name = row.userNameSealed ? pii.get({ id: row.userId, nameSealed: row.userNameSealed } as User, 'name') : null;
  return {
    ...requestView(cipher, row, events, now),
    user: { id: row.userId, name, hospital: row.hospitalName },
    handledById: row.handledById,
  };
}
