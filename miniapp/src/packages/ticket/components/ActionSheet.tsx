import { Text, Textarea, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { HOLD_REASONS, type HoldReason } from '@shared/ticket-lifecycle'
import Chips from '../../../components/Chips'
import { HOLD_REASON_LABELS } from '../../../labels/ticket.zh'
import type { FieldErrors } from '../../../utils/form'
import ServiceReportFields, { type ReportDraft } from './ServiceReportFields'

/** Actions that ask first: hold (reason), resolve (service report), cancel (confirmation). */
export type Sheet = 'hold' | 'resolve' | 'cancel'

/** What was typed in each sheet; kept when a sheet is closed or a send fails, cleared once it went through. */
export interface SheetDrafts {
  reason: HoldReason | null
  holdNote: string
  report: ReportDraft
  cancelNote: string
}

const TEXT: Record<Sheet, { title: string; hint: string; confirm: string }> = {
  hold: { title: '挂起工单', hint: '请选择挂起原因。挂起期间暂停计时，恢复维修后继续。', confirm: '确认挂起' },
  resolve: { title: '维修完成', hint: '请填写维修报告，报修人确认并评价后工单关闭。', confirm: '提交维修报告' },
  cancel: { title: '取消报修', hint: '取消后工程师将不再处理该工单，且无法恢复。确定取消吗？', confirm: '确认取消报修' },
}

interface Props {
  sheet: Sheet | null
  drafts: SheetDrafts
  onDrafts: (next: SheetDrafts) => void
  /** Field errors of the resolve form (found, done, parts). */
  errors: FieldErrors
  error?: string
  busy: boolean
  onConfirm: () => void
  onClose: () => void
}

function NoteField({ testId, placeholder, value, onChange }: { testId: string; placeholder: string; value: string; onChange: (v: string) => void }) {
  return (
    <View className='ticket-actions__field' data-testid={testId}>
      <Textarea className='ticket-actions__textarea' placeholder={placeholder} maxlength={1000} value={value} onInput={(e) => onChange(e.detail.value)} />
    </View>
  )
}

/** The bottom sheet behind hold, resolve and cancel; it is also their confirmation. */
export default function ActionSheet({ sheet, drafts, onDrafts, errors, error, busy, onConfirm, onClose }: Props) {
  const text = sheet ? TEXT[sheet] : null
  return (
    <Popup visible={sheet !== null} position='bottom' round closeOnOverlayClick={!busy} onClose={() => !busy && onClose()}>
      {sheet && text ? (
        <View className='ticket-actions__sheet' data-testid={`ticket-${sheet}-dialog`}>
          <Text className='ticket-actions__title'>{text.title}</Text>
          <Text className='ticket-actions__hint'>{text.hint}</Text>
          {sheet === 'hold' ? (
            <>
              <Chips
                options={HOLD_REASONS.map((r) => ({ key: r, label: HOLD_REASON_LABELS[r] }))}
                selected={drafts.reason ? [drafts.reason] : []}
                onToggle={(k) => onDrafts({ ...drafts, reason: HOLD_REASONS.find((r) => r === k) ?? null })}
                testId='ticket-hold-reasons'
                optionTestId='ticket-hold-reason'
              />
              <NoteField testId='ticket-hold-note' placeholder='补充说明（选填），如：已订购配件，预计三天到货' value={drafts.holdNote} onChange={(holdNote) => onDrafts({ ...drafts, holdNote })} />
            </>
          ) : null}
          {sheet === 'resolve' ? <ServiceReportFields value={drafts.report} errors={errors} onChange={(report) => onDrafts({ ...drafts, report })} /> : null}
          {sheet === 'cancel' ? (
            <NoteField testId='ticket-cancel-note' placeholder='取消原因（选填）' value={drafts.cancelNote} onChange={(cancelNote) => onDrafts({ ...drafts, cancelNote })} />
          ) : null}
          {error ? (
            <Text className='ticket-actions__error' data-testid={`ticket-${sheet}-error`}>
              {error}
            </Text>
          ) : null}
          <View className='ticket-actions__row'>
            <View className='ticket-actions__btn'>
              <Button block fill='outline' disabled={busy} onClick={onClose}>
                {sheet === 'cancel' ? '再想想' : '取消'}
              </Button>
            </View>
            <View className='ticket-actions__btn'>
              <Button block type={sheet === 'cancel' ? 'danger' : 'primary'} loading={busy} disabled={busy} onClick={onConfirm} data-testid={`ticket-${sheet}-confirm`}>
                {text.confirm}
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </Popup>
  )
}
