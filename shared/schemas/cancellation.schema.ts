import { z } from 'zod';
import { IsoDateTime } from './common.schema';

/**
 * `POST /me/cancellation`: cancel the account. The person confirms and
 * re-verifies with a fresh SMS code to their own number (purpose
 * `login`); sessions end at once; personal data is deleted or
 * anonymised after `CANCELLATION_GRACE_DAYS` (default 15), until when signing
 * in again and `DELETE /me/cancellation` undoes it.
 */
export const CancellationRequestSchema = z.object({
  confirm: z.literal(true, { message: '请确认已了解注销的后果' }),
  code: z.string().regex(/^\d{6}$/, '请输入 6 位验证码'),
});
export type CancellationRequest = z.infer<typeof CancellationRequestSchema>;

export const CancellationViewSchema = z.object({
  status: z.enum(['none', 'cancelling']),
  requestedAt: IsoDateTime.nullable(),
  /** When the purge may run; signing in before then and undoing keeps the account. */
  purgeAfter: IsoDateTime.nullable(),
  graceDays: z.number().int(),
});
export type CancellationView = z.infer<typeof CancellationViewSchema>;
