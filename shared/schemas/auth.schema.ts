import { z } from 'zod';
import { IsoDateTime, PhoneSchema } from './common.schema';
import { MeSchema } from './me.schema';

export const SMS_PURPOSES = ['login', 'change_phone'] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

export const SmsSendSchema = z.object({ phone: PhoneSchema, purpose: z.enum(SMS_PURPOSES) });
export type SmsSend = z.infer<typeof SmsSendSchema>;

export const SmsSendResultSchema = z.object({
  cooldownSeconds: z.number().int(),
  /** Only from the development SMS provider, never in production. */
  devCode: z.string().optional(),
});
export type SmsSendResult = z.infer<typeof SmsSendResultSchema>;

export const SmsVerifySchema = z.object({ phone: PhoneSchema, code: z.string().trim().regex(/^\d{6}$/, '验证码为 6 位数字') });
export type SmsVerify = z.infer<typeof SmsVerifySchema>;

export const WechatCodeSchema = z.object({ code: z.string().trim().min(1).max(128) });

export const SessionSchema = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  /** Null until the person has registered. */
  user: MeSchema.nullable(),
});
export type Session = z.infer<typeof SessionSchema>;
