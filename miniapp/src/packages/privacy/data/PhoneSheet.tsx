import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { SmsVerifySchema } from '@shared/schemas/auth.schema'
import { PhoneSchema } from '@shared/schemas/common.schema'
import type { Me } from '@shared/schemas/me.schema'
import TextField from '../../../components/Field/TextField'
import SheetActions from '../../../components/SheetActions'
import { maskPhone } from '../../../labels/privacy.zh'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { changePhone, sendNewPhoneCode } from '../../../services/my-data'
import { fieldErrorsOfServer, fieldErrorsOfZod, type FieldErrors } from '../../../utils/form'
import { setMe } from '../../../stores/session'
import SmsCodeField from '../components/SmsCodeField'

const FALLBACK: FieldErrors = { phone: '请输入 11 位手机号', code: '请输入 6 位验证码' }
const IN_USE = '该手机号已绑定其他账号'

/** A refusal that means the new number belongs to another account. */
function inUse(err: unknown): string | undefined {
  return isApiError(err) && err.code === 'CONFLICT' ? IN_USE : undefined
}

interface Props {
  me: Me
  open: boolean
  onClose: () => void
  onChanged: () => void
}

/** 修改手机号: the new number, a `change_phone` code sent to it, then POST /me/phone. */
export default function PhoneSheet({ me, open, onClose, onChanged }: Props) {
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const current = me.profile.phone

  useEffect(() => {
    if (!open) return
    setPhone('')
    setCode('')
    setErrors({})
    setFormError(undefined)
  }, [open])

  const parsedPhone = PhoneSchema.safeParse(phone)
  const target = !parsedPhone.success
    ? { problem: '请先输入 11 位新手机号' }
    : parsedPhone.data === current
      ? { problem: '新手机号与当前手机号相同' }
      : { phone: parsedPhone.data }

  const submit = async () => {
    if (busy) return
    setFormError(undefined)
    const parsed = SmsVerifySchema.safeParse({ phone, code })
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, FALLBACK))
      return
    }
    if (parsed.data.phone === current) {
      setErrors({ phone: '新手机号与当前手机号相同' })
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const updated = await changePhone(parsed.data.phone, parsed.data.code)
      // The person's other sessions ended; this one goes on with the new number.
      setMe(updated)
      void Taro.showToast({ title: '手机号已更换', icon: 'success' })
      onChanged()
    } catch (err) {
      if (isApiError(err) && err.code === 'VERIFICATION_FAILED') setErrors({ code: messageOf(err) })
      else if (inUse(err)) setErrors({ phone: IN_USE })
      else if (isApiError(err) && err.fieldErrors.length > 0) setErrors(fieldErrorsOfServer(err.fieldErrors, FALLBACK))
      else if (isApiError(err) && err.code === 'RATE_LIMITED') setFormError(`尝试次数太多，请${err.retryAfterSeconds ? ` ${err.retryAfterSeconds} 秒` : '稍'}后再试`)
      else setFormError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const close = () => {
    if (!busy) onClose()
  }

  return (
    <Popup visible={open} position='bottom' round closeOnOverlayClick={!busy} onClose={close}>
      {open ? (
        <View className='pv-sheet' data-testid='phone-sheet'>
          <Text className='pv-sheet__title'>修改手机号</Text>
          <Text className='pv-sheet__hint'>
            {current ? `当前手机号 ${maskPhone(current)}。` : ''}
            验证码将发送到新手机号，验证通过后，以后用新手机号登录。
          </Text>
          <TextField
            label='新手机号'
            required
            error={errors.phone}
            testId='phone-new'
            type='number'
            maxlength={11}
            placeholder='请输入 11 位手机号'
            value={phone}
            onChange={(v) => {
              setPhone(v)
              setErrors((e) => ({ ...e, phone: undefined }))
            }}
          />
          <SmsCodeField
            target={target}
            send={sendNewPhoneCode}
            code={code}
            onCode={(v) => {
              setCode(v)
              setErrors((e) => ({ ...e, code: undefined }))
            }}
            error={errors.code}
            disabled={busy}
            describeError={inUse}
            testIdPrefix='phone'
          />
          {formError ? (
            <Text className='pv-error' data-testid='phone-error'>
              {formError}
            </Text>
          ) : null}
          <SheetActions
            block='pv-sheet'
            confirmText='确认更换'
            busy={busy}
            onCancel={close}
            onConfirm={() => void submit()}
            cancelTestId='phone-cancel'
            confirmTestId='phone-submit'
          />
        </View>
      ) : null}
    </Popup>
  )
}
