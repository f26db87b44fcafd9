import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
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
        // Plain statements: a create's own hot path (docs/performance.md); the driver still turns a duplicate into UniqueConstraintViolationException.
        const sql = tx as SqlEntityManager;
        await sql.execute('insert into idempotency_record (id, created_at, user_id, route, "key", body_hash, response_body) values (?, ?, ?, ?, ?, ?, null)', [newId(), new Date(), scope.userId, scope.route, key, bodyHash], 'run');
        const result = await work(tx);
        await sql.execute('update idempotency_record set response_body = ? where user_id = ? and route = ? and "key" = ?', [JSON.stringify(result ?? null), scope.userId, scope.route, key], 'run');
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
