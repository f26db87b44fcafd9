import { z } from 'zod';
import { SessionSchema, SmsSendResultSchema, SmsSendSchema, SmsVerifySchema, WechatCodeSchema } from '../../../../shared/schemas/auth.schema';
import { MeSchema } from '../../../../shared/schemas/me.schema';
import { ConsentRequestSchema } from '../../../../shared/schemas/privacy.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { bindWechatPhone, logout, smsLogin, wechatLogin } from './login.service';
import { sendOwnCode, sendSmsCode } from './sms-login.service';

/** The consent given on the consent screen travels with the first login (privacy.md: consent before collection). */
const WithConsent = { consent: ConsentRequestSchema.optional() };

export function authRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/sms/send',
      summary: 'Send a 6-digit verification code by SMS',
      tags: ['auth'],
      access: { public: true },
      body: SmsSendSchema,
      response: SmsSendResultSchema,
      status: 202,
      errors: [429, 503],
      handler: ({ body, state, ctx }) => sendSmsCode(deps, state.em, body, ctx.ip),
    }),
    defineRoute({
      method: 'post',
      path: '/me/sms-code',
      summary: "Send a fresh code to the caller's own number (re-verification before cancelling or a privacy request); the number never leaves the server",
      tags: ['auth', 'privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: SmsSendResultSchema,
      status: 202,
      errors: [422, 429, 503],
      handler: ({ state, ctx }) => sendOwnCode(deps, state.em, state.actor!, ctx.ip),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/sms/verify',
      summary: 'Sign in with phone and SMS code',
      tags: ['auth'],
      access: { public: true },
      body: SmsVerifySchema.extend(WithConsent),
      response: SessionSchema,
      errors: [409, 429],
      handler: ({ body, state, ctx }) => smsLogin(deps, state.em, { ...body, requestId: state.requestId }, ctx.ip),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/wechat',
      summary: 'Sign in with a wx.login() code',
      tags: ['auth'],
      access: { public: true },
      body: WechatCodeSchema.extend(WithConsent),
      response: SessionSchema,
      errors: [409, 503],
      handler: ({ body, state }) => wechatLogin(deps, state.em, { ...body, requestId: state.requestId }),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/wechat/phone',
      summary: 'Bind the phone number from the WeChat phone button',
      tags: ['auth'],
      access: { permission: 'profile.self' },
      body: WechatCodeSchema,
      response: MeSchema,
      errors: [409, 503],
      handler: ({ body, state }) => bindWechatPhone(deps, state.em, state.actor!, body.code),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      summary: 'End this session now',
      tags: ['auth'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: z.null(),
      status: 204,
      handler: async ({ state }) => {
        await logout(deps, state.em, state.actor!);
        return null;
      },
    }),
  ];
}
