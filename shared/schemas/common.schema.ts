import { z } from 'zod';

/** Mainland mobile number, 11 digits (the only login credential besides WeChat). */
export const PhoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');
export const IdSchema = z.string().uuid();
export const IsoDateTime = z.string().datetime({ offset: true });
