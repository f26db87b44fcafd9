import { HOLD_REASONS } from '../../shared/ticket-lifecycle';
import { DAY_MS, HISTORY_DAYS } from './config';
import { allocate, type Department, type Directory } from './directory';
import type { People, Person } from './people';
import { Weighted } from './random';
import { COMMENTS, DONE, FAULTS, FAULT_SUFFIXES, FOUND, MODELS, PARTS } from './words';
import { idAt, sealed, shanghaiDay, type World } from './world';

const HOUR = 3600_000;

interface Step {
  kind: string;
  from: string | null;
  to: string;
  at: number;
  actorId: string;
  reason?: string;
  note?: string;
}

export interface TicketsResult {
  /** Tickets of the general bench user from the last 300 days (GET /tickets/:id rotates through them). */
  generalTicketIds: string[];
}

/**
 * Tickets over the two years before the build, growing from 0.6× to 1.4×
 * the mean daily volume, fewer at weekends, mostly in Beijing working hours;
 * each from a department by its weight, reported by its usual reporter
 * (70%) or a colleague. Each lives the lifecycle up to now: 5% cancelled,
 * the rest accepted in ~1.5 h, started, sometimes held (awaiting parts, a
 * few stalled for weeks), resolved in ~2 days with a service report, then
 * rated (which closes it), closed by an admin, or left resolved. Comments
 * (~0.5 per ticket), dealer delegations (~2%), and the reporter's
 * notifications of the last year go with them.
 */
export async function buildTickets(w: World, dir: Directory, people: People, progress: (done: number) => void): Promise<TicketsResult> {
  const { rng } = w;
  const firstMidnight = Math.floor((w.now - HISTORY_DAYS * DAY_MS + 8 * HOUR) / DAY_MS) * DAY_MS - 8 * HOUR;
  const days = Math.ceil((w.now - firstMidnight) / DAY_MS);
  const dayWeights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(firstMidnight + d * DAY_MS + 8 * HOUR).getUTCDay();
    const share = Math.min(1, (w.now - (firstMidnight + d * DAY_MS)) / DAY_MS);
    return (0.6 + (0.8 * d) / days) * (weekday === 0 ? 0.35 : weekday === 6 ? 0.45 : 1) * share;
  });
  const perDay = allocate(dayWeights, w.size.tickets, 0, Number.MAX_SAFE_INTEGER);
  const pickDept = new Weighted(dir.departments.map((d) => d.weight));
  const counters = new Map<string, number>();
  const generalTicketIds: string[] = [];
  let done = 0;

  for (let d = 0; d < days; d++) {
    const dayStart = firstMidnight + d * DAY_MS;
    const span = Math.min(DAY_MS, w.now - dayStart);
    const times = Array.from({ length: perDay[d]! }, () =>
      // 85% in 08:00–18:00 Beijing time, the rest at any hour.
      Math.min(dayStart + span - 1, rng.chance(0.85) ? dayStart + rng.between(8, 18) * HOUR : dayStart + rng.next() * DAY_MS),
    ).sort((a, b) => a - b);
    for (const t of times) {
      const dept = dir.departments[pickDept.draw(rng)]!;
      const id = oneTicket(w, dir, people, dept, t, counters);
      if (id && generalTicketIds.length < 2000 && t > w.now - 300 * DAY_MS) generalTicketIds.push(id);
    }
    done += times.length;
    await w.sink.drain();
    progress(done);
  }
  for (const [day, last] of counters) w.sink.add('ticket_day_counter', { day, last });
  return { generalTicketIds };
}

