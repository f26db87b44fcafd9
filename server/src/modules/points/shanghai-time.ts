/** Asia/Shanghai is UTC+8 all year (no DST), so calendar boundaries are plain offsets. */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The instant the Shanghai calendar day containing `now` began. */
export function shanghaiDayStart(now: Date): Date {
  return new Date(Math.floor((now.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);
}

/** The Shanghai calendar year containing `now`. */
export function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + OFFSET_MS).getUTCFullYear();
}

/** The instant the Shanghai calendar year containing `now` began. */
export function shanghaiYearStart(now: Date): Date {
  return new Date(Date.UTC(shanghaiYear(now), 0, 1) - OFFSET_MS);
}
