import type { BusinessHours, SlaTarget } from '../../../../shared/sla';
import type { SlaClock } from '../../../../shared/schemas/ticket-workflow.schema';
import type { TicketStatus } from '../../../../shared/tickets';

/**
 * SLA clocks as pure arithmetic: business time between instants and the
 * instant a budget of business time runs out, in a fixed-offset local time
 * (Asia/Shanghai, UTC+8, no DST), and the two clocks of a ticket derived
 * from its timeline. No I/O and no "now" of its own: the caller passes it.
 */

export interface BusinessCalendar {
  hours: BusinessHours;
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  days: readonly number[];
  /** Minutes east of UTC; 480 for Asia/Shanghai. */
  utcOffsetMinutes: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Local-time arithmetic on plain numbers: shift by the offset once, then whole days are UTC days. */
function local(cal: BusinessCalendar, at: Date | number): number {
  return (typeof at === 'number' ? at : at.getTime()) + cal.utcOffsetMinutes * MINUTE;
}

function isoWeekday(dayIndex: number): number {
  // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
  return ((((dayIndex + 3) % 7) + 7) % 7) + 1;
}

function isWorkingDay(cal: BusinessCalendar, dayIndex: number): boolean {
  return cal.days.includes(isoWeekday(dayIndex));
}

/** The working window of local day `dayIndex`, in local ms. */
function windowOf(cal: BusinessCalendar, dayIndex: number): [number, number] {
  const base = dayIndex * DAY;
  return [base + cal.hours.startMinute * MINUTE, base + cal.hours.endMinute * MINUTE];
}

/** Working days among whole days [fromDay, toDay): whole weeks at once, the rest one by one. */
function workingDaysBetween(cal: BusinessCalendar, fromDay: number, toDay: number): number {
  if (toDay <= fromDay) return 0;
  const span = toDay - fromDay;
  const weeks = Math.floor(span / 7);
  let count = weeks * cal.days.length;
  for (let d = fromDay + weeks * 7; d < toDay; d++) if (isWorkingDay(cal, d)) count++;
  return count;
}

/** Business milliseconds in [from, to); zero when `to` is not after `from`. */
export function businessMsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = local(cal, from);
  const b = local(cal, to);
  if (b <= a) return 0;
  const dayA = Math.floor(a / DAY);
  const dayB = Math.floor(b / DAY);
  const overlap = (day: number) => {
    if (!isWorkingDay(cal, day)) return 0;
    const [open, close] = windowOf(cal, day);
    return Math.max(0, Math.min(close, b) - Math.max(open, a));
  };
  if (dayA === dayB) return overlap(dayA);
  const perDay = (cal.hours.endMinute - cal.hours.startMinute) * MINUTE;
  return overlap(dayA) + workingDaysBetween(cal, dayA + 1, dayB) * perDay + overlap(dayB);
}

/** Whole business minutes in [from, to). */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return Math.floor(businessMsBetween(cal, from, to) / MINUTE);
}

/**
 * The instant `ms` of business time after `from` have passed: skips nights,
 * non-working days and the part of today before opening. A budget that runs
 * out exactly at closing time ends at closing time, not the next morning.
 */
export function addBusinessMs(cal: BusinessCalendar, from: Date, ms: number): Date {
  if (!cal.days.length) throw new Error('a business calendar needs at least one working day');
  let at = local(cal, from);
  let left = Math.max(0, ms);
  let day = Math.floor(at / DAY);
  const perDay = (cal.hours.endMinute - cal.hours.startMinute) * MINUTE;
  if (perDay <= 0) throw new Error('business hours must end after they start');
  const perWeek = perDay * cal.days.length;
  for (;;) {
    if (isWorkingDay(cal, day)) {
      const [open, close] = windowOf(cal, day);
      const start = Math.max(open, at);
      if (start <= close) {
        const available = close - start;
        if (left <= available) return new Date(start + left - cal.utcOffsetMinutes * MINUTE);
        left -= available;
      }
    }
    day += 1;
    at = day * DAY;
    // From a midnight, seven days hold exactly one week's business time: skip whole weeks of a long budget at once.
    if (left > perWeek) {
      const weeks = Math.floor((left - 1) / perWeek);
      day += weeks * 7;
      at = day * DAY;
      left -= weeks * perWeek;
    }
  }
}

export interface SlaEvent {
  kind: string;
  at: Date;
}

export interface SlaInput {
  createdAt: Date;
  /** The ticket's timeline (any order; sorted here by time, ties kept in the given order). */
  events: readonly SlaEvent[];
  status: TicketStatus;
  target: SlaTarget;
  calendar: BusinessCalendar;
  /** A warning once this percentage of a target is used. */
  warnPercent: number;
  now: Date;
}

