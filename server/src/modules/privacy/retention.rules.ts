import { z } from 'zod';
import type { Parsed } from '../../../../shared/sla';

/**
 * The retention table (privacy.md, "Retention limits"; PIPL Art. 19): how
 * long each category of personal data is kept, from which moment, and what
 * happens then. `RETENTION_DAYS` may change any period (JSON merged over the
 * defaults); the logs that are legal evidence cannot be set below three
 * years. docs/retention.md is the same table for people.
 */
export const RETENTION_CATEGORIES = [
  'badge_photos',
  'unattached_uploads',
  'chat_messages',
  'ticket_personal',
  'browsing_records',
  'sms_codes',
  'sessions',
  'idempotency_records',
  'outbox_delivered',
  'notifications',
  'pii_access_log',
  'provision_records',
  'audit_log',
  'job_runs',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];
export type RetentionDays = Record<RetentionCategory, number>;

export interface RetentionRule {
  /** The default period in days. */
  days: number;
  /** The shortest period the setting may choose (legal evidence: three years, PIPL Art. 55/56 records). */
  minDays: number;
  /** The moment the period is counted from. */
  from: string;
  /** What happens when it is over. */
  then: 'delete' | 'anonymise';
}

const THREE_YEARS = 3 * 365;

export const RETENTION_RULES: Record<RetentionCategory, RetentionRule> = {
  badge_photos: { days: 30, minDays: 1, from: 'the registration decision (a badge no registration uses: its upload)', then: 'delete' },
  unattached_uploads: { days: 30, minDays: 1, from: 'the upload of fault media or chat media never attached to a ticket or message', then: 'delete' },
  chat_messages: { days: THREE_YEARS, minDays: 1, from: 'the message', then: 'delete' },
  ticket_personal: { days: 5 * 365, minDays: 1, from: 'the ticket closing (or cancellation)', then: 'anonymise' },
  browsing_records: { days: 2 * 365, minDays: 1, from: 'the opening of the document', then: 'delete' },
  sms_codes: { days: 1, minDays: 1, from: 'the code’s expiry', then: 'delete' },
  sessions: { days: 30, minDays: 1, from: 'the session’s end (expiry or revocation)', then: 'delete' },
  idempotency_records: { days: 7, minDays: 1, from: 'the request', then: 'delete' },
  outbox_delivered: { days: 30, minDays: 1, from: 'the delivery', then: 'delete' },
  notifications: { days: 365, minDays: 1, from: 'the notification', then: 'delete' },
  pii_access_log: { days: THREE_YEARS, minDays: THREE_YEARS, from: 'the access', then: 'delete' },
  provision_records: { days: THREE_YEARS, minDays: THREE_YEARS, from: 'the provision', then: 'delete' },
  audit_log: { days: THREE_YEARS, minDays: THREE_YEARS, from: 'the recorded decision', then: 'delete' },
  job_runs: { days: 90, minDays: 1, from: 'the run', then: 'delete' },
};

export const DEFAULT_RETENTION_DAYS: RetentionDays = Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, RETENTION_RULES[c].days])) as RetentionDays;

const OverrideSchema = z.partialRecord(z.enum(RETENTION_CATEGORIES), z.number().int().min(1).max(36_500)).superRefine((value, ctx) => {
  for (const [category, days] of Object.entries(value) as [RetentionCategory, number][]) {
    const min = RETENTION_RULES[category].minDays;
    if (days < min) ctx.addIssue({ code: 'custom', path: [category], message: `must be at least ${min} days (kept as legal evidence)` });
  }
});

/** `RETENTION_DAYS`: a JSON object of days by category, merged over the defaults. Empty means the defaults. */
export function parseRetentionDays(text: string): Parsed<RetentionDays> {
  if (!text.trim()) return { ok: true, value: { ...DEFAULT_RETENTION_DAYS } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'must be JSON, e.g. {"chat_messages":730,"browsing_records":365}' };
  }
  const parsed = OverrideSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${issue.path.join('.') || '(root)'}: ${issue.message} (categories: ${RETENTION_CATEGORIES.join(', ')})` };
  }
  return { ok: true, value: { ...DEFAULT_RETENTION_DAYS, ...parsed.data } };
}