/** Writes one ticket and everything that hangs off it; returns its id when the general bench user reported it. */
function oneTicket(w: World, dir: Directory, people: People, dept: Department, t: number, counters: Map<string, number>): string | null {
  const { rng, sink } = w;
  const staff = people.staffByDepartment.get(dept.id)!;
  const reporter = staff.length === 1 || rng.chance(0.7) ? staff[0]! : staff[1 + rng.int(staff.length - 1)]!;
  const hospital = dir.hospitals[dept.hospitalIndex]!;
  const engineer = rng.pick(people.engineersByCity[hospital.cityIndex % people.engineersByCity.length]!);
  const id = idAt(w, t);
  const day = shanghaiDay(t);
  const seq = (counters.get(day) ?? 0) + 1;
  counters.set(day, seq);
  const number = `R${day}-${String(seq).padStart(4, '0')}`;

  const steps = lifecycle(w, t, reporter, engineer, people.admins[0]!);
  const applied = steps.filter((s) => s.at <= w.now);
  const last = applied[applied.length - 1]!;
  const accepted = applied.some((s) => s.kind === 'accept');
  const unit = dept.unitIds.length && rng.chance(0.7) ? rng.int(dept.unitIds.length) : -1;
  const contactIsReporter = rng.chance(0.85);
  const colleague = rng.pick(staff);
  const contact = contactIsReporter ? reporter : colleague;

  sink.add('ticket', {
    id,
    created_at: new Date(t),
    number,
    reporter_id: reporter.id,
    hospital_id: dept.hospitalId,
    department_id: dept.id,
    equipment_unit_id: unit >= 0 ? dept.unitIds[unit]! : null,
    model: unit >= 0 ? null : rng.pick(MODELS).name,
    serial: unit >= 0 ? null : `SN${rng.int(90_000_000) + 10_000_000}`,
    description: rng.pick(FAULTS) + rng.pick(FAULT_SUFFIXES),
    contact_name_sealed: sealed(w, 'ticket', 'contact_name', id, contact.name),
    contact_phone_sealed: sealed(w, 'ticket', 'contact_phone', id, contact.phone),
    status: last.to,
    assigned_engineer_id: accepted ? engineer.id : null,
    updated_at: new Date(last.at),
  });

  const recentCutoff = w.now - 365 * DAY_MS;
  for (const s of applied) {
    const eventId = idAt(w, s.at);
    sink.add('ticket_event', { id: eventId, created_at: new Date(s.at), ticket_id: id, actor_id: s.actorId, kind: s.kind, from_status: s.from, to_status: s.to, reason: s.reason ?? null, note: s.note ?? null, assignee_id: null });
    if (s.kind === 'resolve') {
      const k = rng.int(FOUND.length);
      sink.add('ticket_service_report', { id: idAt(w, s.at), created_at: new Date(s.at), ticket_id: id, engineer_id: engineer.id, found: FOUND[k]!, done: DONE[k]!, parts: PARTS[k] ?? null });
    }
    if (s.kind === 'rate') {
      const ratingId = idAt(w, s.at);
      const score = Number(s.note!.split('/')[0]);
      const comment = rng.chance(0.15) ? rng.pick(['工程师很专业，响应及时。', '修得很快，谢谢！', '等配件时间有点长。', '服务态度好。']) : null;
      sink.add('ticket_rating', { id: ratingId, created_at: new Date(s.at), ticket_id: id, rater_id: reporter.id, score, comment_sealed: comment === null ? null : sealed(w, 'ticket_rating', 'comment', ratingId, comment) });
    }
    if ((s.kind === 'accept' || s.kind === 'resolve') && s.at > recentCutoff) {
      const word = s.kind === 'accept' ? '已受理' : '已解决';
      notify(w, reporter.id, id, 'ticket_status', `工单 ${number} ${word}`, `您报修的设备${word}`, `ticket-event:${eventId}:${reporter.id}`, s.at);
    }
  }

  // Comments between the report and the last step (or now).
  const commentCount = rng.chance(0.65) ? 0 : rng.chance(0.72) ? 1 : rng.chance(0.8) ? 2 : 3;
  for (let c = 0; c < commentCount; c++) {
    const at = t + rng.next() * (Math.max(last.at, Math.min(w.now, t + 2 * HOUR)) - t);
    const commentId = idAt(w, at);
    const byEngineer = accepted && rng.chance(0.5);
    sink.add('ticket_comment', { id: commentId, created_at: new Date(at), ticket_id: id, author_id: byEngineer ? engineer.id : reporter.id, body_sealed: sealed(w, 'ticket_comment', 'body', commentId, rng.pick(COMMENTS)), file_ids: '[]' });
    if (byEngineer && at > recentCutoff) notify(w, reporter.id, id, 'ticket_comment', `工单 ${number} 有新留言`, '工程师给您留言了', `ticket-comment:${commentId}:${reporter.id}`, at);
  }

  if (accepted && rng.chance(0.02)) {
    const start = applied.find((s) => s.kind === 'start')?.at ?? last.at;
    const final = last.to === 'closed' || last.to === 'cancelled';
    sink.add('ticket_delegation', { id: idAt(w, start), created_at: new Date(start), ticket_id: id, dealer_id: dir.dealerId, purpose: rng.chance(0.7) ? 'onsite_check' : 'pickup', delegated_by_id: engineer.id, ended_at: final ? new Date(last.at) : null });
  }
  return reporter.id === people.general.id ? id : null;
}

