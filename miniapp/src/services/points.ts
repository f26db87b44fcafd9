import {
  PointsLedgerPageSchema,
  PointsSummarySchema,
  type EarningReason,
  type EarningRule,
  type PointsEntryView,
  type PointsLedgerPage,
  type PointsReason,
  type PointsSummary,
} from '@shared/schemas/points.schema'
import { requestParsed } from './http'

// Only the points contract here: the 我的 page (main package) imports this module,
// so it must not pull in the gift/address schemas (they carry the region data).
export type { EarningReason, EarningRule, PointsEntryView, PointsLedgerPage, PointsReason, PointsSummary }

/** GET /points: balance, what was earned this (Shanghai) year, the earning rules and the yearly gift value cap. */
export function getPointsSummary(): Promise<PointsSummary> {
  return requestParsed(PointsSummarySchema, '/points')
}

/** GET /points/ledger: newest first, keyset-paged. */
export function listPointsLedger({ cursor, limit = 20 }: { cursor?: string; limit?: number } = {}): Promise<PointsLedgerPage> {
  return requestParsed(PointsLedgerPageSchema, '/points/ledger', { query: { cursor, limit } })
}

/** `+20` / `-300`: the sign is always shown, so a refund and a spend never look alike. */
export function formatDelta(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta)
}
