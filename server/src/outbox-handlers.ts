import type { OutboxHandlers } from './core/outbox/outbox.registry';
import { deliverNotification } from './modules/notifications/notification-delivery';
import { NOTIFY_TOPIC } from './modules/notifications/notify';

/** Who delivers each outbox topic. */
export const OUTBOX_HANDLERS: OutboxHandlers = {
  [NOTIFY_TOPIC]: deliverNotification,
};