function lifecycle(w: World, t: number, reporter: Person, engineer: Person, admin: Person): Step[] {
  const { rng } = w;
  const steps: Step[] = [{ kind: 'create', from: null, to: 'submitted', at: t, actorId: reporter.id }];
  if (rng.chance(0.05)) {
    steps.push({ kind: 'cancel', from: 'submitted', to: 'cancelled', at: t + rng.exp(3 * HOUR), actorId: reporter.id });
    return steps;
  }
  let at = t + Math.max(5 * 60_000, rng.exp(1.5 * HOUR));
  steps.push({ kind: 'accept', from: 'submitted', to: 'accepted', at, actorId: engineer.id });
  at += rng.exp(10 * HOUR);
  steps.push({ kind: 'start', from: 'accepted', to: 'in_progress', at, actorId: engineer.id });
  if (rng.chance(0.2)) {
    at += rng.exp(DAY_MS);
    steps.push({ kind: 'hold', from: 'in_progress', to: 'on_hold', at, actorId: engineer.id, reason: rng.pick(HOLD_REASONS) });
    at += rng.exp(rng.chance(0.03) ? 60 * DAY_MS : 4 * DAY_MS);
    steps.push({ kind: 'resume', from: 'on_hold', to: 'in_progress', at, actorId: engineer.id });
  }
  at += rng.exp(2 * DAY_MS);
  steps.push({ kind: 'resolve', from: 'in_progress', to: 'resolved', at, actorId: engineer.id });
  const after = rng.next();
  if (after < 0.8) {
    const score = rng.chance(0.7) ? 5 : rng.chance(0.67) ? 4 : rng.chance(0.6) ? 3 : 1 + rng.int(2);
    steps.push({ kind: 'rate', from: 'resolved', to: 'closed', at: at + rng.exp(1.5 * DAY_MS), actorId: reporter.id, note: `${score}/5` });
  } else if (after < 0.92) {
    steps.push({ kind: 'close', from: 'resolved', to: 'closed', at: at + 7 * DAY_MS + rng.exp(2 * DAY_MS), actorId: admin.id });
  }
  return steps;
}

function notify(w: World, userId: string, ticketId: string, kind: string, title: string, body: string, dedupeKey: string, at: number): void {
  const old = at < w.now - 2 * DAY_MS;
  w.sink.add('notification', {
    id: idAt(w, at),
    created_at: new Date(at),
    user_id: userId,
    kind,
    ticket_id: ticketId,
    title,
    body,
    read_at: old || w.rng.chance(0.5) ? new Date(Math.min(w.now, at + w.rng.exp(8 * HOUR))) : null,
    dedupe_key: dedupeKey,
    wechat_state: 'skipped',
    wechat_msg_id: null,
  });
}
