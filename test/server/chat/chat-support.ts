import { randomUUID } from 'node:crypto';
import { call, consentFor, login, type ApiResponse } from '../../support/api';
import type { TestServer } from '../../support/test-server';

/** The demo accounts (DEMO_SEED). */
export const ADMIN = '13800000001';
export const ENGINEER = '13800000002';
export const DEALER = '13800000003';
export const STAFF = '13800000004';
export const ADVANCED = '13800000005';
export const HOSPITAL = '北京东华医院';
export const DEPARTMENT = '消化内镜中心';

export const SERVER_ENV = { DEMO_SEED: 'true', SMS_IP_DAILY_LIMIT: '1000', OUTBOX_POLL_MS: '20' };

/**
 * Signs in the way the mini-program does inside WeChat (so the account
 * has an openid, which content security needs): SMS first to accept the
 * policy, then wx.login and the phone button joining the two.
 */
export async function signInThroughWechat(server: TestServer, phone: string, openid: string): Promise<string> {
  await login(server, phone, { consent: ['service'] });
  const standIn = server.running.wechatStandIn!;
  const wx = await call(server, 'POST', '/auth/wechat', { body: { code: standIn.issueLoginCode(openid).code, consent: await consentFor(server, ['service']) } });
  if (wx.status !== 200) throw new Error(`auth/wechat answered ${wx.status}: ${JSON.stringify(wx.body)}`);
  const bound = await call(server, 'POST', '/auth/wechat/phone', { token: wx.body.token, body: { code: standIn.issuePhoneCode(phone).code } });
  if (bound.status !== 200) throw new Error(`auth/wechat/phone answered ${bound.status}: ${JSON.stringify(bound.body)}`);
  return wx.body.token;
}

export const clientId = () => `c-${randomUUID()}`;

export async function openChat(server: TestServer, token: string, text = '内镜图像发暗，请问如何处理？', extra: Record<string, unknown> = {}): Promise<ApiResponse['body']> {
  const res = await call(server, 'POST', '/chats', { token, body: { text, ...extra } });
  if (res.status !== 201) throw new Error(`POST /chats answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export function say(server: TestServer, token: string, chatId: string, text: string, id = clientId()): Promise<ApiResponse> {
  return call(server, 'POST', `/chats/${chatId}/messages`, { token, body: { kind: 'text', text, clientId: id } });
}

export async function messages(server: TestServer, token: string, chatId: string, query = ''): Promise<ApiResponse> {
  return call(server, 'GET', `/chats/${chatId}/messages${query ? `?${query}` : ''}`, { token });
}

/** The id of the newest message, for `after=`. */
export async function lastMessageId(server: TestServer, token: string, chatId: string): Promise<string> {
  const res = await messages(server, token, chatId);
  return res.body.items.at(-1).id;
}

export async function list(server: TestServer, token: string, query = ''): Promise<ApiResponse> {
  return call(server, 'GET', `/chats${query ? `?${query}` : ''}`, { token });
}

export const ids = (res: ApiResponse): string[] => res.body.items.map((c: { id: string }) => c.id);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
