import { DEFAULT_BUSINESS_DAYS, DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_TARGETS, SHANGHAI_UTC_OFFSET_MINUTES } from '../../../shared/sla';
import type { TicketStatus } from '../../../shared/tickets';
import { addBusinessMs, businessMinutesBetween, businessMsBetween, slaClocks, type BusinessCalendar, type SlaEvent } from '../../../server/src/modules/tickets/sla.clock';
import { marksDue, slaNotice } from '../../../server/src/modules/tickets/sla.marks';

/**
 * The SLA clock with a fake "now": business time 08:30–17:30 Monday to
 * Friday, Asia/Shanghai. 2026-11-23 is a Monday.
 */
const cal: BusinessCalendar = { hours: DEFAULT_BUSINESS_HOURS, days: DEFAULT_BUSINESS_DAYS, utcOffsetMinutes: SHANGHAI_UTC_OFFSET_MINUTES };

/** Shanghai wall time → instant: `sh('Mon 09:00')` in the week of 2026-11-23, or a full `2026-11-28 10:00`. */
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function sh(text: string): Date {
  const short = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(\+)? (\d\d:\d\d)$/.exec(text);
  if (short) {
    const day = 23 + DAYS.indexOf(short[1]!) + (short[2] ? 7 : 0);
    const date = day > 30 ? `2026-12-${String(day - 30).padStart(2, '0')}` : `2026-11-${day}`;
    return new Date(`${date}T${short[3]}:00+08:00`);
  }
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}
const MIN = 60_000;

describe('business time', () => {
  it('counts within one day', () => {
    expect(businessMinutesBetween(cal, sh('Mon 09:00'), sh('Mon 10:00'))).toBe(60);
    expect(businessMinutesBetween(cal, sh('Mon 10:00'), sh('Mon 09:00'))).toBe(0);
  });

  it('skips the night', () => {
    expect(businessMinutesBetween(cal, sh('Mon 16:00'), sh('Tue 10:00'))).toBe(90 + 90);
    expect(businessMinutesBetween(cal, sh('Mon 17:30'), sh('Tue 08:30'))).toBe(0);
  });

  it('skips the weekend', () => {
    expect(businessMinutesBetween(cal, sh('Fri 16:00'), sh('Mon+ 10:00'))).toBe(90 + 90);
    expect(businessMinutesBetween(cal, sh('Sat 10:00'), sh('Sun 16:00'))).toBe(0);
  });

  it('starts counting at opening time for something reported outside business hours', () => {
    expect(businessMinutesBetween(cal, sh('Mon 07:00'), sh('Mon 09:00'))).toBe(30);
    expect(businessMinutesBetween(cal, sh('Mon 20:00'), sh('Tue 08:30'))).toBe(0);
    expect(businessMinutesBetween(cal, sh('Sat 10:00'), sh('Mon+ 09:30'))).toBe(60);
  });

  it('counts whole weeks and months', () => {
    expect(businessMinutesBetween(cal, sh('Mon 08:30'), sh('Mon+ 08:30'))).toBe(5 * 540);
    expect(businessMinutesBetween(cal, sh('2026-11-02 00:00'), sh('2026-12-01 00:00'))).toBe(21 * 540);
  });

  it('finds the instant a budget runs out: same day, next morning, after the weekend, from before opening', () => {
    expect(addBusinessMs(cal, sh('Mon 09:00'), 120 * MIN)).toEqual(sh('Mon 11:00'));
    expect(addBusinessMs(cal, sh('Mon 16:00'), 240 * MIN)).toEqual(sh('Tue 11:00'));
    expect(addBusinessMs(cal, sh('Fri 16:00'), 240 * MIN)).toEqual(sh('Mon+ 11:00'));
    expect(addBusinessMs(cal, sh('Sat 22:00'), 30 * MIN)).toEqual(sh('Mon+ 09:00'));
    expect(addBusinessMs(cal, sh('Mon 06:00'), 0)).toEqual(sh('Mon 08:30'));
  });

  it('ends a budget that runs out at closing time at closing time, not the next morning', () => {
    expect(addBusinessMs(cal, sh('Mon 09:00'), 510 * MIN)).toEqual(sh('Mon 17:30'));
    expect(addBusinessMs(cal, sh('Mon 08:30'), 5 * 540 * MIN)).toEqual(sh('Fri 17:30'));
  });

  it('handles long budgets (48 h of business time is more than a working week)', () => {
    expect(addBusinessMs(cal, sh('Mon 08:30'), 2880 * MIN)).toEqual(sh('Mon+ 11:30'));
    expect(addBusinessMs(cal, sh('Mon 09:00'), 4320 * MIN)).toEqual(sh('2026-12-03 09:00'));
  });

  it('agrees with a minute-by-minute count on random spans, and its due instants are the earliest', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const calendars: BusinessCalendar[] = [cal, { hours: { startMinute: 0, endMinute: 1440 }, days: [1, 2, 3, 4, 5, 6, 7], utcOffsetMinutes: 480 }, { hours: { startMinute: 540, endMinute: 720 }, days: [2, 4, 6], utcOffsetMinutes: 480 }];
    const naive = (c: BusinessCalendar, from: Date, to: Date) => {
      let n = 0;
      for (let t = from.getTime(); t < to.getTime(); t += MIN) {
        const local = new Date(t + c.utcOffsetMinutes * MIN);
        const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
        const iso = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
        if (c.days.includes(iso) && minuteOfDay >= c.hours.startMinute && minuteOfDay < c.hours.endMinute) n++;
      }
      return n;
    };
    const base = sh('2026-11-01 00:00').getTime();
    for (let i = 0; i < 150; i++) {
      const c = calendars[i % calendars.length]!;
      const from = new Date(base + Math.floor(random() * 40 * 1440) * MIN);
      const to = new Date(from.getTime() + Math.floor(random() * 20 * 1440) * MIN);
      expect(businessMsBetween(c, from, to) / MIN).toBe(naive(c, from, to));
      const budget = Math.floor(random() * 6000) * MIN;
      const due = addBusinessMs(c, from, budget);
      expect(businessMsBetween(c, from, due)).toBe(budget);
      if (budget > 0) expect(businessMsBetween(c, from, new Date(due.getTime() - MIN))).toBeLessThan(budget);
    }
  });
});

