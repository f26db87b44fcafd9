import { createHash, randomBytes } from 'node:crypto';
import { BUILT_IN_POLICY } from '../../server/src/modules/privacy/policy-text';
import { hashText } from '../../server/src/modules/privacy/consent.service';
import { UserPii } from '../../server/src/modules/users/user.pii';
import { DAY_MS, HISTORY_DAYS } from './config';
import { allocate, type Directory } from './directory';
import { GIVEN, POSITIONS, SURNAMES, TITLES } from './words';
import { idAt, type World } from './world';

export interface Person {
  id: string;
  name: string;
  phone: string;
  hospitalIndex: number;
  departmentId: string | null;
}

/** A user whose session token the harness knows. */
export interface BenchUser {
  id: string;
  token: string;
  hospitalId: string | null;
  departmentId: string | null;
  addressId?: string;
}

export interface People {
  /** Staff by department id, the department's usual reporter first. */
  staffByDepartment: Map<string, Person[]>;
  /** Engineers by city index. */
  engineersByCity: Person[][];
  admins: Person[];
  dealerUsers: Person[];
  general: BenchUser;
  advanced: BenchUser & { managedDepartmentIds: string[] };
  crowd: (BenchUser & { balance: number })[];
  /** Everyone with a points account: id → balance and entries so far. */
  points: Map<string, { balance: number; seq: number }>;
}

const USER_SEALED = ['phone', 'name', 'position', 'title', 'gender'] as const;

function chineseName(w: World): string {
  return w.rng.pick(SURNAMES) + w.rng.pick(GIVEN) + (w.rng.chance(0.7) ? w.rng.pick(GIVEN) : '');
}

/**
 * 20,000 hospital staff (about four per department, more where the
 * department is busy; each department's first member is its usual reporter),
 * ~5% of them advanced users managing 1–10 departments of their hospital;
 * engineers by city, a dealer's staff and admins. Everyone has consented,
 * has a live session, and staff have a points account.
 */
