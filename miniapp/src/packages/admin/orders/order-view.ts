import type { AdminOrderView, OrderStatus } from '../../../services/admin-orders'

/** Who ordered, as the packing slip and the table show it: `李护士 · 上海市第六人民医院`. */
export function userLine(order: AdminOrderView): string {
  const name = order.user.name ?? '（已注销用户）'
  return order.user.hospital ? `${name} · ${order.user.hospital}` : name
}

/** `上海市 徐汇区 宛平南路 600 号` (the city is left out when it repeats the province: 直辖市). */
export function addressText(order: AdminOrderView): string {
  const { province, city, district, detail } = order.address
  return [province, city === province ? '' : city, district, detail].filter(Boolean).join(' ')
}

/** The text copied for the courier's form: name, phone, address. */
export function shippingLabel(order: AdminOrderView): string {
  return `${order.address.recipientName} ${order.address.phone} ${addressText(order)}`
}

/** What an admin can still do with an order in this status. */
export function actionsFor(status: OrderStatus): { ship: boolean; deliver: boolean; cancel: boolean } {
  return { ship: status === 'pending', deliver: status === 'shipped', cancel: status === 'pending' || status === 'shipped' }
}
