import { z } from 'zod';
import { regionNames } from '../china-regions';
import { IsoDateTime, PhoneSchema } from './common.schema';

/** Saved addresses per person. */
export const MAX_ADDRESSES = 20;

const RegionCode = z.string().regex(/^\d{6}$/, '请选择所在地区');

const AddressFields = z.object({
  recipientName: z.string().trim().min(1, '请填写收件人').max(20, '收件人不能超过 20 个字'),
  phone: PhoneSchema,
  provinceCode: RegionCode,
  cityCode: RegionCode,
  districtCode: RegionCode,
  detail: z.string().trim().min(4, '请填写详细地址（街道、门牌号）').max(120, '详细地址不能超过 120 个字'),
  isDefault: z.boolean(),
});

const realRegion = (v: { provinceCode?: string; cityCode?: string; districtCode?: string }) =>
  v.provinceCode === undefined || (v.cityCode !== undefined && v.districtCode !== undefined && regionNames(v.provinceCode, v.cityCode, v.districtCode) !== null);
const regionMessage = { message: '所选地区无效，请重新选择省、市、区', path: ['districtCode'] };

/** `POST /addresses`. The region codes must be a real province → city → district chain. */
export const AddressInputSchema = AddressFields.extend({ isDefault: z.boolean().default(false) }).refine(realRegion, regionMessage);
export type AddressInput = z.infer<typeof AddressInputSchema>;

/** `PATCH /addresses/:id`: any subset; the region is given whole or not at all. No defaults (zod keeps them through `.partial()`). */
export const AddressPatchSchema = AddressFields.partial()
  .refine(
    (v) => [v.provinceCode, v.cityCode, v.districtCode].every((c) => c === undefined) || [v.provinceCode, v.cityCode, v.districtCode].every((c) => c !== undefined),
    regionMessage,
  )
  .refine(realRegion, regionMessage)
  .refine((v) => Object.keys(v).length > 0, '没有要修改的内容');
export type AddressPatch = z.infer<typeof AddressPatchSchema>;

/** The address as stored on an order: names resolved at the time, so a later edit or deletion does not move a parcel. */
export const AddressSnapshotSchema = z.object({
  recipientName: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
});
export type AddressSnapshot = z.infer<typeof AddressSnapshotSchema>;

export const AddressViewSchema = AddressSnapshotSchema.extend({
  id: z.string(),
  provinceCode: z.string(),
  cityCode: z.string(),
  districtCode: z.string(),
  isDefault: z.boolean(),
  createdAt: IsoDateTime,
});
export type AddressView = z.infer<typeof AddressViewSchema>;

export const AddressListSchema = z.object({ items: z.array(AddressViewSchema) });
