import type { z } from 'zod';
import type { FieldError } from '../../../shared/errors';
import { ValidationError } from '../core/errors';

export function fieldErrorsOf(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/**
 * NUL and unpaired surrogates: no person types them, PostgreSQL cannot store
 * the first and turns the second into U+FFFD, and SQLite would keep both —
 * so the two databases would disagree about what was saved. With the `u`
 * flag a proper surrogate pair is one code point, so `\p{Cs}` finds only
 * halves of one.
 */
const UNSTORABLE = /\u0000|\p{Cs}/u;

/** The path of the first string (value or key) that holds an unstorable character; a loop, not recursion, as JSON may nest deeply. */
function unstorableAt(input: unknown): string | undefined {
  const stack: [unknown, string][] = [[input, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return path;
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return at;
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}

/** Parses input with a shared zod schema; a failure is a 422 naming each field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where?: 'body' | 'query' | 'params'): z.infer<S> {
  const bad = unstorableAt(input);
  if (bad !== undefined) {
    throw new ValidationError([{ path: [where === 'body' ? undefined : where, bad].filter(Boolean).join('.'), message: '含有无法识别的字符，请删除后重试' }]);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error, where === 'body' ? undefined : where));
  return result.data;
}
