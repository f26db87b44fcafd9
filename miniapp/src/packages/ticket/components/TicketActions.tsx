import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import type { TicketView } from '@shared/schemas/tickets.schema'
import { actionsFrom, HOLD_REASONS, type HoldReason, type TicketAction } from '@shared/ticket-lifecycle'
import Chips from '../../../components/Chips'
import { HOLD_REASON_LABELS, TICKET_ACTION_LABELS } from '../../../labels/ticket.zh'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { transitionTicket } from '../../../services/tickets'

const ENGINEER_ACTIONS: readonly TicketAction[] = ['accept', 'start', 'hold', 'resume', 'resolve']

/**
 * What this user may do now: the lifecycle's actions from the status, narrowed by role
 * (the server decides; this only hides what it would refuse).
 */
export function allowedActions(me: Me, ticket: TicketView): TicketAction[] {
  const possible = actionsFrom(ticket.status)
  if (me.roles.includes('admin')) return possible
  if (me.roles.includes('engineer')) return possible.filter((a) => ENGINEER_ACTIONS.includes(a))
  if (me.roles.includes('staff') && ticket.isMine && ticket.status === 'submitted') return possible.filter((a) => a === 'cancel')
  return []
}

/** Actions that open a sheet first: hold (reason), resolve (service report), cancel (confirmation). */
type Sheet = 'hold' | 'resolve' | 'cancel'
const SHEET_ACTIONS: readonly TicketAction[] = ['hold', 'resolve', 'cancel']
const isSheet = (a: TicketAction): a is Sheet => SHEET_ACTIONS.includes(a)

const SHEET_TEXT: Record<Sheet, { title: string; hint: string; placeholder: string; confirm: string }> = {
  hold: { title: '挂起工单', hint: '请选择挂起原因，恢复维修前工单将保持挂起。', placeholder: '补充说明（选填）', confirm: '确认挂起' },
  resolve: { title: '维修完成', hint: '请填写维修报告：故障原因、处理措施、更换的配件。', placeholder: '维修报告', confirm: '提交维修报告' },
  cancel: { title: '取消报修', hint: '取消后工程师将不再处理该工单，且无法恢复。确定取消吗？', placeholder: '取消原因（选填）', confirm: '确认取消报修' },
}

interface Props {
  me: Me
  ticket: TicketView
  /** After a change (or a 409: someone else changed it): reload the ticket and its timeline. */
  onChanged: () => Promise<void>
}

/** The buttons under a ticket; hold, resolve and cancel ask first in a bottom sheet. */
export default function TicketActions({ me, ticket, onChanged }: Props) {
  const [busy, setBusy] = useState<TicketAction | null>(null)
  const [sheet, setSheet] = useState<Sheet | null>(null)
  const [reason, setReason] = useState<HoldReason | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string>()
  const actions = allowedActions(me, ticket)
  if (actions.length === 0) return null

  const run = async (action: TicketAction, extra: { reason?: HoldReason; note?: string } = {}) => {
    if (busy) return
    setBusy(action)
    setError(undefined)
    try {
      await transitionTicket(ticket.id, { action, ...extra })
      setSheet(null)
      void Taro.showToast({ title: `已${TICKET_ACTION_LABELS[action]}`, icon: 'success' })
      await onChanged()
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT') {
        setSheet(null)
        void Taro.showToast({ title: '工单状态已变化，已刷新', icon: 'none' })
        await onChanged()
      } else {
        setError(messageOf(err))
      }
    } finally {
      setBusy(null)
    }
  }

  const open = (action: TicketAction) => {
    if (!isSheet(action)) {
      void run(action)
      return
    }
    setReason(null)
    setNote('')
    setError(undefined)
    setSheet(action)
  }

  const confirm = () => {
    if (!sheet) return
    const text = note.trim()
    if (sheet === 'hold' && !reason) return setError('请选择挂起原因')
    if (sheet === 'resolve' && !text) return setError('请填写维修报告')
    void run(sheet, { reason: sheet === 'hold' ? (reason ?? undefined) : undefined, note: text || undefined })
  }

  const text = sheet ? SHEET_TEXT[sheet] : null
  return (
    <View className='ticket-actions' data-testid='ticket-actions'>
      {error && !sheet ? (
        <Text className='ticket-actions__error' data-testid='ticket-action-error'>
          {error}
        </Text>
      ) : null}
      <View className='ticket-actions__row'>
        {actions.map((a) => (
          <View key={a} className='ticket-actions__btn'>
            <Button
              block
              type={a === 'cancel' ? 'danger' : 'primary'}
              fill={a === 'cancel' || a === 'hold' ? 'outline' : 'solid'}
              loading={busy === a && !sheet}
              disabled={busy !== null}
              onClick={() => open(a)}
              data-testid={`ticket-action-${a}`}
            >
              {TICKET_ACTION_LABELS[a]}
            </Button>
          </View>
        ))}
      </View>

      <Popup visible={sheet !== null} position='bottom' round closeOnOverlayClick={busy === null} onClose={() => busy === null && setSheet(null)}>
        {sheet && text ? (
          <View className='ticket-actions__sheet' data-testid={`ticket-${sheet}-dialog`}>
            <Text className='ticket-actions__title'>{text.title}</Text>
            <Text className='ticket-actions__hint'>{text.hint}</Text>
            {sheet === 'hold' ? (
              <Chips
                options={HOLD_REASONS.map((r) => ({ key: r, label: HOLD_REASON_LABELS[r] }))}
                selected={reason ? [reason] : []}
                onToggle={(k) => {
                  setReason(HOLD_REASONS.find((r) => r === k) ?? null)
                  setError(undefined)
                }}
                testId='ticket-hold-reasons'
                optionTestId='ticket-hold-reason'
              />
            ) : null}
            <View className='ticket-actions__field' data-testid={`ticket-${sheet}-note`}>
              <Textarea
                className='ticket-actions__textarea'
                placeholder={text.placeholder}
                maxlength={1000}
                value={note}
                onInput={(e) => {
                  setNote(e.detail.value)
                  setError(undefined)
                }}
              />
            </View>
            {error ? (
              <Text className='ticket-actions__error' data-testid={`ticket-${sheet}-error`}>
                {error}
              </Text>
            ) : null}
            <View className='ticket-actions__row'>
              <View className='ticket-actions__btn'>
                <Button block fill='outline' disabled={busy !== null} onClick={() => setSheet(null)}>
                  {sheet === 'cancel' ? '再想想' : '取消'}
                </Button>
              </View>
              <View className='ticket-actions__btn'>
                <Button
                  block
                  type={sheet === 'cancel' ? 'danger' : 'primary'}
                  loading={busy !== null}
                  disabled={busy !== null}
                  onClick={confirm}
                  data-testid={`ticket-${sheet}-confirm`}
                >
                  {text.confirm}
                </Button>
              </View>
            </View>
          </View>
        ) : null}
      </Popup>
    </View>
  )
}
