import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { TEMPLATE_FOR_KIND } from '../../../../shared/notifications';
import type { AppDeps } from '../../app-deps';
import { newId } from '../../core/ids';
import type { OutboxDelivery } from '../../core/outbox/outbox.registry';
import { WechatApiError } from '../../integrations/wechat/wechat.client';
import { TicketSchema } from '../tickets/ticket.entity';
import { UserSchema, type User } from '../users/user.entity';
import { NotificationSchema, type Notification } from './notification.entity';
import { NotifyPayloadSchema, type NotifyPayload } from './notify';
import { SubscriptionAllowanceSchema } from './subscription-allowance.entity';
import { templateData, templateIds } from './wechat-templates';

/**
 * WeChat refusals that a retry cannot change: 43101 the user has no
 * subscription left (or refused), 40003 openid, 40037 template id, 47003
 * template data, 41030 page. Anything else (busy, unreachable, rate limit)
 * is worth another try.
 */
const FINAL_REFUSALS = new Set([43101, 40003, 40037, 47003, 41030]);

type WechatSkip = 'no_openid' | 'no_template' | 'no_allowance';

/**
 * The `notify` outbox handler. First, in one transaction, the in-app entry
 * (once per dedupe key) and the decision about its WeChat copy: one allowance
 * of the template consumed and the copy marked `claimed`, or `skipped`. Then,
 * outside any transaction, a claimed copy is sent and marked `sent`. A retry
 * finds the entry and its state and goes on from there, so an allowance is
 * consumed once however often the message is delivered.
 */
export async function deliverNotification(deps: AppDeps, message: OutboxDelivery): Promise<void> {
  const input = NotifyPayloadSchema.parse(message.payload);
  const em = deps.orm.em.fork();
  const user = await em.findOne(UserSchema, { id: input.userId });
  if (!user) {
    // Account erased since: nobody to tell.
    deps.logger.info({ outboxId: message.id, kind: input.kind }, 'notification dropped: recipient no longer exists');
    return;
  }
  const entry = await em.transactional((tx) => recordEntry(deps, tx, input, message, Boolean(user.openidSealed)));
  if (entry.wechatState === 'claimed') await sendWechatCopy(deps, em, entry, input, user);
}

/** Writes first: on SQLite a transaction that reads and then writes can be refused outright while another connection writes. */
async function recordEntry(deps: AppDeps, tx: EntityManager, input: NotifyPayload, message: OutboxDelivery, hasOpenid: boolean): Promise<Notification> {
  await (tx as SqlEntityManager)
    .createQueryBuilder(NotificationSchema)
    .insert({
      id: input.notificationId ?? newId(),
      createdAt: message.createdAt,
      userId: input.userId,
      kind: input.kind,
      ticketId: input.ticketId,
      title: [...input.title].slice(0, 80).join(''),
      body: [...input.body].slice(0, 300).join(''),
      readAt: null,
      dedupeKey: input.dedupeKey,
      wechatState: null,
      wechatMsgId: null,
    })
    .onConflict('dedupeKey')
    .ignore()
    .execute();
  const entry = await tx.findOneOrFail(NotificationSchema, { dedupeKey: input.dedupeKey });
  if (entry.wechatState !== null) return entry;

  // A kind without a template (privacy_update) is in-app only, whoever the user is.
  const templateKey = TEMPLATE_FOR_KIND[input.kind];
  let skip: WechatSkip | null = null;
  if (!templateKey) skip = 'no_template';
  else if (!hasOpenid) skip = 'no_openid';
  else if (!templateIds(deps.env)[templateKey]) skip = 'no_template';
  else {
    const consumed = await tx.nativeUpdate(
      SubscriptionAllowanceSchema,
      { userId: input.userId, templateKey, remaining: { $gt: 0 } },
      { remaining: raw('remaining - 1'), updatedAt: deps.clock.now() },
    );
    if (consumed !== 1) skip = 'no_allowance';
  }
  entry.wechatState = skip ? 'skipped' : 'claimed';
  await tx.flush();
  if (skip) deps.logger.info({ notificationId: entry.id, kind: input.kind, template: templateKey, reason: skip }, 'WeChat copy skipped');
  return entry;
}

async function sendWechatCopy(deps: AppDeps, em: EntityManager, entry: Notification, input: NotifyPayload, user: User): Promise<void> {
  const templateKey = TEMPLATE_FOR_KIND[input.kind];
  const templateId = templateKey ? templateIds(deps.env)[templateKey] : undefined;
  const openid = deps.pii.get(user, 'openid');
  const settle = async (state: 'sent' | 'skipped', msgid: string | null) => {
    await em.nativeUpdate(NotificationSchema, { id: entry.id, wechatState: 'claimed' }, { wechatState: state, wechatMsgId: msgid });
  };
  const log = { notificationId: entry.id, kind: input.kind, template: templateKey };
  if (!templateKey || !templateId || !openid) {
    // Configuration or the account changed between the claim and this try.
    deps.logger.info({ ...log, reason: templateId ? 'no_openid' : 'no_template' }, 'WeChat copy skipped');
    return settle('skipped', null);
  }
  const ticket = input.ticketId ? await em.findOne(TicketSchema, { id: input.ticketId }, { fields: ['number'] }) : null;
  try {
    const { msgid } = await deps.wechat.sendSubscribeMessage({
      touser: openid,
      templateId,
      page: input.page,
      data: templateData({ kind: input.kind, ticketNumber: ticket?.number ?? input.number ?? null, phrase: input.phrase, body: input.body, at: entry.createdAt }),
      lang: 'zh_CN',
    });
    await settle('sent', msgid);
    deps.logger.info({ ...log, msgid }, 'WeChat copy sent');
  } catch (err) {
    if (!(err instanceof WechatApiError) || !FINAL_REFUSALS.has(err.errcode)) throw err;
    // WeChat knows better than our count: it holds no allowance for this template.
    if (err.errcode === 43101) await em.nativeUpdate(SubscriptionAllowanceSchema, { userId: input.userId, templateKey }, { remaining: 0, updatedAt: deps.clock.now() });
    deps.logger.warn({ ...log, errcode: err.errcode }, 'WeChat refused the copy; not retried');
    await settle('skipped', null);
  }
}
