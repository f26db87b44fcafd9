/** The one source of "now", so tests can move time (SLA clocks, retention, expiries). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
