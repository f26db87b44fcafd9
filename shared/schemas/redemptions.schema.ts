import { z } from 'zod';
import { AddressSnapshotSchema } from './addresses.schema';
import { IdSchema, IsoDateTime } from './common.schema';

/** pending → shipped → delivered; pending (user or admin) or shipped (admin) → cancelled. */
export const ORDER_STATUSES = ['pending', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Suggestions for the ship form; any other carrier may be typed. */
export const COMMON_CARRIERS = ['顺丰速运', '京东物流', '中国邮政 EMS', '中通快递', '圆通速递', '韵达快递', '申通快递', '极兔速递'] as const;

export const MAX_QUANTITY_PER_ORDER = 10;

/** `POST /redemptions` with an `Idempotency-Key` header. */
export const RedeemInputSchema = z.object({
  giftId: IdSchema,
  quantity: z.number().int().min(1, '数量至少为 1').max(MAX_QUANTITY_PER_ORDER, `每单最多兑换 ${MAX_QUANTITY_PER_ORDER} 件`).default(1),
  addressId: IdSchema,
});
export type RedeemInput = z.infer<typeof RedeemInputSchema>;

export const OrderViewSchema = z.object({
  id: z.string(),
  /** Shown to people: `DH` + Shanghai date + six characters. */
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  gift: z.object({ id: z.string(), name: z.string(), imageUrl: z.string().nullable() }),
  quantity: z.number().int(),
  pointsTotal: z.number().int(),
  valueYuanTotal: z.number().int(),
  address: AddressSnapshotSchema,
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  createdAt: IsoDateTime,
  shippedAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  cancelledBy: z.enum(['user', 'admin']).nullable(),
  cancelReason: z.string().nullable(),
});
export type OrderView = z.infer<typeof OrderViewSchema>;

/** The admin's row adds who ordered (name and hospital, for the packing slip). */
export const AdminOrderViewSchema = OrderViewSchema.extend({
  user: z.object({ id: z.string(), name: z.string().nullable(), hospital: z.string().nullable() }),
});
export type AdminOrderView = z.infer<typeof AdminOrderViewSchema>;

export const OrderPageSchema = z.object({ items: z.array(OrderViewSchema), nextCursor: z.string().nullable() });
export const AdminOrderPageSchema = z.object({
  items: z.array(AdminOrderViewSchema),
  nextCursor: z.string().nullable(),
  /** Orders per status, for the filter tabs. */
  counts: z.record(z.enum(ORDER_STATUSES), z.number().int()),
});

export const OrderListQuerySchema = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const AdminOrderListQuerySchema = OrderListQuerySchema.extend({
  /** Order number (exact or prefix) or tracking number. */
  q: z.string().trim().max(40).optional(),
});

export const ShipInputSchema = z.object({
  carrier: z.string().trim().min(1, '请填写快递公司').max(20, '快递公司不能超过 20 个字'),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{6,40}$/, '快递单号为 6–40 位字母或数字'),
});
export type ShipInput = z.infer<typeof ShipInputSchema>;

export const CancelInputSchema = z.object({
  reason: z.string().trim().max(200, '取消原因不能超过 200 个字').optional(),
});

/** An admin cancels with a reason the user will read. */
export const AdminCancelInputSchema = z.object({
  reason: z.string().trim().min(2, '请填写取消原因，用户会看到').max(200, '取消原因不能超过 200 个字'),
});
