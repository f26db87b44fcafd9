// Platform entry for tab-badge.weapp.ts / tab-badge.h5.ts (Taro picks the file by TARO_ENV).

/** Shows the unread count on the 我的 tab (weapp); H5 shows it on the 消息通知 cell only. */
export declare function showUnreadOnTab(count: number): void
