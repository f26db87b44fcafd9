import type { EntityManager } from '@mikro-orm/core';
import { DEALER_VIEW_FIELDS } from './provision.service';

export interface RecipientView {
  id: string;
  name: string;
  contractRef: string;
  purposes: string[];
  /** The personal fields a dealer's staff see of a delegated ticket (the minimal dealer view). */
  fields: string[];
  active: boolean;
  /** Staff accounts of the dealer. */
  staffCount: number;
  provisionCount: number;
  /** Distinct people whose ticket data the dealer received. */
  subjectCount: number;
  lastProvisionAt: string | null;
  createdAt: string;
}

const iso = (v: string | number | Date) => new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v).toISOString();

/**
 * The recipients registry (PIPL Art. 21, 23, 55; privacy.md "Entrusted
 * processing and provision"): every dealer organisation that receives
 * personal data under contract — the contract reference, the purposes, the
 * fields shared and how many provision records it has — active or not, by
 * name. Counts are aggregated in SQL, per dealer through the
 * provision_record.dealer_id index.
 */
export async function recipientsRegistry(em: EntityManager): Promise<{ items: RecipientView[] }> {
  const rows = (await em.getConnection().execute(
    `select d.id, d.name, d.contract_ref, d.purposes, d.active, d.created_at,
            (select count(*) from app_user u where u.dealer_id = d.id) as staff,
            (select count(*) from provision_record p where p.dealer_id = d.id) as provisions,
            (select count(distinct p.subject_user_id) from provision_record p where p.dealer_id = d.id) as subjects,
            (select max(p.created_at) from provision_record p where p.dealer_id = d.id) as last_at
       from dealer d
      order by d.name`,
  )) as unknown as {
    id: string;
    name: string;
    contract_ref: string;
    purposes: string | string[];
    active: boolean | number;
    created_at: string | number | Date;
    staff: number | string;
    provisions: number | string | null;
    subjects: number | string | null;
    last_at: string | number | Date | null;
  }[];
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      contractRef: r.contract_ref,
      purposes: typeof r.purposes === 'string' ? (JSON.parse(r.purposes) as string[]) : r.purposes,
      fields: [...DEALER_VIEW_FIELDS],
      active: Boolean(r.active),
      staffCount: Number(r.staff),
      provisionCount: Number(r.provisions ?? 0),
      subjectCount: Number(r.subjects ?? 0),
      lastProvisionAt: r.last_at === null ? null : iso(r.last_at),
      createdAt: iso(r.created_at),
    })),
  };
}
