import { Input } from '@tarojs/components'
import { Checkbox } from '@nutui/nutui-react-taro'
import Field from '../../../components/Field'
import TextField from '../../../components/Field/TextField'
import type { FieldErrors } from '../../../utils/form'

interface Props {
  name: string
  phone: string
  consent: boolean
  /** The contact is someone other than the reporter: their consent to share the number is required. */
  colleague: boolean
  /** The reporter's own (masked) phone, shown as a reminder when they are the contact. */
  myPhone?: string | null
  errors: FieldErrors
  clearError: (key: string) => void
  onNameChange: (v: string) => void
  onPhoneChange: (v: string) => void
  onConsentChange: (v: boolean) => void
}

/** Who the engineer should call: name, phone, and, when it is a colleague, that they agreed to it. */
export default function ContactFields({ name, phone, consent, colleague, myPhone, errors, clearError, onNameChange, onPhoneChange, onConsentChange }: Props) {
  return (
    <>
      <TextField
        label='联系人'
        required
        error={errors.contactName}
        testId='report-contact-name'
        placeholder='工程师将联系此人'
        maxlength={30}
        value={name}
        onChange={(v) => {
          onNameChange(v)
          clearError('contactName')
        }}
      />
      <Field
        label='联系电话'
        required
        error={errors.contactPhone}
        testId='report-contact-phone'
        hint={!colleague && myPhone ? `您的手机号为 ${myPhone}，请填写完整号码` : undefined}
      >
        <Input
          className='text-input'
          type='number'
          maxlength={11}
          placeholder='11 位手机号'
          value={phone}
          onInput={(e) => {
            onPhoneChange(e.detail.value)
            clearError('contactPhone')
          }}
        />
      </Field>
      {colleague ? (
        <Field label='同事授权' required error={errors.contactConsent} testId='report-contact-consent'>
          <Checkbox
            checked={consent}
            onChange={(v) => {
              onConsentChange(v)
              clearError('contactConsent')
            }}
            label='已征得该同事同意提供联系方式'
          />
        </Field>
      ) : null}
    </>
  )
}
