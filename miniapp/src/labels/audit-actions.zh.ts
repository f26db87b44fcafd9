// 管理操作日志 (admin console, 审计日志): the actions the server records with recordAudit, in Chinese.
// The log keeps actions that no longer exist and gains new ones: an unknown action shows as recorded.

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  // Registration and access
  'registration.approve': '通过注册',
  'registration.reject': '驳回注册',
  'registration.resubmit': '重新提交注册',
  'access.grant': '授予高级权限',
  'access.reject': '驳回高级权限申请',
  'access.revoke': '撤销高级权限',
  // User accounts
  'account.create.engineer': '新建工程师账号',
  'account.create.dealer': '新建经销商员工账号',
  'account.create.admin': '新建管理员账号',
  'account.role_change': '修改角色',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.revoke_sessions': '强制下线',
  'account.cancel': '注销账号',
  'account.cancel.undo': '撤销注销',
  'account.purge': '清除注销账号的个人信息',
  'profile.phone_change': '更换手机号',
  'dealer.create': '登记经销商',
  'pii.badge.view': '查看工牌照片',
  'pii.order_address.export': '导出订单收货信息',
  // Directory
  'directory.hospital.create': '新增医院',
  'directory.hospital.update': '修改医院',
  'directory.department.create': '新增科室',
  'directory.department.update': '修改科室',
  'directory.model.create': '新增设备型号',
  'directory.model.update': '修改设备型号',
  'directory.unit.create': '新增设备',
  'directory.unit.update': '修改设备',
  'directory.import.hospitals': '批量导入医院',
  'directory.import.departments': '批量导入科室',
  'directory.import.equipment': '批量导入设备',
  // Tickets
  'ticket.delegate': '委托经销商',
  'ticket.delegation.end': '结束委托',
  // Library
  'library.document.create': '新建资料',
  'library.document.update': '修改资料',
  'library.document.publish': '发布资料',
  'library.document.retire': '下架资料',
  // Points and gifts
  'points.adjust': '调整积分',
  'gift.create': '新增礼品',
  'gift.update': '修改礼品',
  'gift.stock_change': '调整礼品库存',
  'redemption.ship': '订单发货',
  'redemption.deliver': '确认签收',
  'redemption.cancel': '取消订单',
  // Privacy requests
  'privacy_request.taken': '受理隐私申请',
  'privacy_request.note': '隐私申请备注',
  'privacy_request.completed': '办结隐私申请',
  'privacy_request.refused': '拒绝隐私申请',
}

/** The family an action belongs to (its first segment), for `全部…操作` in the filter and for unknown actions. */
export const AUDIT_FAMILY_LABELS: Record<string, string> = {
  registration: '注册审核',
  access: '高级权限',
  account: '账号',
  profile: '个人资料',
  dealer: '经销商',
  pii: '个人信息',
  directory: '医院与设备',
  ticket: '工单',
  library: '资料库',
  points: '积分',
  gift: '礼品',
  redemption: '礼品订单',
  privacy_request: '隐私申请',
}

/** `registration.approve` → 通过注册; `user.something_new` → 用户管理：user.something_new; anything else as recorded. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action]
  if (known) return known
  const family = AUDIT_FAMILY_LABELS[action.split('.')[0] ?? '']
  return family ? `${family}：${action}` : action
}

/** A prefix filter (`user.`) in words: 全部用户管理操作. */
export function auditFamilyLabel(prefix: string): string {
  const key = prefix.replace(/\.$/, '')
  return `全部${AUDIT_FAMILY_LABELS[key] ?? key}操作`
}
