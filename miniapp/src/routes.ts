import Taro from '@tarojs/taro'
import type { Me } from '@shared/schemas/me.schema'
import { needsConsent } from './stores/session'

/** Page paths, in one place (app.config.ts declares the same pages). */
export const ROUTES = {
  home: '/pages/index/index',
  tickets: '/pages/tickets/index',
  me: '/pages/me/index',
  consent: '/pages/consent/index',
  login: '/pages/login/index',
  register: '/packages/onboarding/register/index',
  status: '/packages/onboarding/status/index',
  adminHome: '/packages/admin/index',
  adminRegistrations: '/packages/admin/registrations/index',
  adminAccess: '/packages/admin/access/index',
  adminAdvancedUsers: '/packages/admin/advanced-users/index',
  adminGifts: '/packages/admin/gifts/index',
  adminGiftEdit: '/packages/admin/gifts/edit/index',
  adminOrders: '/packages/admin/orders/index',
  adminPrivacy: '/packages/admin/privacy/index',
  adminPrivacyRequests: '/packages/admin/privacy/requests/index',
  adminAccessLog: '/packages/admin/privacy/access-log/index',
  adminUsers: '/packages/admin/users/index',
  adminDirectory: '/packages/admin/directory/index',
  adminImport: '/packages/admin/directory/import/index',
  adminLabels: '/packages/admin/labels/index',
  adminAudit: '/packages/admin/audit/index',
  dashboard: '/packages/dashboard/index',
  fleet: '/packages/fleet/index',
  accessRequest: '/packages/access/index',
  ticketDetail: '/packages/ticket/detail/index',
  ticketReport: '/packages/ticket/report/index',
  privacy: '/packages/privacy/index',
  privacyData: '/packages/privacy/data/index',
  privacyConsents: '/packages/privacy/consents/index',
  privacyCancel: '/packages/privacy/cancel/index',
  privacyRequests: '/packages/privacy/requests/index',
  privacyRequestNew: '/packages/privacy/request-new/index',
  privacyProvisions: '/packages/privacy/provisions/index',
  points: '/packages/points/index',
  gifts: '/packages/points/gifts/index',
  gift: '/packages/points/gift/index',
  redeem: '/packages/points/redeem/index',
  addresses: '/packages/points/addresses/index',
  addressEdit: '/packages/points/address-edit/index',
  orders: '/packages/points/orders/index',
  order: '/packages/points/order/index',
  engineer: '/packages/engineer/index',
  notifications: '/packages/notifications/index',
  chat: '/packages/chat/index',
  chatConversation: '/packages/chat/conversation/index',
  chatQueue: '/packages/chat/queue/index',
  library: '/packages/library/index',
  libraryReader: '/packages/library/reader/index',
  libraryAdmin: '/packages/library/admin/index',
  libraryAdminEdit: '/packages/library/admin/edit/index',
  libraryAdminStats: '/packages/library/admin/stats/index',
} as const

const TAB_PAGES: string[] = [ROUTES.home, ROUTES.tickets, ROUTES.me]

/** Replaces the current page (login, consent) with where this user belongs now. */
export function goToWhereUserBelongs(me: Me): void {
  if (needsConsent(me)) {
    void Taro.redirectTo({ url: me.consents.reconsentRequired ? `${ROUTES.consent}?reason=updated` : ROUTES.consent })
    return
  }
  switch (me.status) {
    case 'unregistered':
      void Taro.redirectTo({ url: ROUTES.register })
      return
    case 'pending':
    case 'rejected':
      void Taro.redirectTo({ url: ROUTES.status })
      return
    // Signed in again during the grace period: the cancel page says when the data goes and offers 撤销注销.
    case 'cancelling':
      void Taro.redirectTo({ url: ROUTES.privacyCancel })
      return
    default:
      void Taro.switchTab({ url: ROUTES.home })
  }
}

/** May this user report a fault (一键报修)? Active staff with `tickets.create`. */
export function canReport(me: Me): boolean {
  return me.status === 'active' && me.permissions.includes('tickets.create')
}

/** The engineer workbench (待接单 / 我的工单): engineers, and admins who dispatch. */
export function canUseWorkbench(me: Me): boolean {
  return me.status === 'active' && me.permissions.includes('tickets.assign') && (me.roles.includes('engineer') || me.roles.includes('admin'))
}

/** Engineers and admins answer conversations (待认领 / 我的 / 全部); everyone else with chat.use asks. */
export function canAnswerChats(me: Me): boolean {
  return me.status === 'active' && me.permissions.includes('chat.use') && (me.roles.includes('engineer') || me.roles.includes('admin'))
}

export function canUseChat(me: Me): boolean {
  return me.status === 'active' && me.permissions.includes('chat.use')
}

/** Open the ask page; from a ticket, the conversation is about that ticket. */
export function chatAskUrl(ticket?: { id: string; number: string }): string {
  return ticket ? `${ROUTES.chat}?ticketId=${encodeURIComponent(ticket.id)}&ticketNumber=${encodeURIComponent(ticket.number)}` : ROUTES.chat
}

export function chatUrl(id: string): string {
  return `${ROUTES.chatConversation}?id=${encodeURIComponent(id)}`
}

export function documentUrl(id: string): string {
  return `${ROUTES.libraryReader}?id=${encodeURIComponent(id)}`
}

export function ticketDetailUrl(id: string): string {
  return `${ROUTES.ticketDetail}?id=${encodeURIComponent(id)}`
}

/** Opens a page; tab pages need switchTab. */
export function open(url: string): void {
  if (TAB_PAGES.includes(url)) void Taro.switchTab({ url })
  else void Taro.navigateTo({ url })
}

/** Back if there is a page to go back to, else the home tab (H5 deep links have no history). */
export function backOrHome(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: ROUTES.home })
}

/** The route of the page on top, without a leading slash or query (`pages/login/index`). */
export function currentRoute(): string {
  const pages = Taro.getCurrentPages()
  const top = pages[pages.length - 1]
  return (top?.route ?? '').replace(/^\//, '').split('?')[0] ?? ''
}
