import type { Permission } from '@shared/permissions'
import type { Me } from '@shared/schemas/me.schema'
import { ROUTES } from '../../routes'

/** Every area of the web console, in sidebar order. `group` heads a block of the sidebar. */
export const CONSOLE_AREAS = [
  { key: 'dashboard', group: '概览', title: '数据看板', url: ROUTES.dashboard, permission: 'admin.dashboard' },
  { key: 'registrations', group: '审核', title: '注册审核', url: ROUTES.adminRegistrations, permission: 'admin.registrations' },
  { key: 'access', group: '审核', title: '高级权限审核', url: ROUTES.adminAccess, permission: 'admin.access' },
  { key: 'advanced-users', group: '审核', title: '高级权限用户', url: ROUTES.adminAdvancedUsers, permission: 'admin.access' },
  { key: 'users', group: '用户与目录', title: '用户管理', url: ROUTES.adminUsers, permission: 'admin.access' },
  { key: 'directory', group: '用户与目录', title: '医院与设备', url: ROUTES.adminDirectory, permission: 'admin.directory' },
  { key: 'import', group: '用户与目录', title: '批量导入', url: ROUTES.adminImport, permission: 'admin.directory' },
  { key: 'labels', group: '用户与目录', title: '设备标签', url: ROUTES.adminLabels, permission: 'admin.directory' },
  { key: 'orders', group: '积分礼品', title: '礼品订单', url: ROUTES.adminOrders, permission: 'admin.gifts' },
  { key: 'gifts', group: '积分礼品', title: '礼品管理', url: ROUTES.adminGifts, permission: 'admin.gifts' },
  { key: 'library', group: '内容', title: '资料库管理', url: ROUTES.libraryAdmin, permission: 'library.write' },
  { key: 'privacy', group: '合规', title: '隐私合规', url: ROUTES.adminPrivacy, permission: 'admin.privacy' },
  { key: 'audit', group: '合规', title: '审计日志', url: ROUTES.adminAudit, permission: 'admin.audit' },
  { key: 'workbench', group: '服务', title: '工程师工作台', url: ROUTES.engineer, permission: 'tickets.assign' },
  { key: 'chat-queue', group: '服务', title: '咨询接待', url: ROUTES.chatQueue, permission: 'tickets.assign' },
] as const satisfies readonly { key: string; group: string; title: string; url: string; permission: Permission }[]

export type ConsoleArea = (typeof CONSOLE_AREAS)[number]['key']

/** The areas this person may open: the server refuses the rest anyway; engineers get only their workbench. */
export function areasFor(me: Pick<Me, 'permissions' | 'status'>) {
  if (me.status !== 'active') return []
  return CONSOLE_AREAS.filter((a) => me.permissions.includes(a.permission))
}
