import type { EntityManager } from '@mikro-orm/core';
import type { PiiAccessAction } from '../../../../shared/schemas/access-log.schema';
import { newId } from '../../core/ids';
import { PiiAccessSchema } from './pii-access.entity';

export interface PiiAccessInput {
  actorId: string | null;
  /** Whose data was revealed; null with `subjectCount` for an export covering many. */
  subjectUserId: string | null;
  subjectCount?: number;
  action: PiiAccessAction;
  fields: string[];
  /** Why, in words an auditor understands: `注册审核`, `发货`, `delegation:onsite_check`. */
  purpose: string;
  requestId: string | null;
}

/**
 * Appends to the personal-information access log inside the caller's unit
 * of work, so the reveal and its record commit together (flushed with the
 * caller's flush). There is no update or delete path anywhere.
 */
export function recordPiiAccess(em: EntityManager, input: PiiAccessInput): void {
  em.create(PiiAccessSchema, {
    id: newId(),
    actorId: input.actorId,
    subjectUserId: input.subjectUserId,
    subjectCount: input.subjectCount ?? 1,
    action: input.action,
    fields: input.fields,
    purpose: input.purpose.slice(0, 100),
    requestId: input.requestId,
  });
}