const premium = DEFAULT_SLA_TARGETS.premium; // 2 h to accept, 48 h to resolve
const ev = (kind: string, at: string): SlaEvent => ({ kind, at: sh(at) });

function clocks(events: SlaEvent[], status: TicketStatus, now: string, options: { createdAt?: string; target?: { responseMinutes: number; resolutionMinutes: number } } = {}) {
  return slaClocks({
    createdAt: sh(options.createdAt ?? 'Mon 09:00'),
    events: [ev('create', options.createdAt ?? 'Mon 09:00'), ...events],
    status,
    target: options.target ?? premium,
    calendar: cal,
    warnPercent: 80,
    now: sh(now),
  });
}

describe('a ticket’s clocks', () => {
  it('run from the report: time used, due instant, no warning yet', () => {
    const c = clocks([], 'submitted', 'Mon 10:00');
    expect(c.response).toEqual({ targetMinutes: 120, usedMinutes: 60, state: 'running', dueAt: sh('Mon 11:00').toISOString(), warning: false });
    // 48 business hours from Monday 09:00: 510 + 4 × 540 = 2670 by Friday evening, 210 more on Monday.
    expect(c.resolution).toEqual({ targetMinutes: 2880, usedMinutes: 60, state: 'running', dueAt: sh('Mon+ 12:00').toISOString(), warning: false });
  });

  it('warn once 80 % of a target is used, not before', () => {
    expect(clocks([], 'submitted', 'Mon 10:35').response.warning).toBe(false); // 95 of 120
    expect(clocks([], 'submitted', 'Mon 10:36').response).toMatchObject({ usedMinutes: 96, state: 'running', warning: true });
  });

  it('stop the response clock at acceptance: met, with the minutes it took', () => {
    const c = clocks([ev('accept', 'Mon 10:00')], 'accepted', 'Wed 15:00');
    expect(c.response).toEqual({ targetMinutes: 120, usedMinutes: 60, state: 'met', dueAt: null, warning: false });
    expect(c.resolution.state).toBe('running');
  });

  it('breach a running clock once it uses more than its target; dueAt then says since when', () => {
    const c = clocks([], 'submitted', 'Mon 11:05');
    expect(c.response).toEqual({ targetMinutes: 120, usedMinutes: 125, state: 'breached', dueAt: sh('Mon 11:00').toISOString(), warning: false });
  });

  it('keep a late acceptance as a breach, stopped', () => {
    const c = clocks([ev('accept', 'Mon 11:30')], 'accepted', 'Tue 09:00');
    expect(c.response).toEqual({ targetMinutes: 120, usedMinutes: 150, state: 'breached', dueAt: null, warning: false });
  });

  it('count a report made on Saturday from Monday morning', () => {
    const c = clocks([], 'submitted', 'Mon+ 09:30', { createdAt: 'Sat 10:00' });
    expect(c.response).toMatchObject({ usedMinutes: 60, state: 'running', dueAt: sh('Mon+ 10:30').toISOString() });
  });

  it('pause while on hold and resume without counting the hold, across a night', () => {
    const events = [ev('accept', 'Mon 09:30'), ev('start', 'Mon 09:40'), ev('hold', 'Mon 16:30'), ev('resume', 'Tue 10:30')];
    const onHold = clocks(events.slice(0, 3), 'on_hold', 'Tue 09:00');
    expect(onHold.resolution).toEqual({ targetMinutes: 2880, usedMinutes: 450, state: 'paused', dueAt: null, warning: false });
    const resumed = clocks(events, 'in_progress', 'Tue 11:30');
    // 450 before the hold, 60 since; the 180 business minutes on hold (16:30–17:30, 08:30–10:30) do not count.
    expect(resumed.resolution.usedMinutes).toBe(510);
    // 2370 left from Tuesday 11:30: 360 that day, 3 × 540, then 390 into the next Monday.
    expect(resumed.resolution).toMatchObject({ state: 'running', dueAt: sh('Mon+ 15:00').toISOString() });
    expect(resumed.response).toMatchObject({ state: 'met', usedMinutes: 30 });
  });

  it('add up several holds', () => {
    const events = [ev('accept', 'Mon 09:10'), ev('start', 'Mon 09:20'), ev('hold', 'Mon 10:00'), ev('resume', 'Mon 11:00'), ev('hold', 'Mon 12:00'), ev('resume', 'Wed 12:00')];
    // 09:00–10:00 and 11:00–12:00 on Monday, then Wednesday 12:00–13:00.
    expect(clocks(events, 'in_progress', 'Wed 13:00').resolution.usedMinutes).toBe(180);
    // A resume without a hold and a second hold while on hold change nothing.
    const noisy = [ev('resume', 'Mon 09:30'), ev('hold', 'Mon 10:00'), ev('hold', 'Mon 10:30'), ev('resume', 'Mon 11:00')];
    expect(clocks(noisy, 'in_progress', 'Mon 12:00').resolution.usedMinutes).toBe(120);
  });

  it('stop the resolution clock at resolve, met or breached', () => {
    expect(clocks([ev('accept', 'Mon 09:30'), ev('resolve', 'Tue 10:00')], 'resolved', 'Fri 10:00').resolution).toEqual({
      targetMinutes: 2880,
      usedMinutes: 510 + 90,
      state: 'met',
      dueAt: null,
      warning: false,
    });
    const overdue = clocks([ev('accept', 'Mon 09:30'), ev('resolve', 'Mon+ 12:30')], 'resolved', 'Mon+ 13:00');
    expect(overdue.resolution).toMatchObject({ usedMinutes: 2910, state: 'breached', dueAt: null, warning: false });
  });

  it('stop both clocks at cancel', () => {
    const c = clocks([ev('cancel', 'Mon 09:30')], 'cancelled', 'Tue 09:00');
    expect(c.response).toMatchObject({ usedMinutes: 30, state: 'met', dueAt: null });
    expect(c.resolution).toMatchObject({ usedMinutes: 30, state: 'met', dueAt: null });
  });

  it('mark a clock that ran over before a hold as breached, paused or running again, overdue since the instant it ran out', () => {
    const target = { responseMinutes: 60, resolutionMinutes: 120 };
    const events = [ev('accept', 'Mon 09:10'), ev('start', 'Mon 09:20'), ev('hold', 'Mon 11:30')];
    expect(clocks(events, 'on_hold', 'Mon 13:00', { target }).resolution).toEqual({ targetMinutes: 120, usedMinutes: 150, state: 'breached', dueAt: null, warning: false });
    const resumed = clocks([...events, ev('resume', 'Mon 14:00')], 'in_progress', 'Mon 15:00', { target });
    expect(resumed.resolution).toEqual({ targetMinutes: 120, usedMinutes: 210, state: 'breached', dueAt: sh('Mon 11:00').toISOString(), warning: false });
  });

  it('warn while paused in the warning band, without a due instant', () => {
    const target = { responseMinutes: 60, resolutionMinutes: 120 };
    const c = clocks([ev('accept', 'Mon 09:10'), ev('hold', 'Mon 10:40')], 'on_hold', 'Tue 12:00', { target });
    expect(c.resolution).toEqual({ targetMinutes: 120, usedMinutes: 100, state: 'paused', dueAt: null, warning: true });
  });

  it('trust the status where the timeline lacks the step (rows made without events)', () => {
    const c = slaClocks({ createdAt: sh('Mon 09:00'), events: [], status: 'accepted', target: premium, calendar: cal, warnPercent: 80, now: sh('Mon 12:00') });
    expect(c.response).toMatchObject({ state: 'met', usedMinutes: 0 });
    expect(c.resolution).toMatchObject({ state: 'running', usedMinutes: 180 });
    const held = slaClocks({ createdAt: sh('Mon 09:00'), events: [ev('start', 'Mon 10:00')], status: 'on_hold', target: premium, calendar: cal, warnPercent: 80, now: sh('Tue 12:00') });
    expect(held.resolution).toMatchObject({ state: 'paused', usedMinutes: 60 });
  });

  it('read events in time order whatever order they come in', () => {
    const events = [ev('resume', 'Tue 10:30'), ev('hold', 'Mon 16:30'), ev('accept', 'Mon 09:30')];
    expect(clocks(events, 'in_progress', 'Tue 11:30').resolution.usedMinutes).toBe(510);
  });
});

