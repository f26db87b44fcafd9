import type { EntityManager } from '@mikro-orm/core';
import type { User } from './user.entity';
import type { UserPii } from './user.pii';

export interface PersonLabel {
  name: string | null;
  role: string;
}

/**
 * Names and roles of the people one admin page mentions, opened only for
 * them (one query, one decryption per person, never the whole table). A name
 * shown to an admin is not a reveal in the access-log sense; a purged
 * account has none.
 */
export async function peopleByIds(em: EntityManager, pii: UserPii, ids: (string | null | undefined)[]): Promise<Map<string, PersonLabel>> {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!unique.length) return new Map();
  const found = (await em
    .getConnection()
    .execute(`select id, role, name_sealed from app_user where id in (${unique.map(() => '?').join(', ')})`, unique)) as unknown as {
    id: string;
    role: string;
    name_sealed: string | null;
  }[];
  return new Map(found.map((u) => [u.id, { name: pii.get({ id: u.id, nameSealed: u.name_sealed } as User, 'name'), role: u.role }]));
}
