import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import { rows } from '../../support/db';
import type { Dialect } from '../../support/test-server';

/** Per table: how many rows, and a digest of every row's content. */
export type Fingerprint = Map<string, { rows: number; digest: string }>;

/**
 * Columns a refused request may change on purpose, left out of the digest
 * (their tables' row counts and other columns still count). Each was seen to
 * change with the column in the digest before it was listed here.
 */
export const MAY_CHANGE_ON_REFUSAL: Record<string, string[]> = {
  // A wrong SMS code (422 VERIFICATION_FAILED) counts towards the attempt cap and burns the code at the cap
  // (sms-login.service.ts consumeSmsCode): that stored attempt is the defence against guessing.
  sms_code: ['attempts', 'consumed_at'],
  // Any request carrying a live token slides the session's idle expiry, at most every 5 minutes and whatever
  // the answer (sessions.service.ts touchSession); only a run longer than 5 minutes (FUZZ_RUNS) reaches it.
  user_session: ['last_used_at', 'idle_expires_at'],
};

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface Fingerprinter {
  take(): Promise<Fingerprint>;
  close(): Promise<void>;
}

/**
 * Builds one statement that digests every table of the database, so a
 * fingerprint is a single round trip. SQLite (in process) hands the rows'
 * text over and it is hashed here; PostgreSQL hashes in the database, through
 * a connection of its own with the statement prepared once: planning the
 * union of every table costs more than running it.
 */
export async function fingerprinter(orm: MikroORM, database: { dialect: Dialect; url?: string }): Promise<Fingerprinter> {
  const sqlite = database.dialect === 'sqlite';
  const columns = sqlite
    ? await rows<{ t: string; c: string }>(
        orm,
        `select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p
          where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, p.cid`,
      )
    : await rows<{ t: string; c: string }>(
        orm,
        'select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position',
      );
  const tables = new Map<string, string[]>();
  for (const { t, c } of columns) {
    if (MAY_CHANGE_ON_REFUSAL[t]?.includes(c)) continue;
    tables.set(t, [...(tables.get(t) ?? []), c]);
  }
  if (tables.size < 10) throw new Error(`found only ${tables.size} tables to fingerprint`);
  const parts = [...tables].map(([t, cols]) =>
    sqlite
      ? `select '${t}' as t, count(*) as n, coalesce(group_concat(r, char(30)), '') as d
           from (select ${cols.map((c) => `quote(${quoted(c)})`).join(" || ',' || ")} as r from ${quoted(t)} order by r)`
      : `select '${t}' as t, count(*) as n, md5(coalesce(string_agg(r, chr(30) order by r), '')) as d
           from (select row(${cols.map(quoted).join(', ')})::text as r from ${quoted(t)}) x`,
  );
  const text = parts.join('\nunion all\n');
  type Row = { t: string; n: number | string; d: string };
  const toFingerprint = (found: Row[]): Fingerprint =>
    new Map(found.map((r) => [r.t, { rows: Number(r.n), digest: sqlite ? createHash('sha1').update(r.d).digest('hex') : r.d }]));
  if (sqlite) return { take: async () => toFingerprint(await rows<Row>(orm, text)), close: async () => {} };
  const client = new Client({ connectionString: database.url });
  await client.connect();
  return {
    take: async () => toFingerprint((await client.query<Row>({ name: 'api-fuzz-fingerprint', text })).rows),
    close: () => client.end(),
  };
}

/** What differs between two fingerprints, one line per table. */
export function changes(before: Fingerprint, after: Fingerprint): string[] {
  const out: string[] = [];
  for (const [t, b] of before) {
    const a = after.get(t);
    if (!a) out.push(`${t}: gone`);
    else if (a.rows !== b.rows) out.push(`${t}: ${b.rows} → ${a.rows} rows`);
    else if (a.digest !== b.digest) out.push(`${t}: a row changed`);
  }
  for (const t of after.keys()) if (!before.has(t)) out.push(`${t}: new table`);
  return out;
}
