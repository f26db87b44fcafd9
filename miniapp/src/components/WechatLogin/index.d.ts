// Platform entry for index.weapp.tsx / index.h5.tsx (Taro picks the file by TARO_ENV).
// weapp: 微信一键登录 (Taro.login → POST /auth/wechat) and, when the account has
// no phone yet, WeChat's phone button (POST /auth/wechat/phone). H5: nothing (SMS only).
import type { ComponentType } from 'react'
import type { Me } from '@shared/schemas/me.schema'

export interface WechatLoginProps {
  /** Another login is running: do not start a second one. */
  disabled?: boolean
  onBusyChange?: (busy: boolean) => void
  /** The session is started (token stored, /me loaded). */
  onDone: (me: Me) => void
  onError: (error: unknown) => void
}

declare const WechatLogin: ComponentType<WechatLoginProps>
export default WechatLogin
