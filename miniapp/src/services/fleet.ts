import { FleetSchema, type Fleet, type FleetUnit } from '@shared/schemas/fleet.schema'
import type { Me } from '@shared/schemas/me.schema'
import { isApiError } from './api-error'
import { requestParsed } from './http'

export type { Fleet, FleetUnit }

export const FLEET_SORTS = ['outOfService', 'repairs', 'coveredUntil', 'serial'] as const
export type FleetSort = (typeof FLEET_SORTS)[number]

export const FLEET_SORT_LABELS: Record<FleetSort, string> = {
  outOfService: '停机天数',
  repairs: '维修次数',
  coveredUntil: '保修到期',
  serial: '序列号',
}

/** The order each sort gives (the API has no direction): most days/repairs first, earliest end first, serials A→Z. */
export const FLEET_SORT_DIRS: Record<FleetSort, 'asc' | 'desc'> = {
  outOfService: 'desc',
  repairs: 'desc',
  coveredUntil: 'asc',
  serial: 'asc',
}

export function isFleetSort(value: unknown): value is FleetSort {
  return typeof value === 'string' && (FLEET_SORTS as readonly string[]).includes(value)
}

export type Coverage = FleetUnit['coverage']

export const COVERAGE_LABELS: Record<Coverage, string> = {
  covered: '在保',
  expiring: '即将到期',
  expired: '已过保',
  unknown: '未知',
}

/** NutUI tag type per coverage; unknown is grey. */
export const COVERAGE_TAG: Record<Coverage, 'success' | 'warning' | 'danger' | 'muted'> = {
  covered: 'success',
  expiring: 'warning',
  expired: 'danger',
  unknown: 'muted',
}

/** GET /fleet: the units of the departments I manage (advanced staff; everyone else 403). */
export function getFleet({ departmentId, sort = 'outOfService' }: { departmentId?: string; sort?: FleetSort } = {}): Promise<Fleet> {
  return requestParsed(FleetSchema, '/fleet', { query: { departmentId: departmentId || undefined, sort } })
}

/** The server says this person may not see a fleet (not advanced staff). */
export function isFleetForbidden(err: unknown): boolean {
  return isApiError(err) && err.status === 403
}

/** Who gets the 设备概况 entry under 我的: active staff with advanced access. */
export function canViewFleet(me: Pick<Me, 'status' | 'roles' | 'tier'>): boolean {
  return me.status === 'active' && me.roles.includes('staff') && me.tier === 'advanced'
}

/** `保修至 2027-03-31`, or 保修期未登记 when unknown. */
export function coveredUntilText(unit: Pick<FleetUnit, 'coveredUntil'>): string {
  return unit.coveredUntil ? `保修至 ${unit.coveredUntil}` : '保修期未登记'
}

/** The unit's year in three facts: 近一年维修 N 次 · 停机 N 天 · 在修 N 单. */
export function unitFacts(unit: Pick<FleetUnit, 'repairCount' | 'daysOutOfService' | 'openTickets'>): string[] {
  return [`近一年维修 ${unit.repairCount} 次`, `停机 ${unit.daysOutOfService} 天`, `在修 ${unit.openTickets} 单`]
}

/** The totals row: units, open tickets, repairs and days out of service in the last year, coverage ending within 60 days. */
export function totalsFacts(totals: Fleet['totals']): { key: keyof Fleet['totals']; label: string; value: number; alert: boolean }[] {
  return [
    { key: 'units', label: '设备', value: totals.units, alert: false },
    { key: 'openTickets', label: '在修工单', value: totals.openTickets, alert: totals.openTickets > 0 },
    { key: 'repairs', label: '近一年维修', value: totals.repairs, alert: false },
    { key: 'daysOutOfService', label: '累计停机天数', value: totals.daysOutOfService, alert: false },
    { key: 'coverageEndingSoon', label: '60 天内保修到期', value: totals.coverageEndingSoon, alert: totals.coverageEndingSoon > 0 },
  ]
}
