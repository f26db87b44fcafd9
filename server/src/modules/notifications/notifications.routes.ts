import { z } from 'zod';
import {
  MarkReadSchema,
  NotificationListQuerySchema,
  NotificationPageSchema,
  SubscriptionResultsSchema,
  SubscriptionsViewSchema,
} from '../../../../shared/schemas/notifications.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { listNotifications, markRead, recordSubscriptions, subscriptionsView } from './notifications.service';

export function notificationRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/notifications',
      summary: 'My notifications, newest first, with the unread count for the badge',
      tags: ['notifications'],
      access: { permission: 'profile.self' },
      query: NotificationListQuerySchema,
      response: NotificationPageSchema,
      handler: ({ query, state }) => listNotifications(state.em, state.actor!, query),
    }),
    defineRoute({
      method: 'post',
      path: '/notifications/read',
      summary: 'Mark some (ids) or all of my notifications read',
      tags: ['notifications'],
      access: { permission: 'profile.self' },
      body: MarkReadSchema,
      response: z.object({ updated: z.number().int() }),
      handler: ({ body, state }) => markRead(deps, state.em, state.actor!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/notifications/subscriptions',
      summary: 'WeChat subscription templates to ask for, and how many messages of each I still allow',
      tags: ['notifications'],
      access: { permission: 'profile.self' },
      response: SubscriptionsViewSchema,
      handler: ({ state }) => subscriptionsView(deps, state.em, state.actor!),
    }),
    defineRoute({
      method: 'post',
      path: '/notifications/subscriptions',
      summary: 'Record what wx.requestSubscribeMessage answered: each accept allows one WeChat message',
      tags: ['notifications'],
      access: { permission: 'profile.self' },
      body: SubscriptionResultsSchema,
      response: SubscriptionsViewSchema,
      handler: ({ body, state }) => recordSubscriptions(deps, state.em, state.actor!, body),
    }),
  ];
}
