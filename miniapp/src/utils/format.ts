const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000 // UTC+8 all year (no DST since 1991)

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * ISO 8601 UTC from the API → `2026-11-21 14:05` in Asia/Shanghai. Computed by
 * hand: Intl time zones are missing on some WeChat Android runtimes.
 */
export function formatShanghai(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** Today's date in Asia/Shanghai, `YYYY-MM-DD` (by hand, as above). */
export function todayShanghai(now: number = Date.now()): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

export function formatDistance(km: number | undefined): string {
  if (km === undefined) return ''
  return km < 1 ? `${Math.max(1, Math.round(km * 1000))} 米` : `${km < 10 ? km.toFixed(1) : Math.round(km)} 公里`
}
