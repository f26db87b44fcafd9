import { Input } from '@tarojs/components'
import Field from './index'

interface Props {
  label: string
  required?: boolean
  error?: string
  testId?: string
  placeholder?: string
  maxlength?: number
  type?: 'text' | 'number'
  value: string
  onChange: (value: string) => void
}

/** The common case of a form row: a labelled one-line text input. */
export default function TextField({ label, required, error, testId, placeholder, maxlength, type = 'text', value, onChange }: Props) {
  return (
    <Field label={label} required={required} error={error} testId={testId}>
      <Input
        className='text-input'
        type={type}
        maxlength={maxlength}
        placeholder={placeholder}
        value={value}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  )
}
