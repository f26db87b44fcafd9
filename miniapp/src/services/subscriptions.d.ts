// Platform entry for subscriptions.weapp.ts / subscriptions.h5.ts (Taro picks the file by TARO_ENV).
// weapp asks WeChat for subscription messages; H5 has none: progress shows in 消息通知 only.
import type { SubscriptionAnswers, SubscriptionTemplate } from './notifications'

/** Whether this platform can send progress to WeChat (subscription messages). */
export declare const CAN_SUBSCRIBE: boolean

/**
 * Asks WeChat for these templates (at most three) and records the answers with the server.
 * Call it straight from a tap, with the templates already loaded: WeChat refuses the prompt
 * after an await. Resolves to the answers by template key; rejects when WeChat or the server fails.
 */
export declare function subscribeToTemplates(templates: readonly SubscriptionTemplate[]): Promise<SubscriptionAnswers>
