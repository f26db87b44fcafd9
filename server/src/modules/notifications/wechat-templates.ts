import { TEMPLATE_KEYS, type NotificationKind, type TemplateKey } from '../../../../shared/notifications';
import type { Env } from '../../config/env';

/** What the mini-program shows when it asks for each subscription. */
export const TEMPLATE_TITLES: Record<TemplateKey, string> = {
  ticket_status: '工单进度通知',
  ticket_comment: '工单留言提醒',
  sla_warning: '服务时限提醒',
  order_status: '礼品订单通知',
};

/** The stand-in accepts any id; fixed ones keep development data stable across restarts. */
const STAND_IN_TEMPLATE_IDS: Record<TemplateKey, string> = {
  ticket_status: 'dev-tmpl-ticket-status',
  ticket_comment: 'dev-tmpl-ticket-comment',
  sla_warning: 'dev-tmpl-sla-warning',
  order_status: 'dev-tmpl-order-status',
};

/**
 * Template ids by key: WECHAT_TEMPLATES when set (keys it leaves out have
 * none), the development ids with the stand-in, otherwise none at all.
 */
export function templateIds(env: Pick<Env, 'WECHAT_TEMPLATES' | 'useWechatStandIn'>): Partial<Record<TemplateKey, string>> {
  if (!env.WECHAT_TEMPLATES) return env.useWechatStandIn ? { ...STAND_IN_TEMPLATE_IDS } : {};
  const ids: Partial<Record<TemplateKey, string>> = {};
  for (const pair of env.WECHAT_TEMPLATES.split(',')) {
    const [key, id] = pair.split('=').map((s) => s.trim());
    if ((TEMPLATE_KEYS as readonly string[]).includes(key!) && id) ids[key as TemplateKey] = id;
  }
  return ids;
}

/** The template field's word when the notifier gave none (WeChat `phrase`: at most 5 characters). */
const DEFAULT_PHRASE: Record<NotificationKind, string> = {
  ticket_status: '状态更新',
  ticket_assigned: '新工单',
  ticket_comment: '新留言',
  sla_warning: '即将超时',
  sla_breach: '已超时',
  chat_reply: '已回复',
  order_update: '订单更新',
  privacy_update: '申请进展',
};

const clip = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/** `2026-11-22 14:05` in Beijing time, as WeChat's `time` fields take it. */
function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The data of a subscription message. All three templates are chosen in the
 * console with the same keywords — 工单编号 (character_string1), 状态
 * (phrase2), 说明 (thing3), 时间 (time4) — so one shape serves them, cut to
 * WeChat's lengths (a longer value makes WeChat refuse the message).
 */
export function templateData(input: { kind: NotificationKind; ticketNumber: string | null; phrase?: string; body: string; at: Date }): Record<string, string> {
  return {
    character_string1: clip(input.ticketNumber ?? '-', 32),
    phrase2: clip(input.phrase ?? DEFAULT_PHRASE[input.kind], 5),
    thing3: clip(input.body, 20),
    time4: shanghaiMinute(input.at),
  };
}
