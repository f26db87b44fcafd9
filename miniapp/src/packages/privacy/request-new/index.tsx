import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import {
  PRIVACY_REQUEST_DUE_DAYS,
  PRIVACY_REQUEST_TYPES,
  PrivacyRequestCreateSchema,
  type PrivacyRequestType,
} from '@shared/schemas/privacy-requests.schema'
import Chips from '../../../components/Chips'
import Field from '../../../components/Field'
import SessionGate from '../../../components/SessionGate'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { useLeaveWarning } from '../../../hooks/useLeaveWarning'
import { formatDateZh, maskPhone, PRIVACY_REQUEST_TYPE_HINTS, PRIVACY_REQUEST_TYPE_LABELS } from '../../../labels/privacy.zh'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { sendOwnPhoneCode } from '../../../services/privacy'
import { startPrivacyRequest } from '../../../services/privacy-requests'
import type { FieldErrors } from '../../../utils/form'
import { ROUTES } from '../../../routes'
import SmsCodeField from '../components/SmsCodeField'
import '../../../components/Field/index.scss'
import '../components/parts.scss'
import './index.scss'

const FALLBACK: FieldErrors = {
  type: '请选择申请类型',
  details: '请具体说明您的请求（至少 5 个字）',
  code: '请输入 6 位验证码',
}

const MAX_DETAILS = 1000

function typeOf(raw: string | undefined): PrivacyRequestType | null {
  return PRIVACY_REQUEST_TYPES.find((t) => t === raw) ?? null
}

function RequestForm({ me }: { me: Me }) {
  const params = useRouter().params
  const [type, setType] = useState<PrivacyRequestType | null>(typeOf(params.type))
  const [details, setDetails] = useState('')
  const [code, setCode] = useState('')
  // One key for this visit of the form: a double tap, or a retry after a lost answer, files one request.
  const [attempt] = useState(startPrivacyRequest)
  const form = useFormSubmit(FALLBACK)
  const { errors, setErrors, formError, setFormError, submitting, clearError } = form
  const phone = me.profile.phone
  const [sent, setSent] = useState(false)
  useLeaveWarning(!sent && details.trim().length > 0)

  const submit = async () => {
    await form.submit(
      PrivacyRequestCreateSchema,
      { type: type ?? undefined, details, code: code.trim() },
      async (body) => {
        const created = await attempt.send(body)
        setSent(true)
        void Taro.redirectTo({ url: `${ROUTES.privacyRequests}?id=${encodeURIComponent(created.id)}` })
        void Taro.showToast({ title: `已提交，${formatDateZh(created.dueAt)}前答复`, icon: 'none', duration: 3000 })
      },
      (err) => {
        if (isApiError(err) && err.code === 'VERIFICATION_FAILED') setErrors({ code: messageOf(err) })
        else if (isApiError(err) && err.code === 'RATE_LIMITED') setFormError(`尝试次数太多，请${err.retryAfterSeconds ? ` ${err.retryAfterSeconds} 秒` : '稍'}后再试`)
        else setFormError(messageOf(err))
      },
    )
  }

  return (
    <View className='pv-page request-new page-narrow' data-testid='request-new-page'>
      <View className='pv-notice pv-notice--info'>
        <Text>我们会在收到申请后 {PRIVACY_REQUEST_DUE_DAYS} 天内答复。为保护您的信息，提交前需要用短信验证码确认是您本人。</Text>
      </View>
      <View className='pv-card request-new__form'>
        <Field label='申请类型' required error={errors.type} testId='request-type-field'>
          <Chips
            options={PRIVACY_REQUEST_TYPES.map((t) => ({ key: t, label: PRIVACY_REQUEST_TYPE_LABELS[t] }))}
            selected={type ? [type] : []}
            onToggle={(key) => {
              setType(typeOf(key))
              clearError('type')
            }}
            testId='request-types'
            optionTestId='request-type'
          />
        </Field>
        {type ? (
          <Text className='pv-muted' data-testid='request-type-hint'>
            {PRIVACY_REQUEST_TYPE_HINTS[type]}
          </Text>
        ) : null}
        <Field label='具体说明' required error={errors.details} hint={`${details.trim().length} / ${MAX_DETAILS} 字`} testId='request-details'>
          <View className={`pv-textarea-box${errors.details ? ' pv-textarea-box--error' : ''}`}>
            <Textarea
              className='pv-textarea'
              placeholder='请写明您希望我们做什么，涉及哪些信息'
              maxlength={MAX_DETAILS}
              value={details}
              onInput={(e) => {
                setDetails(e.detail.value)
                clearError('details')
              }}
            />
          </View>
        </Field>
        <Text className='pv-muted' data-testid='request-phone'>
          {phone ? `验证码将发送到 ${maskPhone(phone)}` : '您的账号未绑定手机号，无法通过短信核验身份，请联系客服。'}
        </Text>
        <SmsCodeField
          target={phone ? { phone } : { problem: '账号未绑定手机号' }}
          send={sendOwnPhoneCode}
          code={code}
          onCode={(v) => {
            setCode(v)
            clearError('code')
          }}
          error={errors.code}
          disabled={submitting}
          testIdPrefix='request'
        />
        {formError ? (
          <Text className='pv-error' data-testid='request-error'>
            {formError}
          </Text>
        ) : null}
        <Button block type='primary' loading={submitting} disabled={submitting || !phone} onClick={() => void submit()} data-testid='request-submit'>
          提交申请
        </Button>
      </View>
    </View>
  )
}

/** 提交申请: type, what to do, and a fresh SMS code to one's own number; one Idempotency-Key per visit. */
export default function RequestNewPage() {
  return <SessionGate className='pv-page request-new page-narrow'>{(me) => <RequestForm me={me} />}</SessionGate>
}
