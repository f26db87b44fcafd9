import type { Gender, UserStatus } from '@shared/schemas/me.schema'

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  unregistered: '待注册',
  pending: '审核中',
  active: '已认证',
  rejected: '未通过',
  cancelling: '注销中',
}

export const USER_STATUS_TAG: Record<UserStatus, 'default' | 'primary' | 'success' | 'warning' | 'danger'> = {
  unregistered: 'default',
  pending: 'warning',
  active: 'success',
  rejected: 'danger',
  cancelling: 'default',
}

export const GENDER_LABELS: Record<Gender, string> = {
  male: '男',
  female: '女',
  undisclosed: '保密',
}
