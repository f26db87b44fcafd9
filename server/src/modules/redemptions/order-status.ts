import type { OrderStatus } from '../../../../shared/schemas/redemptions.schema';

/** How a status reads to people: in 409 details, the packing list and notifications. */
export const STATUS_LABEL: Record<OrderStatus, string> = {
  pending: '待发货',
  shipped: '已发货',
  delivered: '已签收',
  cancelled: '已取消',
};
