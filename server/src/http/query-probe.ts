import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Middleware } from 'koa';
import type { AppState } from './state';

/** The SQL statements one request ran, in order (including BEGIN/COMMIT). */
export interface RequestQueries {
  method: string;
  path: string;
  status: number;
  statements: string[];
}

export type QueryListener = (report: RequestQueries) => void;

/**
 * Test-only: attributes every statement knex sends to the request that sent
 * it, so a test can assert how many statements a route runs (no N+1). knex
 * emits `query` for everything MikroORM executes, transactions included;
 * AsyncLocalStorage tells requests apart from each other and from the
 * outbox worker. Never mounted unless a listener is passed to createApp.
 */
export function queryProbe(orm: MikroORM, listener: QueryListener): Middleware<AppState> {
  const current = new AsyncLocalStorage<string[]>();
  const knex = (orm.em as SqlEntityManager).getKnex();
  knex.on('query', (q: { sql: string }) => current.getStore()?.push(q.sql));
  return async (ctx, next) => {
    const statements: string[] = [];
    try {
      await current.run(statements, next);
    } finally {
      listener({ method: ctx.method, path: ctx.path, status: ctx.status, statements });
    }
  };
}
