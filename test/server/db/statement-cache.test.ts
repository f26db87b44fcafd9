import Database from 'better-sqlite3';
import { cachePreparedStatements } from '../../../server/src/db/statement-cache';
import { initOrm } from '../../../server/src/db/init-orm';

function database(size?: number) {
  const db = new Database(':memory:');
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  cachePreparedStatements(db, size);
  db.exec('create table t (id integer primary key, name text)');
  return { db, prepared };
}

describe('prepared statement cache (SQLite)', () => {
  it('compiles a statement once and answers each call with its own bindings', () => {
    const { db, prepared } = database();
    const insert = 'insert into t (id, name) values (?, ?)';
    db.prepare(insert).run(1, 'a');
    db.prepare(insert).run(2, 'b');
    const select = 'select name from t where id = ?';
    expect(db.prepare(select).get(1)).toEqual({ name: 'a' });
    expect(db.prepare(select).get(2)).toEqual({ name: 'b' });
    expect(prepared.filter((sql) => sql === insert)).toHaveLength(1);
    expect(prepared.filter((sql) => sql === select)).toHaveLength(1);
  });

  it('does not carry safe integers from one use of a statement to the next', () => {
    const { db } = database();
    db.prepare('insert into t (id, name) values (?, ?)').run(7, 'x');
    const sql = 'select id from t';
    const big = db.prepare(sql);
    big.safeIntegers(true);
    expect(big.get()).toEqual({ id: 7n });
    expect(db.prepare(sql).get()).toEqual({ id: 7 });
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const { db, prepared } = database(2);
    const q = (n: number) => `select ${n} as n`;
    db.prepare(q(1)).get();
    db.prepare(q(2)).get();
    db.prepare(q(1)).get(); // 1 is now the most recently used
    db.prepare(q(3)).get(); // evicts 2
    db.prepare(q(1)).get();
    db.prepare(q(2)).get();
    expect(prepared.filter((sql) => sql === q(1))).toHaveLength(1);
    expect(prepared.filter((sql) => sql === q(2))).toHaveLength(2);
  });

  it('serves the ORM: its connection caches, and a cached statement sees a column added after it was first run', async () => {
    const orm = await initOrm({ dialect: 'sqlite', file: ':memory:' } as never);
    try {
      const conn = orm.em.getConnection();
      await conn.execute('create table note (id integer primary key)');
      await conn.execute('insert into note (id) values (1)');
      expect(await conn.execute('select * from note')).toEqual([{ id: 1 }]);
      await conn.execute("alter table note add column body text default 'hi'");
      expect(await conn.execute('select * from note')).toEqual([{ id: 1, body: 'hi' }]);
      // The ORM's own connection is the one that caches.
      const client = (conn as unknown as { getKnex(): { client: unknown } }).getKnex().client as { acquireConnection(): Promise<Database.Database>; releaseConnection(c: unknown): Promise<void> };
      const raw = await client.acquireConnection();
      expect(raw.prepare('select * from note')).toBe(raw.prepare('select * from note'));
      await client.releaseConnection(raw);
    } finally {
      await orm.close(true);
    }
  });

  it('a statement outside a transaction never runs inside another one that holds the connection', async () => {
    const orm = await initOrm({ dialect: 'sqlite', file: ':memory:' } as never);
    try {
      const conn = orm.em.getConnection();
      await conn.execute('create table note (id integer primary key)');
      let outsideRead: Promise<unknown> | undefined;
      let outsideWrite: Promise<unknown> | undefined;
      await expect(
        orm.em.fork().transactional(async (em) => {
          await em.getConnection().execute('insert into note (id) values (1)', [], 'run', em.getTransactionContext());
          // Another request's statements, not part of this transaction: they wait for it to end.
          outsideRead = conn.execute('select count(*) as n from note');
          outsideWrite = conn.execute('insert into note (id) values (?)', [2], 'run');
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      // The read did not see the uncommitted row, and the write was not rolled back with the transaction.
      expect(await outsideRead).toEqual([{ n: 0 }]);
      await outsideWrite;
      expect(await conn.execute('select id from note')).toEqual([{ id: 2 }]);
    } finally {
      await orm.close(true);
    }
  });
});
