import type { EntityManager } from '@mikro-orm/core';
import type { TicketStatus } from '../../shared/tickets';
import type { Clock } from '../../server/src/core/clock';
import { newId } from '../../server/src/core/ids';
import { ManagedDepartmentSchema } from '../../server/src/modules/access/managed-department.entity';
import { EquipmentModelSchema } from '../../server/src/modules/equipment/equipment-model.entity';
import { EquipmentUnitSchema, type EquipmentUnit } from '../../server/src/modules/equipment/equipment-unit.entity';
import { GiftSchema } from '../../server/src/modules/gifts/gift.entity';
import { DepartmentSchema, type Department } from '../../server/src/modules/hospitals/department.entity';
import { HospitalSchema, type Hospital } from '../../server/src/modules/hospitals/hospital.entity';
import { PointsEntrySchema } from '../../server/src/modules/points/points-entry.entity';
import { PrivacyRequestSchema } from '../../server/src/modules/privacy-requests/privacy-request.entity';
import { TicketEventSchema } from '../../server/src/modules/tickets/ticket-event.entity';
import { TicketRatingSchema } from '../../server/src/modules/tickets/ticket-rating.entity';
import { TicketSlaMarkSchema } from '../../server/src/modules/tickets/ticket-sla-mark.entity';
import { newTicketRecord } from '../../server/src/modules/tickets/ticket.record';
import type { Ticket } from '../../server/src/modules/tickets/ticket.entity';
import { UserSchema, type User } from '../../server/src/modules/users/user.entity';
import { UserPii } from '../../server/src/modules/users/user.pii';
import { startTestServer, type TestServer } from './test-server';

/**
 * A small, fully known dataset for the admin dashboard and the fleet view,
 * written straight into the database (the way the server stores it: sealed
 * fields sealed, datetimes as the dialect keeps them) on a server with no
 * demo data, so every figure can be worked out by hand. Times are Shanghai
 * wall time; "now" is fixed at Friday 2026-03-20 10:00.
 *
 * Hospitals: H1, H2 in Beijing (province 11), H3 in Shanghai (31), F1…F9 in
 * Guangdong (44) — the F hospitals only make the open-ticket ranking spill
 * over ten and carry filler ratings.
 */

/** Shanghai wall time (UTC+8) as an instant: `sh('2026-03-05 23:30')`. */
export const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

export const NOW = sh('2026-03-20 10:00');

/** A clock that stands still (TestClock only moves forward from the real time). */
export class FixedClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date): void {
    this.at = at;
  }
}

export const PHONES = {
  admin: '13900000001',
  e1: '13900000011',
  e2: '13900000012',
  e3: '13900000013',
  s1: '13900000021',
  s3: '13900000023',
  advanced: '13900000031',
} as const;

