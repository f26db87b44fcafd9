import type * as Contract from './tab-badge'

// H5's tab bar is Taro's own; the count sits on the 消息通知 cell and the 首页 banner instead.
export const showUnreadOnTab: typeof Contract.showUnreadOnTab = () => undefined
