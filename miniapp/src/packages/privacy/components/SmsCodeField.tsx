import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { SmsSendResult } from '@shared/schemas/auth.schema'
import Field from '../../../components/Field'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'

const DEFAULT_COOLDOWN = 60

interface Props {
  /** Where the code goes, or why not yet (a message: the number is missing or invalid). */
  target: { phone: string } | { problem: string }
  /** Sends the code (own number: purpose `login`; a new number: `change_phone`). */
  send: (phone: string) => Promise<SmsSendResult>
  code: string
  onCode: (code: string) => void
  /** The code's error (wrong or expired code, from the submit). */
  error?: string
  hint?: string
  disabled?: boolean
  /** A refusal of the send in the page's words (e.g. a number already in use); otherwise the usual text. */
  describeError?: (err: unknown) => string | undefined
  /**
   * `${p}-code` (the field; its input is `[data-testid=${p}-code] input`),
   * `${p}-send-code`, `${p}-dev-code` (shown when the development SMS provider filled the code in).
   */
  testIdPrefix: string
}

/**
 * 验证码 with 获取验证码 and its countdown (the login page's behaviour): a
 * rate-limited send counts down for as long as the server says; in
 * development the server returns the code and it is filled in.
 */
export default function SmsCodeField({ target, send, code, onCode, error, hint, disabled, describeError, testIdPrefix }: Props) {
  const [sending, setSending] = useState(false)
  const [cooldown, setCooldown] = useState(0)
  const [devFilled, setDevFilled] = useState(false)
  const [sendError, setSendError] = useState<string>()
  const timer = useRef<ReturnType<typeof setInterval>>()

  const stopTimer = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = undefined
  }
  useEffect(() => stopTimer, [])

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
    if (sending || cooldown > 0 || disabled) return
    if ('problem' in target) {
      setSendError(target.problem)
      return
    }
    setSendError(undefined)
    setSending(true)
    try {
      const result = await send(target.phone)
      startCooldown(result.cooldownSeconds > 0 ? result.cooldownSeconds : DEFAULT_COOLDOWN)
      if (result.devCode) {
        onCode(result.devCode)
        setDevFilled(true)
      } else {
        setDevFilled(false)
        void Taro.showToast({ title: '验证码已发送', icon: 'success' })
      }
    } catch (err) {
      const own = describeError?.(err)
      if (own) {
        setSendError(own)
      } else if (isApiError(err) && err.code === 'RATE_LIMITED') {
        const wait = err.retryAfterSeconds ?? DEFAULT_COOLDOWN
        startCooldown(wait)
        setSendError(`发送太频繁，请 ${wait} 秒后再试`)
      } else if (isApiError(err) && err.fieldErrors.length > 0) {
        setSendError(err.fieldErrors[0]?.message && /[\u4e00-\u9fa5]/.test(err.fieldErrors[0].message) ? err.fieldErrors[0].message : '请输入 11 位手机号')
      } else {
        setSendError(messageOf(err))
      }
    } finally {
      setSending(false)
    }
  }

  return (
    <>
      <Field label='短信验证码' required error={error ?? sendError} hint={hint} testId={`${testIdPrefix}-code`}>
        <Input
          className='text-input'
          type='number'
          maxlength={6}
          placeholder='6 位数字'
          value={code}
          disabled={disabled}
          onInput={(e) => {
            onCode(e.detail.value)
            setDevFilled(false)
          }}
        />
        <View className='pv-send'>
          <Button
            size='small'
            type='primary'
            fill='outline'
            disabled={disabled || sending || cooldown > 0}
            loading={sending}
            onClick={() => void sendCode()}
            data-testid={`${testIdPrefix}-send-code`}
          >
            {cooldown > 0 ? `${cooldown} 秒后重发` : '获取验证码'}
          </Button>
        </View>
      </Field>
      {devFilled ? (
        <Text className='pv-dev' data-testid={`${testIdPrefix}-dev-code`}>
          开发环境验证码已自动填入
        </Text>
      ) : null}
    </>
  )
}
