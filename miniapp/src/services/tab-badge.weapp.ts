import Taro from '@tarojs/taro'
import type * as Contract from './tab-badge'

// 我的 is the third tab (app.config.ts); 消息通知 is one of its cells.
const ME_TAB_INDEX = 2

export const showUnreadOnTab: typeof Contract.showUnreadOnTab = (count) => {
  // Fails harmlessly when no tab bar is shown (a subpackage page on top): the next tab show sets it again.
  const done = () => undefined
  if (count > 0) void Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: count > 99 ? '99+' : String(count) }).catch(done)
  else void Taro.removeTabBarBadge({ index: ME_TAB_INDEX }).catch(done)
}
