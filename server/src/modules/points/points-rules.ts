import { EARNING_REASONS, EarningRulesOverrideSchema, type EarningReason, type EarningRule } from '../../../../shared/schemas/points.schema';

export type EarningRules = Record<EarningReason, EarningRule>;

/**
 * Default earning rules (issue 7). Caps count earnings (entries) per person
 * in Asia/Shanghai calendar days and years. `POINTS_RULES` may replace any
 * reason's rule; a rule with points 0 or a cap 0 turns that earning off.
 */
export const DEFAULT_EARNING_RULES: EarningRules = {
  registration_approved: { points: 100, perDay: 1, perYear: 1 },
  ticket_rated: { points: 20, perDay: 3, perYear: 50 },
  document_first_read: { points: 5, perDay: 5, perYear: 100 },
};

export const DEFAULT_YEARLY_VALUE_CAP_YUAN = 500;

export type ParsedRules = { ok: true; value: EarningRules } | { ok: false; message: string };

/** `POINTS_RULES`: a JSON object keyed by reason, merged over the defaults. Empty means the defaults. */
export function parseEarningRules(text: string): ParsedRules {
  if (!text.trim()) return { ok: true, value: { ...DEFAULT_EARNING_RULES } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'must be JSON, e.g. {"ticket_rated":{"points":20,"perDay":3,"perYear":50}}' };
  }
  const parsed = EarningRulesOverrideSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${issue.path.join('.') || '(root)'}: ${issue.message} (reasons: ${EARNING_REASONS.join(', ')})` };
  }
  return { ok: true, value: { ...DEFAULT_EARNING_RULES, ...parsed.data } };
}
