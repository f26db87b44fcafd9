import { Textarea, View } from '@tarojs/components'
import Field from '../../../components/Field'
import TextField from '../../../components/Field/TextField'
import type { FieldErrors } from '../../../utils/form'

export interface ReportDraft {
  found: string
  done: string
  parts: string
}

export const EMPTY_REPORT: ReportDraft = { found: '', done: '', parts: '' }

interface Props {
  value: ReportDraft
  errors: FieldErrors
  onChange: (next: ReportDraft) => void
}

/** The service report an engineer files to resolve a ticket: 检查发现, 处理措施, 更换配件. */
export default function ServiceReportFields({ value, errors, onChange }: Props) {
  const area = (key: 'found' | 'done', label: string, placeholder: string) => (
    <Field label={label} required error={errors[key]} testId={`ticket-resolve-${key}`}>
      <View className={`ticket-actions__field ticket-actions__field--grow${errors[key] ? ' ticket-actions__field--error' : ''}`}>
        <Textarea
          className='ticket-actions__textarea ticket-actions__textarea--short'
          placeholder={placeholder}
          maxlength={1000}
          value={value[key]}
          onInput={(e) => onChange({ ...value, [key]: e.detail.value })}
        />
      </View>
    </Field>
  )
  return (
    <View className='ticket-actions__report'>
      {area('found', '检查发现', '如：CCD 模块损坏，图像出现黑点')}
      {area('done', '处理措施', '如：更换 CCD 模块，白平衡与图像测试正常')}
      <TextField
        label='更换配件'
        placeholder='如：CCD 模块 ×1（无则不填）'
        maxlength={500}
        error={errors.parts}
        testId='ticket-resolve-parts'
        value={value.parts}
        onChange={(parts) => onChange({ ...value, parts })}
      />
    </View>
  )
}
