import { z } from 'zod';
import { IdSchema, IsoDateTime } from './common.schema';

/** At most this many images per gift; the first is the cover. */
export const MAX_GIFT_IMAGES = 6;

export const GiftImageSchema = z.object({ id: z.string(), url: z.string() });

/** A gift as a staff member sees it in the catalog. */
export const GiftViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  pointsPrice: z.number().int(),
  /** Market value in whole yuan; counts toward the yearly value cap. */
  valueYuan: z.number().int(),
  stock: z.number().int(),
  perPersonLimit: z.number().int(),
  images: z.array(GiftImageSchema),
  activeFrom: IsoDateTime.nullable(),
  activeUntil: IsoDateTime.nullable(),
  /** Active, inside its window and in stock: can be redeemed now (caps and balance permitting). */
  available: z.boolean(),
  /** How many the caller holds in orders that are not cancelled (against perPersonLimit). */
  redeemedByMe: z.number().int(),
});
export type GiftView = z.infer<typeof GiftViewSchema>;

/** The admin's view adds the switch and bookkeeping. */
export const AdminGiftViewSchema = GiftViewSchema.omit({ redeemedByMe: true }).extend({
  active: z.boolean(),
  /** Units in orders not cancelled. */
  redeemedCount: z.number().int(),
  updatedAt: IsoDateTime,
});
export type AdminGiftView = z.infer<typeof AdminGiftViewSchema>;

const windowRefine = (v: { activeFrom?: string | null; activeUntil?: string | null }) =>
  !v.activeFrom || !v.activeUntil || new Date(v.activeUntil) > new Date(v.activeFrom);
const windowMessage = { message: '下架时间必须晚于上架时间', path: ['activeUntil'] };

// No defaults here: zod keeps `.default()`s through `.partial()`, so a PATCH of
// one field would otherwise come out carrying every default and wipe the rest.
const description = z.string().trim().max(300, '礼品介绍不能超过 300 个字');
const perPersonLimit = z.number().int().min(1, '每人限兑至少 1 件').max(100, '每人限兑不超过 100 件');
const imageIds = z.array(IdSchema).max(MAX_GIFT_IMAGES, `最多 ${MAX_GIFT_IMAGES} 张图片`);
const GiftFields = z.object({
  name: z.string().trim().min(1, '请填写礼品名称').max(60, '礼品名称不能超过 60 个字'),
  description,
  pointsPrice: z.number().int('积分需为整数').min(1, '兑换积分至少为 1').max(1_000_000, '兑换积分过大'),
  valueYuan: z.number().int('价值需为整数（元）').min(0, '价值不能为负').max(10_000, '单件礼品价值不能超过 10000 元'),
  perPersonLimit,
  active: z.boolean(),
  activeFrom: IsoDateTime.nullable(),
  activeUntil: IsoDateTime.nullable(),
  imageIds,
});

/** `POST /admin/gifts`: the starting stock is recorded as the first stock change. */
export const GiftCreateSchema = GiftFields.extend({
  description: description.default(''),
  perPersonLimit: perPersonLimit.default(1),
  active: z.boolean().default(true),
  activeFrom: IsoDateTime.nullable().default(null),
  activeUntil: IsoDateTime.nullable().default(null),
  imageIds: imageIds.default([]),
  stock: z.number().int('库存需为整数').min(0, '库存不能为负').max(1_000_000, '库存过大'),
}).refine(windowRefine, windowMessage);
export type GiftCreate = z.infer<typeof GiftCreateSchema>;

/** `PATCH /admin/gifts/:id`: any subset; stock moves only through stock changes. */
export const GiftPatchSchema = GiftFields.partial()
  .refine(windowRefine, windowMessage)
  .refine((v) => Object.keys(v).length > 0, '没有要修改的内容');
export type GiftPatch = z.infer<typeof GiftPatchSchema>;

export const STOCK_CHANGE_REASONS = ['initial', 'admin_adjustment', 'redemption', 'cancellation'] as const;
export type StockChangeReason = (typeof STOCK_CHANGE_REASONS)[number];

/** `POST /admin/gifts/:id/stock-changes`: add or remove units with a note (e.g. 入库、盘点、破损). */
export const StockChangeInputSchema = z.object({
  delta: z
    .number()
    .int('数量需为整数')
    .min(-1_000_000)
    .max(1_000_000)
    .refine((v) => v !== 0, '变动数量不能为 0'),
  note: z.string().trim().min(2, '请填写变动原因').max(200, '变动原因不能超过 200 个字'),
});
export type StockChangeInput = z.infer<typeof StockChangeInputSchema>;

export const StockChangeViewSchema = z.object({
  id: z.string(),
  delta: z.number().int(),
  stockAfter: z.number().int(),
  reason: z.enum(STOCK_CHANGE_REASONS),
  /** `order:<orderId>` for redemptions and cancellations; null for admin changes. */
  reference: z.string().nullable(),
  note: z.string().nullable(),
  actorId: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type StockChangeView = z.infer<typeof StockChangeViewSchema>;

export const StockChangePageSchema = z.object({ items: z.array(StockChangeViewSchema), nextCursor: z.string().nullable() });
