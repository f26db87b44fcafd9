import type { MikroORM } from '@mikro-orm/core';

/** Plain rows from raw SQL, for asserting what is really stored. */
export async function rows<T extends Record<string, unknown>>(orm: MikroORM, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await orm.em.fork().getConnection().execute(sql, params)) as unknown as T[];
}
