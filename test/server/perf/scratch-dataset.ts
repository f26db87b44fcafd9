/**
 * A big enough dataset to read query plans on (docs/performance.md, "Query
 * plans"): 500 hospitals × 10 departments, 20,000 staff (one advanced per
 * hospital, managing its 10 departments), 50 engineers, a dealer, and
 * 1,000,000 tickets over three years with UUIDv7-shaped ids in creation
 * order. Plain INSERT … SELECT, no API, no encryption (the sealed columns
 * hold placeholders): it exists for EXPLAIN, not for the app to open.
 *
 *   npx tsx test/server/perf/scratch-dataset.ts sqlite:/tmp/perf.sqlite
 *   npx tsx test/server/perf/scratch-dataset.ts postgres://postgres@127.0.0.1:5432/perfscratch
 *
 * The benchmark's realistic dataset lives in bench/; this is only for plans.
 */
import { initOrm, migrateUp } from '../../../server/src/db/init-orm';
import type { Env } from '../../../server/src/config/env';

const HOSPITALS = 500;
const DEPTS_PER_HOSPITAL = 10;
const STAFF = 20_000;
const ENGINEERS = 50;
const TICKETS = Number(process.env.PERF_TICKETS ?? 1_000_000);
const SPAN_MS = 3 * 365 * 24 * 3600_000;

type Dialect = Env['database']['dialect'];

function databaseOf(url: string): Env['database'] {
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', file: url.slice('sqlite:'.length) };
  return { dialect: 'postgresql', url };
}

/** SQL expressions that differ by dialect: a number sequence, a uuid from (kind, n), a datetime from epoch ms. */
function dialectSql(d: Dialect) {
  const hex = (e: string, width: number) => (d === 'sqlite' ? `printf('%0${width}x', ${e})` : `lpad(to_hex((${e})::bigint), ${width}, '0')`);
  const cat = (...parts: string[]) => parts.join(' || ');
  return {
    /** `from <seq>` yields n = 1..count. */
    seq: (count: number) => (d === 'sqlite' ? `(with recursive s(n) as (select 1 union all select n + 1 from s where n < ${count}) select n from s) as q` : `generate_series(1::bigint, ${count}) as q(n)`),
    /** A fixed-prefix id per kind: hospitals, departments, users… never collide. */
    id: (kind: number, n: string) => {
      const h = cat(`'0000000${kind}-0000-7000-8000-'`, hex(n, 12));
      return d === 'sqlite' ? h : `(${h})::uuid`;
    },
    /** UUIDv7 layout: 48-bit ms, version 7, variant 8, then n — ordered like creation. */
    v7: (ms: string, n: string) => {
      const h = cat(hex(`(${ms}) / 65536`, 8), `'-'`, hex(`(${ms}) % 65536`, 4), `'-7'`, hex(`(${n}) % 4096`, 3), `'-'`, hex(`32768 + (${n}) % 16384`, 4), `'-'`, hex(n, 12));
      return d === 'sqlite' ? h : `(${h})::uuid`;
    },
    at: (ms: string) => (d === 'sqlite' ? `(${ms})` : `to_timestamp((${ms}) / 1000.0)`),
    json: (v: string) => (d === 'sqlite' ? `'${v}'` : `'${v}'::jsonb`),
    bool: (v: boolean) => (d === 'sqlite' ? (v ? '1' : '0') : v ? 'true' : 'false'),
  };
}