export interface ClockRule {
  /** The first of these ends the clock for good. */
  stops: ReadonlySet<string>;
  /** Statuses in which the clock has ended even if the timeline does not say when (history imported without events). */
  endedIn: ReadonlySet<TicketStatus>;
}

/** Response runs from the report until someone accepts it (or it is cancelled); any later step implies acceptance. */
export const RESPONSE_RULE: ClockRule = {
  stops: new Set(['accept', 'start', 'resolve', 'close', 'rate', 'cancel']),
  endedIn: new Set<TicketStatus>(['accepted', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled']),
};
/** Resolution runs from the report until it is resolved, closed or cancelled. */
export const RESOLUTION_RULE: ClockRule = {
  stops: new Set(['resolve', 'close', 'rate', 'cancel']),
  endedIn: new Set<TicketStatus>(['resolved', 'closed', 'cancelled']),
};

interface Timeline {
  /** The spans the clock ran, in order; the last one ends at `now` while it is still running. */
  segments: { from: Date; to: Date }[];
  ended: boolean;
  running: boolean;
}

/** Replays the timeline: `hold` closes a span, `resume` opens one, the first stop event closes it for good. */
function timelineOf(rule: ClockRule, input: SlaInput): Timeline {
  const events = [...input.events].sort((x, y) => x.at.getTime() - y.at.getTime());
  const segments: Timeline['segments'] = [];
  let openedAt: Date | null = input.createdAt;
  let lastKnown = input.createdAt;
  const close = (at: Date) => {
    if (openedAt) segments.push({ from: openedAt, to: at });
    openedAt = null;
  };
  for (const e of events) {
    if (e.at > lastKnown) lastKnown = e.at;
    if (rule.stops.has(e.kind)) {
      close(e.at);
      return { segments, ended: true, running: false };
    }
    if (e.kind === 'hold') close(e.at);
    else if (e.kind === 'resume' && !openedAt) openedAt = e.at;
  }
  // A history without the event (imported or hand-made rows): trust the status, from the last instant we know of.
  if (rule.endedIn.has(input.status)) {
    close(lastKnown);
    return { segments, ended: true, running: false };
  }
  if (input.status === 'on_hold') close(lastKnown);
  const running = openedAt !== null;
  close(input.now);
  return { segments, ended: false, running };
}

/**
 * The instant the target is used up: inside the span where the running total
 * reaches it, or — for a clock still running — later in its open last span.
 */
function targetReachedAt(cal: BusinessCalendar, timeline: Timeline, targetMs: number): Date | null {
  let used = 0;
  for (const [i, s] of timeline.segments.entries()) {
    const length = businessMsBetween(cal, s.from, s.to);
    const openEnded = timeline.running && i === timeline.segments.length - 1;
    if (used + length >= targetMs || openEnded) return addBusinessMs(cal, s.from, targetMs - used);
    used += length;
  }
  return null;
}

/**
 * One clock. Business time counts while it runs; time on hold never counts,
 * however long. State: `met` or `breached` once ended (breached when more
 * than the target was used); while not ended, `breached` as soon as more
 * than the target is used, else `running` or `paused`.
 * `dueAt` is set only while the clock runs: the instant the target is used
 * up if nothing changes — in the past once breached ("overdue since").
 * `warning` is set while the clock has not ended, has used at least the
 * warning share and is not yet breached (a breach is its own signal).
 */
export function computeClock(rule: ClockRule, input: SlaInput, targetMinutes: number): SlaClock {
  const cal = input.calendar;
  const targetMs = targetMinutes * MINUTE;
  const timeline = timelineOf(rule, input);
  const usedMs = timeline.segments.reduce((sum, s) => sum + businessMsBetween(cal, s.from, s.to), 0);
  const breached = usedMs > targetMs;
  const state: SlaClock['state'] = timeline.ended ? (breached ? 'breached' : 'met') : breached ? 'breached' : timeline.running ? 'running' : 'paused';
  return {
    targetMinutes,
    usedMinutes: Math.floor(usedMs / MINUTE),
    state,
    dueAt: timeline.running ? (targetReachedAt(cal, timeline, targetMs)?.toISOString() ?? null) : null,
    warning: !timeline.ended && !breached && usedMs * 100 >= targetMs * input.warnPercent,
  };
}

/** Both clocks of a ticket as of `input.now`. */
export function slaClocks(input: SlaInput): { response: SlaClock; resolution: SlaClock } {
  return {
    response: computeClock(RESPONSE_RULE, input, input.target.responseMinutes),
    resolution: computeClock(RESOLUTION_RULE, input, input.target.resolutionMinutes),
  };
}
