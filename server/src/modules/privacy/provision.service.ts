import type { EntityManager } from '@mikro-orm/core';
import { recordPiiAccess } from './pii-access.service';
import { ProvisionRecordSchema } from './provision-record.entity';

/** The personal fields in a dealer's ticket view (shared/schemas/tickets.schema.ts, DealerTicketView). */
export const DEALER_VIEW_FIELDS = ['contactName', 'contactPhone', 'description', 'equipment', 'hospital', 'department'];

/** Records that a dealer's staff member was shown these tickets; flushed with the caller's unit of work. */
export function recordDealerProvision(
  em: EntityManager,
  reads: { ticketId: string; reporterId: string; purpose: string }[],
  recipient: { userId: string; dealerId: string },
  requestId: string,
): void {
  for (const read of reads) {
    em.create(ProvisionRecordSchema, {
      ticketId: read.ticketId,
      subjectUserId: read.reporterId,
      dealerId: recipient.dealerId,
      recipientUserId: recipient.userId,
      purpose: read.purpose,
      fields: DEALER_VIEW_FIELDS,
      requestId,
    });
    recordPiiAccess(em, { actorId: recipient.userId, subjectUserId: read.reporterId, action: 'dealer.read', fields: DEALER_VIEW_FIELDS, purpose: `delegation:${read.purpose}`, requestId });
  }
}

export interface ProvisionView {
  ticketNumber: string;
  dealer: string;
  purpose: string;
  fields: string[];
  at: string;
}

/**
 * A person's own provision records, newest first: which dealer received
 * which ticket's data, and when (privacy.md). `limit` null reads them all
 * (the export).
 */
export async function ownProvisions(em: EntityManager, userId: string, limit: number | null = 200): Promise<{ items: ProvisionView[] }> {
  const rows = (await em.getConnection().execute(
    `select t.number, d.name as dealer, p.purpose, p.fields, p.created_at from provision_record p
       join ticket t on t.id = p.ticket_id join dealer d on d.id = p.dealer_id
      where p.subject_user_id = ? order by p.id desc${limit === null ? '' : ' limit ?'}`,
    limit === null ? [userId] : [userId, limit],
  )) as unknown as { number: string; dealer: string; purpose: string; fields: string | string[]; created_at: string | number | Date }[];
  return {
    items: rows.map((r) => ({
      ticketNumber: r.number,
      dealer: r.dealer,
      purpose: r.purpose,
      fields: typeof r.fields === 'string' ? (JSON.parse(r.fields) as string[]) : r.fields,
      at: new Date(r.created_at).toISOString(),
    })),
  };
}