async function main() {
  const url = process.argv[2];
  if (!url) throw new Error('usage: scratch-dataset.ts <sqlite:/path | postgres://…>');
  const db = databaseOf(url);
  const orm = await initOrm(db);
  await migrateUp(orm);
  const conn = orm.em.getConnection();
  const run = (sql: string) => conn.execute(sql);
  const existing = Number(((await run('select count(*) as n from ticket')) as { n: number }[])[0]?.n ?? 0);
  if (existing >= TICKETS) {
    console.log(`already ${existing} tickets; nothing to do`);
    await orm.close(true);
    return;
  }
  const s = dialectSql(db.dialect);
  const now = Date.now();
  const start = now - SPAN_MS;
  const depts = HOSPITALS * DEPTS_PER_HOSPITAL;
  const t0 = Date.now();
  const step = async (label: string, sql: string) => {
    await run(sql);
    console.log(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  await step('hospitals', `insert into hospital (id, created_at, name, province, city, region_code, address, latitude, longitude, service_tier)
    select ${s.id(1, 'n')}, ${s.at(String(start))}, 'H' || n, '省', '市', '110101', '路', 30, 120, case when n % 5 = 0 then 'premium' else 'standard' end from ${s.seq(HOSPITALS)}`);
  await step('departments', `insert into department (id, created_at, hospital_id, name)
    select ${s.id(2, 'n')}, ${s.at(String(start))}, ${s.id(1, `(n - 1) / ${DEPTS_PER_HOSPITAL} + 1`)}, 'D' || n from ${s.seq(depts)}`);
  await step('dealer', `insert into dealer (id, created_at, name, contract_ref, purposes, active)
    values (${s.id(3, '1')}, ${s.at(String(start))}, 'Dealer', 'C-1', ${s.json('["onsite_check","pickup"]')}, ${s.bool(true)})`);
  // Staff n works in department ((n - 1) % depts) + 1: four per department. The first of each hospital is advanced.
  const staffDept = `(n - 1) % ${depts} + 1`;
  await step('staff', `insert into app_user (id, created_at, status, role, tier, hospital_id, department_id, consented_policy_version, consent_purposes, updated_at)
    select ${s.id(4, 'n')}, ${s.at(String(start))}, 'active', 'staff', case when n <= ${depts} and (n - 1) % ${DEPTS_PER_HOSPITAL} = 0 then 'advanced' else 'general' end,
           ${s.id(1, `(${staffDept} - 1) / ${DEPTS_PER_HOSPITAL} + 1`)}, ${s.id(2, staffDept)}, '1.0', ${s.json('["service","dealer_sharing"]')}, ${s.at(String(start))}
      from ${s.seq(STAFF)}`);
  await step('engineers, admin, dealer staff', `insert into app_user (id, created_at, status, role, tier, dealer_id, consented_policy_version, consent_purposes, updated_at)
    select ${s.id(5, 'n')}, ${s.at(String(start))}, 'active', case when n <= ${ENGINEERS} then 'engineer' when n = ${ENGINEERS + 1} then 'admin' else 'dealer' end, null,
           case when n = ${ENGINEERS + 2} then ${s.id(3, '1')} else null end, '1.0', ${s.json('["service"]')}, ${s.at(String(start))}
      from ${s.seq(ENGINEERS + 2)}`);
  // The advanced staff member of hospital h (staff n = (h - 1) * 10 + 1) manages its ten departments.
  await step('grants', `insert into managed_department (id, created_at, user_id, department_id)
    select ${s.id(6, 'n')}, ${s.at(String(start))}, ${s.id(4, `((n - 1) / ${DEPTS_PER_HOSPITAL}) * ${DEPTS_PER_HOSPITAL} + 1`)}, ${s.id(2, 'n')} from ${s.seq(depts)}`);
  // Ticket n: created evenly over the span; reporter spread by a multiplicative hash; in the reporter's department;
  // 1 % unassigned in the queue, the rest with one of the engineers; every 500th delegated to the dealer.
  const ms = `${start} + n * ${Math.floor(SPAN_MS / TICKETS)}`;
  const reporter = `(n * 7919) % ${STAFF} + 1`;
  const dept = `(${reporter} - 1) % ${depts} + 1`;
  await step('tickets', `insert into ticket (id, created_at, number, reporter_id, hospital_id, department_id, model, serial, description, contact_name_sealed, contact_phone_sealed, status, assigned_engineer_id, updated_at)
    select ${s.v7(ms, 'n')}, ${s.at(ms)}, 'P' || n, ${s.id(4, reporter)}, ${s.id(1, `(${dept} - 1) / ${DEPTS_PER_HOSPITAL} + 1`)}, ${s.id(2, dept)},
           'QV-G290', 'SN' || n, '镜头图像模糊', 'x', 'x',
           case when n % 100 = 0 then 'submitted' when n % 7 = 0 then 'in_progress' when n % 3 = 0 then 'resolved' else 'closed' end,
           case when n % 100 = 0 then null else ${s.id(5, `n % ${ENGINEERS} + 1`)} end, ${s.at(ms)}
      from ${s.seq(TICKETS)}`);
  await step('delegations', `insert into ticket_delegation (id, created_at, ticket_id, dealer_id, purpose, delegated_by_id, ended_at)
    select ${s.id(7, 'n')}, ${s.at(ms.replace(/\bn\b/g, '(n * 500)'))}, ${s.v7(ms.replace(/\bn\b/g, '(n * 500)'), 'n * 500')}, ${s.id(3, '1')}, 'onsite_check', ${s.id(5, '1')},
           case when n % 2 = 0 then ${s.at(String(now))} else null end
      from ${s.seq(Math.floor(TICKETS / 500))}`);
  await step('analyze', db.dialect === 'sqlite' ? 'analyze' : 'analyze');
  await orm.close(true);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
