import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  MarkReadSchema,
  NotificationListQuerySchema,
  NotificationPageSchema,
  SubscriptionResultsSchema,
  SubscriptionsViewSchema,
  type NotificationView,
  type SubscriptionsView,
} from '../../../shared/schemas/notifications.schema';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Notifications = typeof import('../../../miniapp/src/services/notifications');
type Subscriptions = typeof import('../../../miniapp/src/services/subscriptions.weapp');

const SRC = '../../../miniapp/src/services';

const notification: NotificationView = {
  id: randomUUID(),
  kind: 'ticket_status',
  ticketId: randomUUID(),
  title: '工单已受理',
  body: 'R20261123-0001 已由李工受理',
  read: false,
  createdAt: '2026-11-23T02:00:00.000Z',
};

const view: SubscriptionsView = {
  templates: [
    { key: 'ticket_status', templateId: 'tmpl-status', title: '工单进度' },
    { key: 'ticket_comment', templateId: 'tmpl-comment', title: '工单留言' },
    { key: 'sla_warning', templateId: 'tmpl-sla', title: '时限提醒' },
  ],
  allowances: { ticket_status: 1 },
};

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/notifications', query: NotificationListQuerySchema, response: NotificationPageSchema, reply: () => ({ items: [notification], nextCursor: null, unread: 3 }) },
    { method: 'post', path: '/notifications/read', body: MarkReadSchema, response: z.object({ updated: z.number() }), reply: () => ({ updated: 1 }) },
    { method: 'get', path: '/notifications/subscriptions', response: SubscriptionsViewSchema, reply: () => view },
    { method: 'post', path: '/notifications/subscriptions', body: SubscriptionResultsSchema, response: SubscriptionsViewSchema, reply: () => view },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load() {
  return loadApp<{ notifications: Notifications; weapp: Subscriptions; h5: Subscriptions }>(standIn.server.url, {
    notifications: `${SRC}/notifications`,
    weapp: `${SRC}/subscriptions.weapp`,
    h5: `${SRC}/subscriptions.h5`,
  });
}

describe('notifications services against the shared contracts', () => {
  it('pages the inbox with the unread count for the badge', async () => {
    const { notifications } = load();
    const cursor = randomUUID();
    await expect(notifications.listNotifications({ cursor, limit: 10 })).resolves.toEqual({ items: [notification], nextCursor: null, unread: 3 });
    expect(lastCall()?.query).toMatchObject({ cursor, limit: 10 });
    await notifications.listNotifications();
    expect(lastCall()?.query).toMatchObject({ limit: 20 });
  });

  it('marks one or all read; an empty request is refused', async () => {
    const { notifications } = load();
    await notifications.markNotificationsRead({ ids: [notification.id] });
    expect(lastCall()?.body).toEqual({ ids: [notification.id] });
    await notifications.markNotificationsRead({ all: true });
    expect(lastCall()?.body).toEqual({ all: true });
    await expect(notifications.markNotificationsRead({})).rejects.toMatchObject({ status: 422 });
  });

  it('asks for at most three configured templates', () => {
    const { notifications } = load();
    const four = { ...view, templates: [...view.templates, { key: 'ticket_status' as const, templateId: 'tmpl-extra', title: '多余' }] };
    expect(notifications.templatesToAsk(four).map((t) => t.templateId)).toEqual(['tmpl-status', 'tmpl-comment', 'tmpl-sla']);
    const unconfigured = { ...view, templates: [{ key: 'ticket_status' as const, templateId: '', title: '工单进度' }] };
    expect(notifications.templatesToAsk(unconfigured)).toEqual([]);
    // The gift-order template is asked for on the redeem page, never in the prompt after reporting a fault.
    const withOrders = { ...view, templates: [{ key: 'order_status' as const, templateId: 'tmpl-order', title: '礼品订单通知' }, ...view.templates.slice(1)] };
    expect(notifications.templatesToAsk(withOrders).map((t) => t.key)).toEqual(['ticket_comment', 'sla_warning']);
    expect(notifications.templatesToAsk(withOrders, ['order_status']).map((t) => t.templateId)).toEqual(['tmpl-order']);
  });

  it('maps WeChat’s answers (by template id) back to template keys, dropping `filter` and strangers', () => {
    const { notifications } = load();
    const answers = notifications.answersByKey(view.templates, {
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-status': 'accept',
      'tmpl-comment': 'filter',
      'tmpl-sla': 'ban',
      'tmpl-other': 'accept',
    });
    expect(answers).toEqual({ ticket_status: 'accept', sla_warning: 'ban' });
  });

  it('weapp: asks WeChat from the tap and records the answers by key', async () => {
    const { weapp, taro } = load();
    const asked: unknown[] = [];
    taro.requestSubscribeMessage = async (option: { tmplIds: string[] }) => {
      asked.push(option);
      return { errMsg: 'requestSubscribeMessage:ok', 'tmpl-status': 'accept', 'tmpl-comment': 'reject', 'tmpl-sla': 'accept' };
    };
    expect(weapp.CAN_SUBSCRIBE).toBe(true);
    await expect(weapp.subscribeToTemplates(view.templates)).resolves.toEqual({ ticket_status: 'accept', ticket_comment: 'reject', sla_warning: 'accept' });
    expect(asked).toEqual([{ tmplIds: ['tmpl-status', 'tmpl-comment', 'tmpl-sla'] }]);
    expect(lastCall()).toMatchObject({ method: 'POST', path: '/api/v1/notifications/subscriptions', body: { results: { ticket_status: 'accept', ticket_comment: 'reject', sla_warning: 'accept' } } });
  });

  it('weapp: a refused prompt (notifications switched off) rejects and records nothing', async () => {
    const { weapp, taro } = load();
    taro.requestSubscribeMessage = async () => {
      throw { errMsg: 'requestSubscribeMessage:fail', errCode: 20004 };
    };
    await expect(weapp.subscribeToTemplates(view.templates)).rejects.toMatchObject({ errCode: 20004 });
    expect(standIn.calls).toHaveLength(0);
  });

  it('h5: no subscription messages; nothing is asked or sent', async () => {
    const { h5 } = load();
    expect(h5.CAN_SUBSCRIBE).toBe(false);
    await expect(h5.subscribeToTemplates(view.templates)).resolves.toEqual({});
    expect(standIn.calls).toHaveLength(0);
  });
});