describe('marks and notices', () => {
  const running = { targetMinutes: 120, usedMinutes: 60, state: 'running' as const, dueAt: null, warning: false };

  it('calls for a warning in the warning band and a breach once over, each once', () => {
    const warned = { ...running, usedMinutes: 100, warning: true };
    const breached = { ...running, usedMinutes: 130, state: 'breached' as const };
    expect(marksDue({ response: warned, resolution: running }, new Set())).toEqual([{ clock: 'response', kind: 'warning', usedMinutes: 100, targetMinutes: 120 }]);
    expect(marksDue({ response: warned, resolution: running }, new Set(['response:warning']))).toEqual([]);
    expect(marksDue({ response: breached, resolution: warned }, new Set(['response:warning']))).toEqual([
      { clock: 'response', kind: 'breach', usedMinutes: 130, targetMinutes: 120 },
      { clock: 'resolution', kind: 'warning', usedMinutes: 100, targetMinutes: 120 },
    ]);
    expect(marksDue({ response: { ...breached, state: 'breached' }, resolution: running }, new Set(['response:breach']))).toEqual([]);
    expect(marksDue({ response: { ...running, state: 'met' }, resolution: { ...running, state: 'paused' } }, new Set())).toEqual([]);
  });

  it('words them in Chinese with the time left, naming the ticket by number only', () => {
    expect(slaNotice('R20261123-0001', { clock: 'response', kind: 'warning', usedMinutes: 75, targetMinutes: 120 })).toEqual({ title: '工单 R20261123-0001 即将超时', body: '响应时限剩余 45 分钟' });
    expect(slaNotice('R20261123-0001', { clock: 'resolution', kind: 'warning', usedMinutes: 2300, targetMinutes: 2880 })).toEqual({ title: '工单 R20261123-0001 即将超时', body: '解决时限剩余 9 小时 40 分钟' });
    expect(slaNotice('R20261123-0001', { clock: 'resolution', kind: 'breach', usedMinutes: 2881, targetMinutes: 2880 })).toEqual({ title: '工单 R20261123-0001 已超时', body: '已超过解决时限 48 小时' });
  });
});
