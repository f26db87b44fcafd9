import type { EntityManager } from '@mikro-orm/core';
import { AuditEventSchema } from './audit-event.entity';

export interface AuditInput {
  actorId: string | null;
  action: string;
  subjectUserId?: string | null;
  fields?: string[] | null;
  reason?: string | null;
  requestId?: string | null;
}

/** Appends to the audit log inside the caller's unit of work; there is no update or delete path. */
export function recordAudit(em: EntityManager, input: AuditInput): void {
  em.create(AuditEventSchema, {
    actorId: input.actorId,
    action: input.action,
    subjectUserId: input.subjectUserId ?? null,
    fields: input.fields ?? null,
    reason: input.reason ?? null,
    requestId: input.requestId ?? null,
  });
}
