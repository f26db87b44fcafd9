import type { MikroORM } from '@mikro-orm/core';

type Method = 'all' | 'get' | 'run';

/** The parts of MikroORM's SQL connection this module calls (some are protected in its types). */
interface SqlConnection {
  execute(query: unknown, params?: unknown[], method?: Method, ctx?: unknown, loggerContext?: object): Promise<unknown>;
  ensureConnection(): Promise<void>;
  getKnex(): { raw(sql: string, bindings?: readonly unknown[]): { transacting(trx: unknown): unknown } & PromiseLike<unknown> };
  config: { get(key: 'onQuery'): (sql: string, params: readonly unknown[]) => string };
  executeQuery<T>(sql: string, run: () => Promise<T>, context: object): Promise<T>;
  transformRawResult<T>(res: unknown, method: Method): T;
}

/** Values better-sqlite3 binds as they are (knex turns Dates into epoch ms and booleans into 0/1, as MikroORM's literals do). */
function bindable(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    value instanceof Date ||
    Buffer.isBuffer(value)
  );
}

/**
 * MikroORM's `execute` writes every parameter into the SQL text as a literal
 * before running it (`platform.formatQuery`). On SQLite that makes each
 * statement with a timestamp or an id in it a new statement, compiled anew
 * and never found in the prepared-statement cache (statement-cache.ts): on a
 * million tickets, a list request spent more time compiling its SQL than
 * running it, and a thousand cached one-off statements took 500 MB. This
 * passes the parameters as bindings instead, where each is a plain value;
 * anything else (raw fragments, JSON objects, arrays, `??` identifiers) still
 * takes MikroORM's own path. Logging, the `onQuery` hook and transactions
 * behave as in MikroORM's `execute`.
 */
export function bindParameters(orm: MikroORM): void {
  const conn = orm.em.getConnection() as unknown as SqlConnection;
  const literal = conn.execute.bind(conn);
  conn.execute = async (queryOrKnex, params = [], method = 'all', ctx, loggerContext) => {
    let sql: unknown = queryOrKnex;
    let bindings: readonly unknown[] = params;
    let trx = ctx;
    if (typeof queryOrKnex === 'object' && queryOrKnex !== null) {
      const builder = queryOrKnex as { toSQL(): { sql: string; bindings?: unknown[] }; client: { transacting?: boolean } };
      const compiled = builder.toSQL();
      sql = compiled.sql;
      bindings = compiled.bindings ?? [];
      trx ??= builder.client.transacting ? queryOrKnex : undefined;
    }
    if (typeof sql !== 'string' || sql.includes('??') || sql.includes('\\?') || !bindings.every(bindable)) {
      return literal(sql, [...bindings], method, trx, loggerContext);
    }
    await conn.ensureConnection();
    const text = conn.config.get('onQuery')(sql, bindings);
    return conn.executeQuery(
      text,
      async () => {
        const query = conn.getKnex().raw(text, bindings.length ? bindings : undefined);
        if (trx) query.transacting(trx);
        return conn.transformRawResult(await query, method);
      },
      { query: text, params: bindings, ...loggerContext },
    );
  };
}
