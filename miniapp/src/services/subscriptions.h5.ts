import type * as Contract from './subscriptions'

// Browsers have no WeChat subscription messages: the page points to 消息通知 instead.
export const CAN_SUBSCRIBE: typeof Contract.CAN_SUBSCRIBE = false

export const subscribeToTemplates: typeof Contract.subscribeToTemplates = async () => ({})
