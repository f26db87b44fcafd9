import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { z } from 'zod';
import { TEMPLATE_KEYS, type TemplateKey } from '../../../../shared/notifications';
import type {
  MarkRead,
  NotificationListQuerySchema,
  NotificationPage,
  SubscriptionResults,
  SubscriptionsView,
} from '../../../../shared/schemas/notifications.schema';
import type { AppDeps } from '../../app-deps';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { NotificationSchema, type Notification } from './notification.entity';
import { SubscriptionAllowanceSchema } from './subscription-allowance.entity';
import { TEMPLATE_TITLES, templateIds } from './wechat-templates';

type ListQuery = z.infer<typeof NotificationListQuerySchema>;

const view = (n: Notification) => ({
  id: n.id,
  kind: n.kind as NotificationPage['items'][number]['kind'],
  ticketId: n.ticketId ?? null,
  title: n.title,
  body: n.body,
  read: n.readAt !== null && n.readAt !== undefined,
  createdAt: n.createdAt.toISOString(),
});

/** The caller's notifications, newest first, keyset-paged by id; `unread` counts all of them for the badge. */
export async function listNotifications(em: EntityManager, actor: Actor, query: ListQuery): Promise<NotificationPage> {
  const rows = await em.find(
    NotificationSchema,
    {
      userId: actor.userId,
      ...(query.cursor ? { id: { $lt: query.cursor } } : {}),
      ...(query.unread === 'true' ? { readAt: null } : query.unread === 'false' ? { readAt: { $ne: null } } : {}),
    },
    { orderBy: { id: 'desc' }, limit: query.limit + 1 },
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(view),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
    unread: await em.count(NotificationSchema, { userId: actor.userId, readAt: null }),
  };
}

/** Marks some or all of the caller's unread notifications read; ids that are not theirs match nothing. */
export async function markRead(deps: AppDeps, em: EntityManager, actor: Actor, input: MarkRead): Promise<{ updated: number }> {
  const updated = await em.nativeUpdate(
    NotificationSchema,
    { userId: actor.userId, readAt: null, ...(input.all ? {} : { id: { $in: input.ids ?? [] } }) },
    { readAt: deps.clock.now() },
  );
  return { updated };
}

/** The templates the mini-program should ask for, and what the caller has left of each. */
export async function subscriptionsView(deps: AppDeps, em: EntityManager, actor: Actor): Promise<SubscriptionsView> {
  const ids = templateIds(deps.env);
  const configured = TEMPLATE_KEYS.filter((key) => ids[key]);
  const held = await em.find(SubscriptionAllowanceSchema, { userId: actor.userId });
  const remaining = new Map(held.map((a) => [a.templateKey, a.remaining]));
  return {
    templates: configured.map((key) => ({ key, templateId: ids[key]!, title: TEMPLATE_TITLES[key] })),
    allowances: Object.fromEntries(configured.map((key) => [key, remaining.get(key) ?? 0])) as Partial<Record<TemplateKey, number>>,
  };
}

/**
 * Records what `wx.requestSubscribeMessage` answered: every `accept` lets us
 * send one more message of that template (WeChat counts the same way).
 * Answers for templates we do not send are ignored.
 */
export async function recordSubscriptions(deps: AppDeps, em: EntityManager, actor: Actor, input: SubscriptionResults): Promise<SubscriptionsView> {
  const ids = templateIds(deps.env);
  const accepted = TEMPLATE_KEYS.filter((key) => input.results[key] === 'accept' && ids[key]);
  if (accepted.length) {
    const now = deps.clock.now();
    await em.transactional(async (tx) => {
      for (const templateKey of accepted) {
        // One statement, so two quick taps both count.
        await (tx as SqlEntityManager)
          .createQueryBuilder(SubscriptionAllowanceSchema)
          .insert({ id: newId(), createdAt: now, userId: actor.userId, templateKey, remaining: 1, updatedAt: now })
          .onConflict(['userId', 'templateKey'])
          .merge({ remaining: raw('subscription_allowance.remaining + 1'), updatedAt: now })
          .execute();
      }
    });
  }
  return subscriptionsView(deps, em, actor);
}