export function buildPeople(w: World, dir: Directory): People {
  const { rng, sink } = w;
  const pii = new UserPii(w.cipher);
  const policyVersion = BUILT_IN_POLICY.version;
  const textHash = hashText(BUILT_IN_POLICY.text);
  const joined = w.now - (HISTORY_DAYS + 30) * DAY_MS;
  let phoneSeq = 0;
  const points = new Map<string, { balance: number; seq: number }>();

  const addUser = (role: string, fields: { hospitalId?: string | null; departmentId?: string | null; tier?: string | null; dealerId?: string | null }, hospitalIndex: number, at = joined + rng.between(0, 25) * DAY_MS): Person => {
    const id = idAt(w, at);
    const name = chineseName(w);
    const phone = `1${3 + (phoneSeq % 6)}9${String(phoneSeq++).padStart(8, '0')}`;
    const plain: Record<(typeof USER_SEALED)[number], string | null> = {
      phone,
      name,
      position: role === 'staff' ? rng.pick(POSITIONS) : role === 'engineer' ? '维修工程师' : null,
      title: role === 'staff' ? rng.pick(TITLES) : null,
      gender: rng.pick(['male', 'female', 'female', 'undisclosed']),
    };
    const purposes = ['service', 'fault_media', ...(rng.chance(0.7) ? ['dealer_sharing'] : [])];
    sink.add('app_user', {
      id,
      created_at: new Date(at),
      status: 'active',
      role,
      tier: fields.tier ?? null,
      ...Object.fromEntries(USER_SEALED.map((f) => [`${f}_sealed`, plain[f] === null ? null : w.cipher.seal({ table: 'app_user', column: f, id }, plain[f]!)])),
      phone_index: pii.phoneIndex(phone),
      name_index: pii.nameIndex(name),
      hospital_id: fields.hospitalId ?? null,
      department_id: fields.departmentId ?? null,
      dealer_id: fields.dealerId ?? null,
      registered_at: new Date(at + 600_000),
      decided_at: new Date(at + 3600_000),
      consented_policy_version: policyVersion,
      consent_purposes: JSON.stringify(purposes),
      adult_confirmed_at: new Date(at),
      updated_at: new Date(at + 3600_000),
    });
    sink.add('consent_event', { id: idAt(w, at), created_at: new Date(at), user_id: id, action: 'grant', policy_version: policyVersion, purposes: JSON.stringify(purposes), adult: true, text_hash: textHash, request_id: null });
    if (role === 'staff') {
      points.set(id, { balance: 0, seq: 0 });
      postPoints(w, points, id, 100, 'registration_approved', at + 3600_000, { reference: `user:${id}` });
    }
    return { id, name, phone, hospitalIndex, departmentId: fields.departmentId ?? null };
  };

  const admins = Array.from({ length: w.size.admins }, () => addUser('admin', {}, -1));
  const engineersByCity: Person[][] = [];
  for (let e = 0; e < w.size.engineers; e++) {
    const city = e % 30;
    (engineersByCity[city] ??= []).push(addUser('engineer', {}, -1));
  }
  const dealerUsers = Array.from({ length: w.size.dealerUsers }, () => addUser('dealer', { dealerId: dir.dealerId }, -1));

  // Staff: one per department, the rest where the work is.
  const extra = allocate(dir.departments.map((d) => Math.sqrt(d.weight)), w.size.staff - dir.departments.length, 0, 400);
  const staffByDepartment = new Map<string, Person[]>();
  const allStaff: Person[] = [];
  const advancedUsers: Person[] = [];
  dir.departments.forEach((d, i) => {
    const list: Person[] = [];
    for (let k = 0; k < 1 + extra[i]!; k++) {
      const benchAdvanced = d.hospitalIndex === 0 && d.rank === 1 && k === 1;
      const advanced = benchAdvanced || (k > 0 && rng.chance(0.055));
      const person = addUser('staff', { hospitalId: d.hospitalId, departmentId: d.id, tier: advanced ? 'advanced' : 'general' }, d.hospitalIndex);
      list.push(person);
      allStaff.push(person);
      if (advanced) advancedUsers.push(person);
    }
    staffByDepartment.set(d.id, list);
  });

  // Grants: the bench's advanced user manages the ten busiest departments of the biggest hospital; others 1–10 of their own.
  const benchAdvanced = staffByDepartment.get(dir.hospitals[0]!.departments[1]!.id)![1]!;
  let advancedManaged: string[] = [];
  for (const a of advancedUsers) {
    const depts = dir.hospitals[a.hospitalIndex]!.departments;
    let chosen: string[];
    if (a === benchAdvanced) chosen = depts.slice(0, 10).map((d) => d.id);
    else if (rng.chance(0.15) && depts.length >= 10) chosen = shuffle(w, depts).slice(0, 10).map((d) => d.id);
    else chosen = [...new Set([a.departmentId!, ...shuffle(w, depts).slice(0, rng.int(4)).map((d) => d.id)])];
    if (a === benchAdvanced) advancedManaged = chosen;
    const at = joined + 40 * DAY_MS;
    for (const departmentId of chosen) {
      sink.add('managed_department', { id: idAt(w, at), created_at: new Date(at), user_id: a.id, department_id: departmentId, granted_by_id: admins[0]!.id, request_id: null, revoked_at: null });
    }
  }

  // Sessions: everyone is signed in; the bench users' tokens are kept for the harness.
  const tokens = new Map<string, string>();
  const session = (p: Person, keep: boolean) => {
    const created = keep ? w.now - 3600_000 : w.now - rng.exp(5) * DAY_MS;
    const token = randomBytes(32).toString('base64url');
    if (keep) tokens.set(p.id, token);
    sink.add('user_session', {
      id: idAt(w, created),
      created_at: new Date(created),
      user_id: p.id,
      token_hash: createHash('sha256').update(token, 'utf8').digest('hex'),
      last_used_at: new Date(created),
      idle_expires_at: new Date(created + 14 * DAY_MS),
      absolute_expires_at: new Date(created + 30 * DAY_MS),
      revoked_at: null,
    });
  };
  const general = staffByDepartment.get(dir.hospitals[0]!.departments[0]!.id)![0]!;
  const advancedSet = new Set(advancedUsers);
  const crowdPeople = spread(allStaff.filter((p) => p !== general && p !== benchAdvanced && !advancedSet.has(p)), w.size.crowd);
  const kept = new Set([general, benchAdvanced, ...crowdPeople]);
  for (const p of [...admins, ...engineersByCity.flat(), ...dealerUsers, ...allStaff]) session(p, kept.has(p));

  const bench = (p: Person): BenchUser => ({ id: p.id, token: tokens.get(p.id)!, hospitalId: dir.hospitals[p.hospitalIndex]?.id ?? null, departmentId: p.departmentId });
  return {
    staffByDepartment,
    engineersByCity,
    admins,
    dealerUsers,
    general: bench(general),
    advanced: { ...bench(benchAdvanced), managedDepartmentIds: advancedManaged },
    crowd: crowdPeople.map((p) => ({ ...bench(p), balance: 0 })),
    points,
  };
}

/** One ledger entry and the balance it leaves (the account rows are written at the end). */
export function postPoints(
  w: World,
  points: Map<string, { balance: number; seq: number }>,
  userId: string,
  delta: number,
  reason: string,
  at: number,
  extra: { reference?: string | null; actorId?: string | null; note?: string | null; key?: string } = {},
): void {
  const account = points.get(userId)!;
  account.balance += delta;
  account.seq += 1;
  const id = idAt(w, at);
  w.sink.add('points_entry', {
    id,
    created_at: new Date(at),
    user_id: userId,
    delta,
    balance_after: account.balance,
    seq: account.seq,
    reason,
    reference: extra.reference ?? null,
    idempotency_key: extra.key ?? `${reason}:${extra.reference ?? id}`,
    actor_id: extra.actorId ?? null,
    note: extra.note ?? null,
  });
}

function shuffle<T>(w: World, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = w.rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `count` items evenly spread over the list (so the crowd covers every hospital size). */
function spread<T>(items: T[], count: number): T[] {
  const step = items.length / Math.min(count, items.length);
  return Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor(i * step)]!);
}
