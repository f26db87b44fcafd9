/**
 * Keeps better-sqlite3's prepared statements for reuse. Knex prepares every
 * statement anew, and compiling SQL is the largest single cost of a small
 * request on SQLite (a CPU profile of `GET /me` put 12 % of all time in
 * `prepare`, more than executing the statements). A statement object is safe
 * to reuse: knex runs it to completion synchronously (`all` / `run`), and
 * SQLite recompiles it by itself after a schema change.
 */
interface SqliteStatement {
  safeIntegers(on?: boolean): unknown;
}

interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

/** Distinct statements kept; lists with `in (?, ?, …)` of varying length make many, so the oldest unused go first. */
export const STATEMENT_CACHE_SIZE = 1000;

export function cachePreparedStatements(db: SqliteDatabase, size = STATEMENT_CACHE_SIZE): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, SqliteStatement>();
  db.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below: the map's order is least recently used first
      // Knex sets safe integers only when a query asks for them; a reused statement must not keep the last query's.
      statement.safeIntegers(false);
    } else {
      statement = prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement;
  };
}
