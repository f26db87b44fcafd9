import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { ConflictError } from '../errors';
import { newId } from '../ids';
import { IdempotencyRecordSchema } from './idempotency-record.entity';

export class IdempotencyConflictError extends ConflictError {
  override readonly code = 'IDEMPOTENCY_CONFLICT' as const;
}

function hashBody(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
}

/**
 * Runs `work` once per (user, route, key). The record is inserted first,
 * inside the same transaction as the work, so concurrent duplicates wait on
 * the unique index and then replay the first answer; a failure rolls both
 * back, so the retry runs again. The same key with another body is a 409.
 */
export async function once<T>(
  em: EntityManager,
  scope: { userId: string; route: string; key: string | undefined; body: unknown },
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  if (!scope.key) return em.transactional(work);
  const key = scope.key.slice(0, 100);
  const bodyHash = hashBody(scope.body);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await em.fork().transactional(async (tx) => {
        await tx.insert(IdempotencyRecordSchema, { id: newId(), createdAt: new Date(), userId: scope.userId, route: scope.route, key, bodyHash, responseBody: null });
        const result = await work(tx);
        await tx.nativeUpdate(IdempotencyRecordSchema, { userId: scope.userId, route: scope.route, key }, { responseBody: result as never });
        return result;
      });
    } catch (err) {
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      const previous = await em.fork().findOne(IdempotencyRecordSchema, { userId: scope.userId, route: scope.route, key });
      if (!previous) continue;
      if (previous.bodyHash !== bodyHash) throw new IdempotencyConflictError('This Idempotency-Key was used for a different request.');
      if (previous.responseBody !== null) return previous.responseBody as T;
    }
  }
  throw new ConflictError('The same request is still being processed; try again in a moment.');
}
