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
import { toDate } from '../../db/sql-values';
import { NotificationSchema } from './notification.entity';
import { SubscriptionAllowanceSchema } from './subscription-allowance.entity';
import { TEMPLATE_TITLES, templateIds } from './wechat-templates';

type ListQuery = z.infer<typeof NotificationListQuerySchema>;

type Row = Record<string, unknown>;

const view = (n: Row): NotificationPage['items'][number] => ({
  id: String(n.id),
  kind: n.kind as NotificationPage['items'][number]['kind'],
  ticketId: n.ticket_id == null ? null : String(n.ticket_id),
  title: n.title as string,
  body: n.body as string,
  read: n.read_at != null,
  createdAt: toDate(n.created_at).toISOString(),
});

/**
 * The caller's notifications, newest first, keyset-paged by id; `unread`
 * counts all of them for the badge. One statement of plain rows: the count
 * is a one-row derived table the page is left-joined to, so an empty page
 * still carries it.
 */
export async function listNotifications(em: EntityManager, actor: Actor, query: ListQuery): Promise<NotificationPage> {
  const knex = (em as SqlEntityManager).getKnex();
  const page = knex('notification as n')
    .select('n.id', 'n.kind', 'n.ticket_id', 'n.title', 'n.body', 'n.read_at', 'n.created_at')
    .where('n.user_id', actor.userId)
    .orderBy('n.id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor) page.andWhere('n.id', '<', query.cursor);
  if (query.unread === 'true') page.whereNull('n.read_at');
  if (query.unread === 'false') page.whereNotNull('n.read_at');
  const unread = knex('notification as u').count({ unread: '*' }).where('u.user_id', actor.userId).whereNull('u.read_at');
  const q = knex
    .from(unread.as('c'))
    .leftJoin(page.as('p'), knex.raw('1 = 1'))
    .select('c.unread', 'p.*')
    .orderBy('p.id', 'desc');
  const rows = (await (em as SqlEntityManager).getConnection().execute(q)) as Row[];
  const found = rows.filter((r) => r.id != null);
  const items = found.slice(0, query.limit);
  return {
    items: items.map(view),
    nextCursor: found.length > query.limit ? String(items[items.length - 1]!.id) : null,
    unread: Number(rows[0]?.unread ?? 0),
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
