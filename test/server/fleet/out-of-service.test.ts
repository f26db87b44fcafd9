import { daysOutOfService, windowStart, type OpenInterval } from '../../../server/src/modules/fleet/out-of-service';

/** Shanghai wall time (UTC+8) as an instant: `sh('2026-03-05 23:50')`. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const span = (from: string, to: string | null): OpenInterval => ({ start: sh(from), end: to === null ? null : sh(to) });

// Today is Friday 2026-03-20 in Shanghai; the window is the 365 days 2025-03-21 … 2026-03-20.
const NOW = sh('2026-03-20 10:00');

describe('daysOutOfService (pure)', () => {
  it('starts the window at 00:00 Shanghai time 364 days before today', () => {
    expect(windowStart(NOW).toISOString()).toBe('2025-03-20T16:00:00.000Z');
    expect(windowStart(NOW, 1).toISOString()).toBe('2026-03-19T16:00:00.000Z');
  });

  it('counts nothing without tickets, and one day for a repair done the same day', () => {
    expect(daysOutOfService([], NOW)).toBe(0);
    expect(daysOutOfService([span('2026-03-02 00:00', '2026-03-02 12:00')], NOW)).toBe(1);
  });

  it('counts Shanghai calendar days, not UTC ones', () => {
    // 23:50 → 00:10 is 15:50Z → 16:10Z, one UTC day, but two Shanghai days.
    expect(daysOutOfService([span('2026-03-05 23:50', '2026-03-06 00:10')], NOW)).toBe(2);
    // 01:00 → 07:00 on 03-05 is 03-04T17:00Z → 03-04T23:00Z: one day either way.
    expect(daysOutOfService([span('2026-03-05 01:00', '2026-03-05 07:00')], NOW)).toBe(1);
  });

  it('counts a day two tickets share once: overlapping, nested and back-to-back', () => {
    // 03-01…03-05 ∪ 03-04…03-08 = 03-01…03-08: 8 days, not 5 + 5.
    expect(daysOutOfService([span('2026-03-01 09:00', '2026-03-05 09:00'), span('2026-03-04 09:00', '2026-03-08 09:00')], NOW)).toBe(8);
    // Nested: the inner ticket adds nothing.
    expect(daysOutOfService([span('2026-03-01 09:00', '2026-03-10 09:00'), span('2026-03-03 09:00', '2026-03-04 09:00')], NOW)).toBe(10);
    // Back to back on 03-02: 03-01, 03-02, 03-03.
    expect(daysOutOfService([span('2026-03-02 15:00', '2026-03-03 09:00'), span('2026-03-01 10:00', '2026-03-02 10:00')], NOW)).toBe(3);
    // Apart: 2 + 1.
    expect(daysOutOfService([span('2026-02-01 09:00', '2026-02-02 09:00'), span('2026-02-10 09:00', '2026-02-10 11:00')], NOW)).toBe(3);
  });

  it('runs an open ticket until today', () => {
    // 03-18, 03-19, 03-20.
    expect(daysOutOfService([span('2026-03-18 16:00', null)], NOW)).toBe(3);
    // An open ticket from two years ago fills the whole window, and a resolved one inside it adds nothing.
    expect(daysOutOfService([span('2024-01-01 08:00', null), span('2026-01-01 08:00', '2026-01-02 08:00')], NOW)).toBe(365);
  });

  it('clips to the window: only the days from 2025-03-21 count', () => {
    // 2025-03-19 … 2025-03-22: only 03-21 and 03-22 are inside.
    expect(daysOutOfService([span('2025-03-19 10:00', '2025-03-22 10:00')], NOW)).toBe(2);
    // Resolved the minute before the window opened: nothing.
    expect(daysOutOfService([span('2025-03-01 10:00', '2025-03-20 23:59')], NOW)).toBe(0);
    // Submitted at the very first instant of the window: that day counts.
    expect(daysOutOfService([span('2025-03-21 00:00', '2025-03-21 00:05')], NOW)).toBe(1);
    // A shorter window: the last 7 days are 03-14 … 03-20.
    expect(daysOutOfService([span('2026-03-10 10:00', '2026-03-15 10:00')], NOW, 7)).toBe(2);
  });

  it('treats an end before the start (clock skew) as the first day only', () => {
    expect(daysOutOfService([span('2026-03-10 10:00', '2026-03-08 10:00')], NOW)).toBe(1);
  });
});
