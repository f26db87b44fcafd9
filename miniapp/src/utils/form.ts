import type { z } from 'zod'
import type { FieldError } from '@shared/errors'

/** Field name → the message to show under it. */
export type FieldErrors = Partial<Record<string, string>>

/**
 * Client-side: the first issue per top-level field of a failed safeParse.
 * `fallback` replaces zod's generic English text for fields whose schema has no Chinese message.
 */
export function fieldErrorsOfZod(error: z.ZodError, fallback: FieldErrors = {}): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '')
    if (!key || out[key]) continue
    out[key] = hasChinese(issue.message) ? issue.message : fallback[key] ?? '请检查此项'
  }
  return out
}

/** Server-side: problem+json `errors` (`path` = field name, possibly dotted). */
export function fieldErrorsOfServer(errors: FieldError[], fallback: FieldErrors = {}): FieldErrors {
  const out: FieldErrors = {}
  for (const e of errors) {
    const key = e.path.split('.')[0] ?? ''
    if (!key || out[key]) continue
    out[key] = hasChinese(e.message) ? e.message : fallback[key] ?? '请检查此项'
  }
  return out
}

function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fa5]/.test(text)
}