type HospitalKey = 'H1' | 'H2' | 'H3' | `F${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;
type DepartmentKey = 'D1' | 'D2' | 'D3' | 'D4' | 'D5';
type UnitKey = 'U1' | 'U2' | 'U3' | 'U4' | 'U5' | 'U6';

interface TicketSpec {
  key: string;
  department: DepartmentKey | `F${number}`;
  unit?: UnitKey;
  created: string;
  status: TicketStatus;
  engineer?: 'e1' | 'e2' | 'e3';
  accepted?: string;
  resolved?: string;
  cancelled?: string;
  rating?: { score: number; comment?: string; at: string };
  /** Another assignment after acceptance: its event repeats the status (`accepted`), and must not count as an acceptance. */
  reassignedAt?: string;
  /** A second `resolve` step (a replayed or imported timeline): only the first resolution may count. */
  resolvedAgain?: string;
}

/**
 * The tickets. Edges on purpose: T1 submitted at exactly 00:00 on 03-02 (the
 * first instant of the period), T3 at 23:30 the evening before; T2 accepted
 * at 00:10 Shanghai (still 03-05 in UTC); T3 resolved at 00:30 on Monday
 * 03-09 (Sunday in UTC: the week edge); T11 submitted at 23:59 on 03-15
 * (the last day), T6 resolved at 00:00 on 03-16 (just outside).
 */
const TICKETS: TicketSpec[] = [
  { key: 'T1', department: 'D1', unit: 'U1', created: '2026-03-02 00:00', status: 'closed', engineer: 'e1', accepted: '2026-03-02 00:30', resolved: '2026-03-02 12:00', rating: { score: 5, comment: '维修及时，效果很好', at: '2026-03-03 09:00' } },
  { key: 'T2', department: 'D1', unit: 'U1', created: '2026-03-05 23:30', status: 'resolved', engineer: 'e1', accepted: '2026-03-06 00:10', resolved: '2026-03-07 23:30' },
  { key: 'T3', department: 'D2', unit: 'U2', created: '2026-03-01 23:30', status: 'closed', engineer: 'e2', accepted: '2026-03-02 08:30', resolved: '2026-03-09 00:30', rating: { score: 1, comment: '等待时间太长', at: '2026-03-10 10:00' } },
  { key: 'T4', department: 'D4', created: '2026-03-06 10:00', status: 'in_progress', engineer: 'e2', accepted: '2026-03-06 10:20' },
  { key: 'T5', department: 'D5', created: '2026-03-10 09:00', status: 'closed', engineer: 'e1', accepted: '2026-03-10 10:00', resolved: '2026-03-15 21:00', rating: { score: 5, comment: '工程师很专业', at: '2026-03-16 10:00' } },
  { key: 'T6', department: 'D5', created: '2026-03-14 00:00', status: 'resolved', engineer: 'e1', accepted: '2026-03-14 02:00', resolved: '2026-03-16 00:00' },
  { key: 'T7', department: 'D1', unit: 'U3', created: '2026-03-08 12:00', status: 'submitted' },
  { key: 'T8', department: 'D2', unit: 'U2', created: '2026-03-12 08:00', status: 'on_hold', engineer: 'e1', accepted: '2026-03-12 09:00' },
  { key: 'T9', department: 'D4', created: '2026-03-03 10:00', status: 'cancelled', cancelled: '2026-03-03 11:00' },
  { key: 'T10', department: 'D1', unit: 'U1', created: '2026-02-10 10:00', status: 'closed', engineer: 'e2', accepted: '2026-02-10 11:00', resolved: '2026-02-12 10:00', rating: { score: 4, at: '2026-02-13 10:00' } },
  { key: 'T11', department: 'D5', created: '2026-03-15 23:59', status: 'submitted', engineer: 'e2' },
  { key: 'T12', department: 'D4', created: '2026-03-03 09:00', status: 'closed', engineer: 'e1', accepted: '2026-03-03 09:30', resolved: '2026-03-04 09:00', rating: { score: 3, comment: '一般', at: '2026-03-05 12:00' } },
  { key: 'T13', department: 'D5', created: '2026-03-04 14:00', status: 'closed', engineer: 'e2', accepted: '2026-03-04 15:30', resolved: '2026-03-05 14:00', resolvedAgain: '2026-03-12 10:00', rating: { score: 4, at: '2026-03-06 00:05' } },
  { key: 'T14', department: 'D3', unit: 'U5', created: '2026-03-09 09:00', status: 'closed', engineer: 'e2', accepted: '2026-03-09 09:10', resolved: '2026-03-11 09:00', rating: { score: 2, comment: '部件更换后仍有问题', at: '2026-03-13 10:00' } },
  { key: 'T15', department: 'D2', unit: 'U2', created: '2026-03-13 10:00', status: 'accepted', engineer: 'e1', accepted: '2026-03-13 11:00', reassignedAt: '2026-03-14 09:00' },
  // Fleet history: T16 began the day before the 365-day window, T17 was cancelled, T18/T19 overlap.
  { key: 'T16', department: 'D1', unit: 'U1', created: '2025-03-20 20:00', status: 'resolved', engineer: 'e1', accepted: '2025-03-20 21:00', resolved: '2025-03-22 10:00' },
  { key: 'T17', department: 'D1', unit: 'U1', created: '2026-03-18 10:00', status: 'cancelled', cancelled: '2026-03-18 12:00' },
  { key: 'T18', department: 'D2', unit: 'U6', created: '2025-12-01 10:00', status: 'resolved', engineer: 'e2', accepted: '2025-12-01 11:00', resolved: '2025-12-05 10:00' },
  { key: 'T19', department: 'D2', unit: 'U6', created: '2025-12-04 09:00', status: 'resolved', engineer: 'e2', accepted: '2025-12-04 10:00', resolved: '2025-12-08 09:00' },
  // One open ticket at each F hospital (FO9's engineer has cancelled their account), submitted long before any period.
  ...Array.from({ length: 9 }, (_, i): TicketSpec => ({ key: `FO${i + 1}`, department: `F${i + 1}`, created: '2026-01-10 10:00', status: 'submitted', engineer: i === 8 ? 'e3' : undefined })),
  // Repairs done in January at F1…F7 whose ratings came in during March (with comments): the comment list's overflow.
  ...(
    [
      [5, '响应很快', '2026-03-07 10:00'],
      [4, '服务态度好', '2026-03-07 11:00'],
      [5, '一次修好', '2026-03-08 10:00'],
      [3, '还可以', '2026-03-08 11:00'],
      [4, '沟通顺畅', '2026-03-11 10:00'],
      [5, '非常满意', '2026-03-12 10:00'],
      [2, '配件等了很久', '2026-03-14 10:00'],
    ] as const
  ).map(([score, comment, at], i): TicketSpec => ({
    key: `G${i + 1}`,
    department: `F${i + 1}`,
    created: '2026-01-05 10:00',
    status: 'closed',
    accepted: '2026-01-05 11:00',
    resolved: '2026-01-06 10:00',
    rating: { score, comment, at },
  })),
];

export interface DashboardWorld {
  server: TestServer;
  clock: FixedClock;
  hospitals: Record<HospitalKey, { id: string; name: string }>;
  departments: Record<DepartmentKey, { id: string; name: string }>;
  units: Record<UnitKey, { id: string; serial: string }>;
  users: Record<keyof typeof PHONES, { id: string; name: string }>;
  tickets: Record<string, { id: string; number: string }>;
  gifts: Record<string, { id: string; name: string }>;
}

/** Starts a server on an empty database with the fixed clock and writes the whole dataset. */
export async function startDashboardWorld(): Promise<DashboardWorld> {
  const clock = new FixedClock(NOW);
  const server = await startTestServer({ clock, env: { SMS_IP_DAILY_LIMIT: '1000' }, background: { outbox: false } });
  try {
    return { server, clock, ...(await seed(server)) };
  } catch (err) {
    await server.close();
    throw err;
  }
}

async function seed(server: TestServer): Promise<Omit<DashboardWorld, 'server' | 'clock'>> {
  const cipher = server.running.cipher;
  const pii = new UserPii(cipher);
  const em = server.running.orm.em.fork();

  // Hospitals in creation order (the open-ticket ranking breaks ties by id, which follows it).
  const hospitalRows: [HospitalKey, string, string, string][] = [
    ['H1', '北京东城医院', '北京市', '110101'],
    ['H2', '北京朝阳医院', '北京市', '110105'],
    ['H3', '上海徐汇医院', '上海市', '310104'],
    ...Array.from({ length: 9 }, (_, i): [HospitalKey, string, string, string] => [`F${i + 1}` as HospitalKey, `广州第${i + 1}医院`, '广东省', '440106']),
  ];
  const hospitals = {} as Record<HospitalKey, Hospital>;
  for (const [key, name, province, regionCode] of hospitalRows) {
    hospitals[key] = em.create(HospitalSchema, { id: newId(), name, province, city: province, regionCode, address: `${name}院区`, latitude: 30, longitude: 120, serviceTier: 'standard' });
    await em.flush();
  }
  const departmentRows: [DepartmentKey, HospitalKey, string][] = [
    ['D1', 'H1', '消化内科'],
    ['D2', 'H1', '内镜中心'],
    ['D3', 'H1', '呼吸内科'],
    ['D4', 'H2', '消化内科'],
    ['D5', 'H3', '内镜室'],
  ];
  const departments = {} as Record<string, Department>;
  for (const [key, hospital, name] of departmentRows) departments[key] = em.create(DepartmentSchema, { id: newId(), hospital: hospitals[hospital], name });
  for (let i = 1; i <= 9; i += 1) departments[`F${i}`] = em.create(DepartmentSchema, { id: newId(), hospital: hospitals[`F${i}` as HospitalKey], name: '内镜中心' });

  const model = em.create(EquipmentModelSchema, { name: 'GIF-H290 电子胃镜', category: 'gastroscope', manufacturer: '奥林巴斯' });
  const unitRows: [UnitKey, DepartmentKey, string, string | null][] = [
    ['U1', 'D1', 'SN-A001', '2026-04-30'],
    ['U2', 'D2', 'SN-B002', '2026-03-19'],
    ['U3', 'D1', 'SN-A003', '2026-05-20'],
    ['U4', 'D1', 'SN-A004', null],
    ['U5', 'D3', 'SN-C005', '2027-01-01'],
    ['U6', 'D2', 'SN-B006', '2026-05-19'],
  ];
  const units = {} as Record<UnitKey, EquipmentUnit>;
  for (const [key, dept, serial, coveredUntil] of unitRows) {
    units[key] = em.create(EquipmentUnitSchema, { id: newId(), model, serial, labelCode: `LBL-${serial}`, hospital: hospitals.H1, department: departments[dept]!, coveredUntil });
  }

  const userRows: [keyof typeof PHONES, string, Partial<User>][] = [
    ['admin', '管理员', { role: 'admin', tier: null }],
    ['e1', '王工', { role: 'engineer', tier: null }],
    ['e2', '李工', { role: 'engineer', tier: null }],
    ['e3', '赵工', { role: 'engineer', tier: null, status: 'cancelling' }],
    ['s1', '张护士', { role: 'staff', tier: 'general', hospital: hospitals.H1, department: departments.D1 }],
    ['s3', '陈护士', { role: 'staff', tier: 'general', hospital: hospitals.H3, department: departments.D5 }],
    ['advanced', '周主任', { role: 'staff', tier: 'advanced', hospital: hospitals.H1, department: departments.D1 }],
  ];
  const users = {} as Record<keyof typeof PHONES, User>;
  for (const [key, name, fields] of userRows) {
    const user = em.create(UserSchema, { id: newId(), status: 'active', consentPurposes: [], registeredAt: NOW, decidedAt: NOW, ...fields });
    pii.set(user, 'phone', PHONES[key]);
    pii.set(user, 'name', name);
    users[key] = user;
  }
  for (const dept of ['D1', 'D2'] as const) {
    em.create(ManagedDepartmentSchema, { userId: users.advanced.id, departmentId: departments[dept]!.id, grantedById: users.admin.id });
  }
  await em.flush();

  const tickets: Record<string, Ticket> = {};
  for (const spec of TICKETS) tickets[spec.key] = await insertSpec(em, server, spec, { departments, units, users });

  insertSlaMarks(em, tickets);
  insertPoints(em, users);
  const gifts = insertGifts(em);
  insertPrivacyRequests(em, users.s1.id);
  await em.flush();

  const ref = <T extends { id: string }>(o: Record<string, T>, label: (v: T) => string) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { id: v.id, name: label(v) }]));
  return {
    hospitals: ref(hospitals, (h) => h.name) as DashboardWorld['hospitals'],
    departments: ref(departments, (d) => d.name) as DashboardWorld['departments'],
    units: Object.fromEntries(Object.entries(units).map(([k, u]) => [k, { id: u.id, serial: u.serial }])) as DashboardWorld['units'],
    users: Object.fromEntries(userRows.map(([key, name]) => [key, { id: users[key].id, name }])) as DashboardWorld['users'],
    tickets: Object.fromEntries(Object.entries(tickets).map(([k, t]) => [k, { id: t.id, number: t.number }])),
    gifts,
  };
}

async function insertSpec(
  em: EntityManager,
  server: TestServer,
  spec: TicketSpec,
  world: { departments: Record<string, Department>; units: Record<UnitKey, EquipmentUnit>; users: Record<keyof typeof PHONES, User> },
): Promise<Ticket> {
  const cipher = server.running.cipher;
  const created = sh(spec.created);
  const reporter = world.users.s1;
  const engineerId = spec.engineer ? world.users[spec.engineer].id : null;
  const ticket = await newTicketRecord(
    em,
    cipher,
    {
      reporterId: reporter.id,
      department: world.departments[spec.department]!,
      equipmentUnit: spec.unit ? world.units[spec.unit] : null,
      model: spec.unit ? null : 'CF-H290 电子结肠镜',
      serial: spec.unit ? null : `FREE-${spec.key}`,
      description: `测试工单 ${spec.key}`,
      contactName: '张护士',
      contactPhone: '13700001234',
      status: spec.status,
      assignedEngineerId: engineerId,
      createdAt: created,
    },
    created,
  );
  const events: { kind: string; from: TicketStatus | null; to: TicketStatus; at: Date; actor: string; assignee?: string }[] = [
    { kind: 'create', from: null, to: 'submitted', at: created, actor: reporter.id },
  ];
  const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
  if (engineerId) events.push({ kind: 'assign', from: 'submitted', to: 'submitted', at: plus(created, 5), actor: world.users.admin.id, assignee: engineerId });
  if (spec.accepted) {
    const accepted = sh(spec.accepted);
    events.push({ kind: 'accept', from: 'submitted', to: 'accepted', at: accepted, actor: engineerId ?? world.users.admin.id });
    if (spec.status !== 'accepted') events.push({ kind: 'start', from: 'accepted', to: 'in_progress', at: plus(accepted, 10), actor: engineerId ?? world.users.admin.id });
    if (spec.status === 'on_hold') events.push({ kind: 'hold', from: 'in_progress', to: 'on_hold', at: plus(accepted, 60), actor: engineerId! });
  }
  if (spec.reassignedAt) events.push({ kind: 'assign', from: 'accepted', to: 'accepted', at: sh(spec.reassignedAt), actor: world.users.admin.id, assignee: engineerId! });
  if (spec.resolved) events.push({ kind: 'resolve', from: 'in_progress', to: 'resolved', at: sh(spec.resolved), actor: engineerId ?? world.users.admin.id });
  if (spec.resolvedAgain) events.push({ kind: 'resolve', from: 'in_progress', to: 'resolved', at: sh(spec.resolvedAgain), actor: engineerId! });
  if (spec.cancelled) events.push({ kind: 'cancel', from: 'submitted', to: 'cancelled', at: sh(spec.cancelled), actor: reporter.id });
  if (spec.rating) events.push({ kind: 'rate', from: 'resolved', to: 'closed', at: sh(spec.rating.at), actor: reporter.id });
  for (const e of events) {
    em.create(TicketEventSchema, {
      ticket,
      actorId: e.actor,
      kind: e.kind as never,
      fromStatus: e.from,
      toStatus: e.to,
      reason: e.kind === 'hold' ? 'awaiting_parts' : null,
      note: null,
      assigneeId: e.assignee ?? null,
      createdAt: e.at,
    });
  }
  ticket.updatedAt = events.reduce((latest, e) => (e.at > latest ? e.at : latest), created);
  if (spec.rating) {
    const id = newId();
    em.create(TicketRatingSchema, {
      id,
      ticket,
      raterId: reporter.id,
      score: spec.rating.score,
      commentSealed: cipher.sealOptional({ table: 'ticket_rating', column: 'comment', id }, spec.rating.comment ?? null),
      createdAt: sh(spec.rating.at),
    });
  }
  await em.flush();
  return ticket;
}

/** Breach marks (and one warning, which is not a breach), as the SLA job records them. */
function insertSlaMarks(em: EntityManager, t: Record<string, Ticket>): void {
  const marks: [string, 'response' | 'resolution', 'warning' | 'breach', string][] = [
    ['T3', 'response', 'breach', '2026-03-02 08:00'],
    ['T3', 'resolution', 'warning', '2026-03-05 12:00'],
    ['T3', 'resolution', 'breach', '2026-03-06 12:00'],
    ['T5', 'resolution', 'breach', '2026-03-13 09:00'],
    ['T11', 'response', 'breach', '2026-03-16 00:00'],
    ['T10', 'resolution', 'breach', '2026-02-11 10:00'],
    ['FO1', 'response', 'breach', '2026-03-02 00:00'],
  ];
  for (const [key, clock, kind, at] of marks) em.create(TicketSlaMarkSchema, { ticket: t[key]!, clock, kind, usedMinutes: 600, createdAt: sh(at) });
}

/**
 * Ledgers of two staff: S1 at H1 (Beijing), S3 at H3 (Shanghai). S1's
 * redemption on 03-05 23:30 is refunded at 00:30 the next Shanghai day
 * (still 03-05 in UTC). A negative admin adjustment is neither issued nor
 * redeemed.
 */
function insertPoints(em: EntityManager, users: Record<keyof typeof PHONES, User>): void {
  const ledgers: [User, [number, string, string][]][] = [
    [
      users.s1,
      [
        [500, 'admin_adjustment', '2026-02-20 10:00'],
        [100, 'registration_approved', '2026-03-02 09:00'],
        [20, 'ticket_rated', '2026-03-03 09:00'],
        [-150, 'redemption', '2026-03-05 23:30'],
        [150, 'redemption_refund', '2026-03-06 00:30'],
        [-80, 'redemption', '2026-03-10 10:00'],
        [-50, 'admin_adjustment', '2026-03-11 10:00'],
      ],
    ],
    [
      users.s3,
      [
        [300, 'admin_adjustment', '2026-01-20 10:00'],
        [5, 'document_first_read', '2026-03-09 00:30'],
        [-200, 'redemption', '2026-03-14 12:00'],
        [20, 'ticket_rated', '2026-03-16 10:00'],
      ],
    ],
  ];
  for (const [user, entries] of ledgers) {
    let balance = 0;
    entries.forEach(([delta, reason, at], i) => {
      balance += delta;
      em.create(PointsEntrySchema, {
        userId: user.id,
        delta,
        balanceAfter: balance,
        seq: i + 1,
        reason,
        reference: null,
        idempotencyKey: `seed:${user.id}:${i + 1}`,
        actorId: null,
        note: null,
        createdAt: sh(at),
      });
    });
  }
}

function insertGifts(em: EntityManager): Record<string, { id: string; name: string }> {
  const rows: [string, string, number, boolean, string | null][] = [
    ['GA', '保温杯', 3, true, null],
    ['GB', '雨伞', 0, true, null],
    ['GC', '笔记本', 5, true, null],
    ['GD', '台灯', 6, true, null],
    ['GE', '耳机', 1, false, null],
    ['GF', '茶叶礼盒', 2, true, '2026-03-19 23:59'],
    ['GG', '书签', 4, true, '2026-04-30 23:59'],
  ];
  const out: Record<string, { id: string; name: string }> = {};
  for (const [key, name, stock, active, until] of rows) {
    const gift = em.create(GiftSchema, {
      id: newId(),
      name,
      description: '测试礼品',
      pointsPrice: 100,
      valueYuan: 30,
      stock,
      perPersonLimit: 1,
      active,
      imageIds: null,
      activeFrom: null,
      activeUntil: until ? sh(until) : null,
      updatedAt: NOW,
    });
    out[key] = { id: gift.id, name };
  }
  return out;
}

/** Now is 03-20 10:00: PR1 is overdue, PR2/PR3/PR5 due within three days (PR5 due this very minute), PR4 closed. */
function insertPrivacyRequests(em: EntityManager, userId: string): void {
  const rows: [string, string, string][] = [
    ['received', '2026-03-04 10:00', '2026-03-19 10:00'],
    ['in_progress', '2026-03-07 09:00', '2026-03-22 09:00'],
    ['received', '2026-03-08 10:00', '2026-03-23 10:00'],
    ['completed', '2026-02-14 10:00', '2026-03-01 10:00'],
    ['received', '2026-03-05 10:00', '2026-03-20 10:00'],
  ];
  for (const [status, received, due] of rows) {
    em.create(PrivacyRequestSchema, {
      userId,
      type: 'access',
      status,
      detailsSealed: null,
      verifiedAt: sh(received),
      dueAt: sh(due),
      handledById: null,
      outcomeSealed: null,
      refusalReason: null,
      closedAt: status === 'completed' ? sh('2026-02-28 10:00') : null,
      updatedAt: sh(received),
      createdAt: sh(received),
    });
  }
}
