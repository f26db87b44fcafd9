import { newId } from '../../../server/src/core/ids';
import { NotificationSchema } from '../../../server/src/modules/notifications/notification.entity';
import type { TestServer } from '../../support/test-server';

/** In-app notifications written straight to the table (delivering them through the outbox would only add waiting). */
export async function insertNotifications(server: TestServer, userId: string, count: number): Promise<void> {
  const em = server.running.orm.em.fork();
  for (let i = 0; i < count; i++) {
    em.create(NotificationSchema, {
      id: newId(),
      userId,
      kind: 'ticket_status',
      ticketId: null,
      title: `工单 R20261122-${String(i).padStart(4, '0')} 已受理`,
      body: '工程师已受理您的报修，将尽快与您联系。',
      readAt: i % 2 ? new Date() : null,
      dedupeKey: `perf:${userId}:${i}`,
      wechatState: null,
      wechatMsgId: null,
    });
  }
  await em.flush();
}
