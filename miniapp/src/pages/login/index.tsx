import { useEffect, useRef, useState } from 'react'
import Taro, { useUnload } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PhoneSchema } from '@shared/schemas/common.schema'
import { SmsVerifySchema } from '@shared/schemas/auth.schema'
import type { Me } from '@shared/schemas/me.schema'
import Field from '../../components/Field'
import TextField from '../../components/Field/TextField'
import WechatLogin from '../../components/WechatLogin'
import { isApiError } from '../../services/api-error'
import { messageOf } from '../../services/errors.zh'
import { sendSmsCode, verifySmsCode } from '../../services/auth'
import { getToken } from '../../services/token'
import { clearPendingConsent, getPendingConsent, pendingConsentRequest } from '../../stores/consent'
import { getSession, loadSession, startSession } from '../../stores/session'
import { fieldErrorsOfServer, fieldErrorsOfZod, type FieldErrors } from '../../utils/form'
import { goToWhereUserBelongs, ROUTES } from '../../routes'
import '../../components/Field/index.scss'
import './index.scss'

const DEFAULT_COOLDOWN = 60

/** SMS code login (both platforms) and, on weapp, WeChat login. Consent comes first (consent page). */
export default function Login() {
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [sending, setSending] = useState(false)
  const [cooldown, setCooldown] = useState(0)
  const [devCodeFilled, setDevCodeFilled] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [wechatBusy, setWechatBusy] = useState(false)
  const timer = useRef<ReturnType<typeof setInterval>>()

  // Nothing personal before consent: no accepted policy on this device → read it first.
  useEffect(() => {
    if (getToken()) {
      void loadSession().then((s) => {
        if (s.phase === 'ready') goToWhereUserBelongs(s.me)
      })
      return
    }
    if (!getPendingConsent()) void Taro.redirectTo({ url: ROUTES.consent })
  }, [])

  const stopTimer = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = undefined
  }
  useUnload(stopTimer)

  const startCooldown = (seconds: number) => {
    stopTimer()
    setCooldown(seconds)
    timer.current = setInterval(() => {
      setCooldown((s) => {
        if (s <= 1) {
          stopTimer()
          return 0
        }
        return s - 1
      })
    }, 1000)
  }

  const sendCode = async () => {
    if (sending || cooldown > 0) return
    const parsed = PhoneSchema.safeParse(phone)
    if (!parsed.success) {
      setErrors({ phone: parsed.error.issues[0]?.message ?? '请输入 11 位手机号' })
      return
    }
    setErrors({})
    setFormError(undefined)
    setSending(true)
    try {
      const result = await sendSmsCode(parsed.data, 'login')
      startCooldown(result.cooldownSeconds > 0 ? result.cooldownSeconds : DEFAULT_COOLDOWN)
      if (result.devCode) {
        setCode(result.devCode)
        setDevCodeFilled(true)
      } else {
        setDevCodeFilled(false)
        void Taro.showToast({ title: '验证码已发送', icon: 'success' })
      }
    } catch (err) {
      if (isApiError(err) && err.code === 'RATE_LIMITED') {
        const wait = err.retryAfterSeconds ?? DEFAULT_COOLDOWN
        startCooldown(wait)
        setFormError(`发送太频繁，请 ${wait} 秒后再试`)
      } else if (isApiError(err) && err.fieldErrors.length > 0) {
        setErrors(fieldErrorsOfServer(err.fieldErrors, { phone: '请输入 11 位手机号' }))
      } else {
        setFormError(messageOf(err))
      }
    } finally {
      setSending(false)
    }
  }

  const finish = (me: Me) => {
    goToWhereUserBelongs(me)
  }

  const onLoginError = (err: unknown) => {
    // The consent sent with the login refers to an older policy (409, or a consent field error): read the new one first.
    const staleConsent =
      isApiError(err) &&
      (err.code === 'RECONSENT_REQUIRED' ||
        (err.code === 'CONFLICT' && getPendingConsent() !== undefined) ||
        err.fieldErrors.some((e) => e.path.startsWith('consent')))
    if (staleConsent) {
      clearPendingConsent()
      void Taro.showToast({ title: '隐私政策已更新，请重新阅读', icon: 'none', duration: 2500 })
      void Taro.redirectTo({ url: ROUTES.consent })
      return
    }
    if (isApiError(err) && err.fieldErrors.length > 0) {
      setErrors(fieldErrorsOfServer(err.fieldErrors, { phone: '请输入 11 位手机号', code: '验证码为 6 位数字' }))
      return
    }
    if (isApiError(err) && err.code === 'VERIFICATION_FAILED') {
      setErrors({ code: messageOf(err) })
      return
    }
    if (isApiError(err) && err.code === 'RATE_LIMITED') {
      setFormError(`尝试次数太多，请${err.retryAfterSeconds ? ` ${err.retryAfterSeconds} 秒` : '稍'}后再试`)
      return
    }
    setFormError(messageOf(err))
  }

  const login = async () => {
    if (submitting || wechatBusy) return
    const parsed = SmsVerifySchema.safeParse({ phone, code })
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, { phone: '请输入 11 位手机号', code: '验证码为 6 位数字' }))
      return
    }
    setErrors({})
    setFormError(undefined)
    setSubmitting(true)
    try {
      const session = await verifySmsCode(parsed.data.phone, parsed.data.code, pendingConsentRequest())
      const me = await startSession(session)
      stopTimer()
      finish(me)
    } catch (err) {
      onLoginError(err)
    } finally {
      setSubmitting(false)
    }
  }

  const skip = () => {
    // Already logged in (e.g. a second tap after a slow login): nothing to skip.
    const s = getSession()
    if (s.phase === 'ready') finish(s.me)
    else void Taro.switchTab({ url: ROUTES.home })
  }

  const busy = submitting || wechatBusy
  return (
    <View className='login page-narrow'>
      <View className='login__head'>
        <Text className='login__title'>登录 ScopeDesk</Text>
        <Text className='login__subtitle'>使用手机号登录；新用户登录后填写注册信息，审核通过即可报修</Text>
      </View>

      <View className='login__card'>
        <TextField
          label='手机号'
          required
          error={errors.phone}
          testId='login-phone'
          type='number'
          maxlength={11}
          placeholder='请输入 11 位手机号'
          value={phone}
          onChange={setPhone}
        />
        <Field label='验证码' required error={errors.code} testId='login-code'>
          <Input
            className='text-input'
            type='number'
            maxlength={6}
            placeholder='6 位数字'
            value={code}
            onInput={(e) => {
              setCode(e.detail.value)
              setDevCodeFilled(false)
            }}
          />
          <View className='login__send'>
            <Button
              size='small'
              type='primary'
              fill='outline'
              disabled={sending || cooldown > 0}
              loading={sending}
              onClick={() => void sendCode()}
              data-testid='login-send-code'
            >
              {cooldown > 0 ? `${cooldown} 秒后重发` : '获取验证码'}
            </Button>
          </View>
        </Field>
        {devCodeFilled ? (
          <Text className='login__dev' data-testid='login-dev-code'>
            开发环境验证码已自动填入
          </Text>
        ) : null}
        {formError ? (
          <Text className='login__error' data-testid='login-error'>
            {formError}
          </Text>
        ) : null}
        <View className='login__submit'>
          <Button block type='primary' loading={submitting} disabled={busy} onClick={() => void login()} data-testid='login-submit'>
            登录
          </Button>
        </View>
        <WechatLogin disabled={submitting} onBusyChange={setWechatBusy} onDone={finish} onError={onLoginError} />
      </View>

      <View className='login__foot'>
        <Text className='login__link' onClick={() => void Taro.navigateTo({ url: ROUTES.consent })}>
          查看隐私政策
        </Text>
        <Text className='login__sep'>·</Text>
        <Text className='login__link' onClick={skip} data-testid='login-skip'>
          暂不登录，先看看
        </Text>
      </View>
    </View>
  )
}
