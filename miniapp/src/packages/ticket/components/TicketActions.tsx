import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import type { TicketDetail } from '@shared/schemas/tickets.schema'
import { ServiceReportSchema, type Transition } from '@shared/schemas/ticket-workflow.schema'
import type { TicketAction } from '@shared/ticket-lifecycle'
import { OPEN_STATUSES } from '@shared/tickets'
import { TICKET_ACTION_LABELS } from '../../../labels/ticket.zh'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { assignTicket, transitionTicket } from '../../../services/tickets'
import { fieldErrorsOfZod, type FieldErrors } from '../../../utils/form'
import ActionSheet, { type Sheet, type SheetDrafts } from './ActionSheet'
import { EMPTY_REPORT } from './ServiceReportFields'

const SHEETS: readonly TicketAction[] = ['hold', 'resolve', 'cancel']
const isSheet = (a: TicketAction): a is Sheet => SHEETS.includes(a)

const EMPTY_DRAFTS: SheetDrafts = { reason: null, holdNote: '', report: EMPTY_REPORT, cancelNote: '' }

/** The toast once an action went through. */
const DONE: Record<TicketAction, string> = {
  accept: '已受理',
  start: '已开始维修',
  hold: '已挂起',
  resume: '已恢复维修',
  resolve: '维修报告已提交',
  close: '已关闭',
  cancel: '已取消报修',
}

const REPORT_FALLBACK: FieldErrors = { found: '请填写检查发现', done: '请填写处理措施', parts: '更换配件最多 500 字' }

/** An engineer looking at a ticket nobody has taken yet: 接单 instead of 受理. */
export function isQueueTicketForEngineer(me: Me, ticket: TicketDetail): boolean {
  return me.roles.includes('engineer') && ticket.assignedEngineer === null && OPEN_STATUSES.includes(ticket.status)
}

/**
 * The buttons to show: what the server says this user may do now (`ticket.actions`).
 * The reporter closes a resolved ticket by rating it, so `close` gives way to the rating form.
 */
export function visibleActions(ticket: TicketDetail, ratingFormShown: boolean): TicketAction[] {
  return ticket.actions.filter((a) => !(a === 'close' && ratingFormShown))
}

/** `report.found` from the server → `found`. */
function reportErrorsOf(err: unknown): FieldErrors | null {
  if (!isApiError(err)) return null
  const out: FieldErrors = {}
  for (const e of err.fieldErrors) {
    const key = e.path.replace(/^report\./, '')
    if (['found', 'done', 'parts'].includes(key) && !out[key]) out[key] = e.message
  }
  return Object.keys(out).length > 0 ? out : null
}

interface Props {
  me: Me
  ticket: TicketDetail
  ratingFormShown: boolean
  /** After a change (or a 409: someone else changed it): reload the ticket and its timeline. */
  onChanged: () => Promise<void>
}

/** The lifecycle buttons under a ticket; hold, resolve and cancel ask first in a bottom sheet. */
export default function TicketActions({ me, ticket, ratingFormShown, onChanged }: Props) {
  const [busy, setBusy] = useState<TicketAction | 'take' | null>(null)
  const [sheet, setSheet] = useState<Sheet | null>(null)
  const [drafts, setDrafts] = useState<SheetDrafts>(EMPTY_DRAFTS)
  const [reportErrors, setReportErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<string>()
  const actions = visibleActions(ticket, ratingFormShown)
  const queue = isQueueTicketForEngineer(me, ticket)
  // The server lets an engineer's accept take the ticket; if it only offers assignment, 接单 assigns first.
  const takeFirst = queue && !actions.includes('accept') && me.permissions.includes('tickets.assign') && ticket.status === 'submitted'
  if (actions.length === 0 && !takeFirst) return null

  const fail = async (err: unknown) => {
    if (isApiError(err) && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) {
      setSheet(null)
      void Taro.showToast({ title: '工单状态已变化，已刷新', icon: 'none' })
      await onChanged()
      return
    }
    const fields = reportErrorsOf(err)
    if (fields) setReportErrors(fields)
    setError(fields ? '请检查标红的项' : messageOf(err))
  }

  const run = async (action: TicketAction | 'take', body?: Transition) => {
    if (busy) return
    setBusy(action)
    setError(undefined)
    try {
      if (action === 'take') {
        await assignTicket(ticket.id, me.id)
        await transitionTicket(ticket.id, { action: 'accept' })
      } else {
        await transitionTicket(ticket.id, body ?? { action })
      }
      if (action === 'hold') setDrafts((d) => ({ ...d, reason: null, holdNote: '' }))
      if (action === 'resolve') setDrafts((d) => ({ ...d, report: EMPTY_REPORT }))
      if (action === 'cancel') setDrafts((d) => ({ ...d, cancelNote: '' }))
      setSheet(null)
      const done = action === 'take' || (action === 'accept' && queue) ? '已接单' : DONE[action]
      void Taro.showToast({ title: done, icon: 'success' })
      await onChanged()
    } catch (err) {
      await fail(err)
      // 接单 may have stopped halfway (assigned, not accepted): show the ticket as it is now.
      if (action === 'take') void onChanged()
    } finally {
      setBusy(null)
    }
  }

  const open = (action: TicketAction) => {
    setError(undefined)
    setReportErrors({})
    if (isSheet(action)) setSheet(action)
    else void run(action)
  }

  const confirm = () => {
    if (!sheet) return
    setError(undefined)
    if (sheet === 'hold') {
      if (!drafts.reason) return setError('请选择挂起原因')
      return void run('hold', { action: 'hold', reason: drafts.reason, note: drafts.holdNote.trim() || undefined })
    }
    if (sheet === 'cancel') return void run('cancel', { action: 'cancel', note: drafts.cancelNote.trim() || undefined })
    const parsed = ServiceReportSchema.safeParse({ ...drafts.report, parts: drafts.report.parts.trim() || undefined })
    if (!parsed.success) {
      setReportErrors(fieldErrorsOfZod(parsed.error, REPORT_FALLBACK))
      return setError('请检查标红的项')
    }
    setReportErrors({})
    void run('resolve', { action: 'resolve', report: parsed.data })
  }

  const label = (a: TicketAction) => (a === 'accept' && queue ? '接单' : TICKET_ACTION_LABELS[a])
  return (
    <View className='ticket-actions' data-testid='ticket-actions'>
      {error && !sheet ? (
        <Text className='ticket-actions__error' data-testid='ticket-action-error'>
          {error}
        </Text>
      ) : null}
      <View className='ticket-actions__row'>
        {takeFirst ? (
          <View className='ticket-actions__btn'>
            <Button block type='primary' loading={busy === 'take'} disabled={busy !== null} onClick={() => void run('take')} data-testid='ticket-action-take'>
              接单
            </Button>
          </View>
        ) : null}
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
              {label(a)}
            </Button>
          </View>
        ))}
      </View>
      <ActionSheet
        sheet={sheet}
        drafts={drafts}
        onDrafts={(next) => {
          // Typing in a field clears that field's message only.
          const edited = (['found', 'done', 'parts'] as const).filter((k) => next.report[k] !== drafts.report[k])
          setDrafts(next)
          setError(undefined)
          if (edited.length > 0) setReportErrors((e) => ({ ...e, ...Object.fromEntries(edited.map((k) => [k, undefined])) }))
        }}
        errors={reportErrors}
        error={error}
        busy={busy !== null}
        onConfirm={confirm}
        onClose={() => setSheet(null)}
      />
    </View>
  )
}
