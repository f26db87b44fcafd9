import type { z } from 'zod';
import type { FieldError } from '../../../shared/errors';
import { ValidationError } from '../core/errors';

export function fieldErrorsOf(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** Parses input with a shared zod schema; a failure is a 422 naming each field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where?: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error, where === 'body' ? undefined : where));
  return result.data;
}
