import type { AccessRequestStatus } from '@shared/schemas/access.schema'
import type { StaffTier } from '@shared/permissions'

export const ACCESS_STATUS_LABELS: Record<AccessRequestStatus, string> = {
  pending: '审核中',
  approved: '已通过',
  rejected: '已驳回',
}

export const ACCESS_STATUS_TAG: Record<AccessRequestStatus, 'warning' | 'success' | 'danger'> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
}

export const TIER_LABELS: Record<StaffTier, string> = {
  general: '普通权限',
  advanced: '高级权限',
}

/** `AdminAccessRequest.user.tier` is a plain string in the contract; unknown values show as they are. */
export function tierLabel(tier: string | null | undefined): string | null {
  if (!tier) return null
  return tier === 'general' || tier === 'advanced' ? TIER_LABELS[tier] : tier
}

/** "A、B、C" */
export function namesOf(refs: readonly { name: string }[]): string {
  return refs.map((r) => r.name).join('、')
}
