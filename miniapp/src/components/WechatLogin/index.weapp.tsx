import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View, type ButtonProps, type CommonEventFunction } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import { bindWechatPhone, loginWithWechat } from '../../services/auth'
import { pendingConsentRequest } from '../../stores/consent'
import { setMe, startSession } from '../../stores/session'
import type WechatLoginContract from './index'
import './index.scss'

const WechatLogin: typeof WechatLoginContract = ({ disabled, onBusyChange, onDone, onError }) => {
  const [busy, setBusy] = useState(false)
  // Logged in with WeChat, but the account has no phone number yet.
  const [needsPhone, setNeedsPhone] = useState<Me | null>(null)

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    onBusyChange?.(true)
    try {
      await work()
    } catch (err) {
      onError(err)
    } finally {
      setBusy(false)
      onBusyChange?.(false)
    }
  }

  const login = () =>
    run(async () => {
      const { code } = await Taro.login()
      const session = await loginWithWechat(code, pendingConsentRequest())
      const me = await startSession(session)
      if (me.profile.phone) onDone(me)
      else setNeedsPhone(me)
    })

  const onPhone: CommonEventFunction<ButtonProps.onGetPhoneNumberEventDetail> = (e) => {
    const code = e.detail.code
    if (!code) {
      void Taro.showToast({ title: '未授权手机号，可改用短信验证码登录', icon: 'none', duration: 2500 })
      return
    }
    void run(async () => {
      const me = await bindWechatPhone(code)
      setMe(me)
      onDone(me)
    })
  }

  if (needsPhone) {
    return (
      <View className='wechat-login'>
        <Text className='wechat-login__hint'>请授权手机号，用于登录和报修时联系您</Text>
        <Button block type='primary' openType='getPhoneNumber' onGetPhoneNumber={onPhone} loading={busy} disabled={busy}>
          授权手机号
        </Button>
      </View>
    )
  }

  return (
    <View className='wechat-login'>
      <View className='wechat-login__divider'>
        <Text>或</Text>
      </View>
      <Button block fill='outline' type='success' loading={busy} disabled={disabled || busy} onClick={() => void login()}>
        微信一键登录
      </Button>
    </View>
  )
}

export default WechatLogin
