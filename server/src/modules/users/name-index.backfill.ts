import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { User } from './user.entity';
import { UserSchema } from './user.entity';
import type { UserPii } from './user.pii';

const BATCH = 200;
const NIL_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Gives every account sealed before the name blind index existed its
 * `nameIndex`, so the admin's search by name finds them too. Run once at
 * start, after the migrations (server.ts): accounts written since then get
 * the index from UserPii.set, so this finds nothing to do on later starts
 * and costs one indexed query.
 *
 * Batched by id so a large table never sits in memory; each update is
 * conditional on the sealed name it read still being there and the index
 * still missing, so a name changed meanwhile, or a second instance running
 * the same backfill, is never overwritten with a stale index. A value that
 * cannot be opened (a key no longer configured) is logged by id and skipped.
 */
export async function backfillNameIndex(orm: MikroORM, pii: UserPii, log: Logger): Promise<number> {
  const em = orm.em.fork();
  let after = NIL_ID;
  let filled = 0;
  for (;;) {
    const page = (await em
      .getConnection()
      .execute('select id, name_sealed from app_user where name_index is null and name_sealed is not null and id > ? order by id limit ?', [after, BATCH])) as unknown as {
      id: string;
      name_sealed: string;
    }[];
    if (!page.length) break;
    after = page[page.length - 1]!.id;
    for (const row of page) {
      let index: string | null;
      try {
        index = pii.nameIndex(pii.get({ id: row.id, nameSealed: row.name_sealed } as User, 'name') ?? '');
      } catch (err) {
        log.warn({ err, userId: row.id }, 'name could not be opened for the name index; skipped');
        continue;
      }
      if (!index) continue;
      filled += await em.nativeUpdate(UserSchema, { id: row.id, nameSealed: row.name_sealed, nameIndex: null }, { nameIndex: index });
    }
  }
  if (filled) log.info({ filled }, 'name blind index backfilled');
  return filled;
}
