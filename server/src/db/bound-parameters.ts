import type { MikroORM } from '@mikro-orm/core';

type Method = 'all' | 'get' | 'run';

/** The parts of MikroORM's SQL connection this module calls (some are protected in its types). */
interface SqlConnection {
  execute(query: unknown, params?: unknown[], method?: Method, ctx?: unknown, loggerContext?: object): Promise<unknown>;
  ensureConnection(): Promise<void>;
  getKnex(): {
    raw(sql: string, bindings?: readonly unknown[]): { transacting(trx: unknown): unknown } & PromiseLike<unknown>;
    client: KnexClient;
  };
  config: { get(key: 'onQuery'): (sql: string, params: readonly unknown[]) => string };
  executeQuery<T>(sql: string, run: () => Promise<T>, context: object): Promise<T>;
  transformRawResult<T>(res: unknown, method: Method): T;
}

interface KnexClient {
  acquireConnection(): Promise<SqliteDatabase>;
  releaseConnection(db: SqliteDatabase): Promise<void>;
  emit(event: 'query', data: { sql: string; bindings: readonly unknown[] }): void;
}

interface SqliteStatement {
  reader: boolean;
  all(bindings: unknown[]): unknown[];
  run(bindings: unknown[]): unknown;
}

interface SqliteDatabase {
  open: boolean;
  inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
}

/** As knex's better-sqlite3 client binds them. */
const driverValue = (v: unknown) => (v instanceof Date ? v.valueOf() : typeof v === 'boolean' ? Number(v) : v);

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
 * behave as in MikroORM's `execute`. Outside transactions the statement runs
 * directly on the connection (decision 015).
 */
export async function bindParameters(orm: MikroORM): Promise<void> {
  const conn = orm.em.getConnection() as unknown as SqlConnection;
  const literal = conn.execute.bind(conn);
  const client = conn.getKnex().client;
  // The pool's only connection (knex gives SQLite one). Held to run a statement straight on it when no
  // transaction is open: better-sqlite3 is synchronous, and knex's runner, pool and promise layers
  // around it cost a list request about as much as its statement.
  const db = await client.acquireConnection();
  await client.releaseConnection(db);
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
        // Inside a transaction (ours, or another request's holding the connection) knex's queue keeps statements apart.
        if (!trx && db.open && !db.inTransaction) {
          client.emit('query', { sql: text, bindings }); // as knex does: the test-only query probe listens
          const statement = db.prepare(text);
          const values = bindings.map(driverValue);
          return conn.transformRawResult(statement.reader ? statement.all(values) : statement.run(values), method);
        }
        const query = conn.getKnex().raw(text, bindings.length ? bindings : undefined);
        if (trx) query.transacting(trx);
        return conn.transformRawResult(await query, method);
      },
      { query: text, params: bindings, ...loggerContext },
    );
  };
}
