import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { REFUSAL_REASONS } from '@shared/schemas/privacy-requests.schema'
import { PageError } from '../../../../components/PageState'
import SheetActions from '../../../../components/SheetActions'
import {
  PRIVACY_EVENT_BY_LABELS,
  PRIVACY_REQUEST_EVENT_LABELS,
  PRIVACY_REQUEST_TYPE_LABELS,
  REFUSAL_REASON_LABELS,
  refusalReasonText,
} from '../../../../labels/privacy.admin.zh'
import {
  checkNote,
  checkOutcome,
  checkRefusal,
  completePrivacyRequest,
  getPrivacyRequest,
  isStalePrivacyError,
  notePrivacyRequest,
  privacyActionMessage,
  refusePrivacyRequest,
  stepsFor,
  takePrivacyRequest,
  type AdminPrivacyRequestView,
  type RefusalReason,
} from '../../../../services/admin-privacy'
import { ROUTES } from '../../../../routes'
import { formatShanghai } from '../../../../utils/format'
import { DueInfo, Requester, RequestStatus, RequestType } from './RequestParts'

type FormMode = 'note' | 'complete' | 'refuse'
type Busy = 'take' | FormMode | null

interface Props {
  /** The row that was opened; null when closed. */
  row: AdminPrivacyRequestView | null
  meId: string
  /** May open the access log (admin.audit). */
  canAudit: boolean
  wide: boolean
  now: number
  /** A step succeeded: the request as it is now. */
  onChanged: (view: AdminPrivacyRequestView) => void
  /** Someone else changed or removed it first: the list should reload. */
  onStale: () => void
  onClose: () => void
}

const FORM_TEXT: Record<FormMode, { title: string; hint: string; placeholder: string; confirm: string; maxlength: number }> = {
  note: {
    title: '添加备注',
    hint: '备注会出现在申请记录中，申请人可在隐私中心看到，并会收到提醒。添加后不能修改或删除。',
    placeholder: '如：已核实您的身份，正在整理您的工单和咨询记录，预计 3 个工作日内完成',
    confirm: '添加备注',
    maxlength: 1000,
  },
  complete: {
    title: '完成（写明处理结果）',
    hint: '处理结果会通知申请人并展示在其隐私中心。完成后申请关闭，不能再修改。',
    placeholder: '如：已按您的要求删除 2026 年 10 月的 3 条咨询记录，相关备份将在 30 日内随轮换清除',
    confirm: '完成申请',
    maxlength: 1000,
  },
  refuse: {
    title: '拒绝申请',
    hint: '依据《个人信息保护法》第五十条，拒绝个人的请求须说明理由：请选择法定理由，并向申请人具体说明。',
    placeholder: '请向申请人说明拒绝的具体原因和依据，以及可以如何进一步申诉',
    confirm: '拒绝申请',
    maxlength: 1000,
  },
}

/** The request's history, oldest first: who did what, and what they wrote. */
function History({ view }: { view: AdminPrivacyRequestView }) {
  if (view.events.length === 0) return <Text className='admin-privacy__muted'>暂无记录</Text>
  return (
    <View className='admin-privacy-history' data-testid='admin-privacy-request-history' data-count={view.events.length}>
      {view.events.map((e, i) => (
        <View key={`${e.createdAt}-${i}`} className='admin-privacy-history__item' data-testid='admin-privacy-request-event' data-kind={e.kind}>
          <View className={`admin-privacy-history__dot admin-privacy-history__dot--${e.kind}`} />
          <View className='admin-privacy-history__body'>
            <View className='admin-privacy-history__head'>
              <Text className='admin-privacy__strong'>{PRIVACY_REQUEST_EVENT_LABELS[e.kind]}</Text>
              <Text className='admin-privacy__muted'>
                {PRIVACY_EVENT_BY_LABELS[e.by]} · {formatShanghai(e.createdAt)}
              </Text>
            </View>
            {e.note ? <Text className='admin-privacy-history__note'>{e.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}

/** 拒绝理由: one of the legal grounds, each with its article. */
function RefusalReasons({ value, error, onChange }: { value: RefusalReason | null; error?: string; onChange: (r: RefusalReason) => void }) {
  return (
    <View className='admin-privacy__stack'>
      <Text className='admin-privacy__label admin-privacy__label--required'>法定理由</Text>
      <View className='admin-privacy-reasons' data-testid='admin-privacy-refusal-reasons'>
        {REFUSAL_REASONS.map((r) => (
          <View
            key={r}
            className={`admin-privacy-reason${value === r ? ' admin-privacy-reason--active' : ''}`}
            onClick={() => onChange(r)}
            data-testid='admin-privacy-refusal-option'
            data-key={r}
            data-selected={value === r ? 'true' : 'false'}
          >
            <View className='admin-privacy-reason__radio' />
            <View className='admin-privacy__stack'>
              <Text className='admin-privacy-reason__title'>{REFUSAL_REASON_LABELS[r].title}</Text>
              <Text className='admin-privacy-reason__law'>依据：{REFUSAL_REASON_LABELS[r].law}</Text>
            </View>
          </View>
        ))}
      </View>
      {error ? (
        <Text className='admin-privacy__error' data-testid='admin-privacy-refusal-error'>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

/**
 * One request in a drawer (from the right on a desk, from the bottom on a
 * phone): what was asked, by whom, the deadline, the history, and the steps
 * its status allows — 受理, 添加备注, 完成 (with the outcome), 拒绝 (a legal
 * ground and an explanation). Every step is confirmed before it is sent.
 */
export default function RequestDrawer({ row, meId, canAudit, wide, now, onChanged, onStale, onClose }: Props) {
  const open = row !== null
  const [view, setView] = useState<AdminPrivacyRequestView | null>(row)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [mode, setMode] = useState<FormMode | null>(null)
  const [text, setText] = useState('')
  const [reason, setReason] = useState<RefusalReason | null>(null)
  const [errors, setErrors] = useState<{ text?: string; reason?: string; form?: string }>({})
  const [busy, setBusy] = useState<Busy>(null)
  const loadCall = useRef(0)

  const reload = async (id: string) => {
    const call = ++loadCall.current
    setLoadError(null)
    try {
      const fresh = await getPrivacyRequest(id)
      if (call === loadCall.current) setView(fresh)
    } catch (err) {
      if (call !== loadCall.current) return
      if (isStalePrivacyError(err)) onStale()
      setLoadError(err)
    }
  }

  useEffect(() => {
    setView(row)
    setMode(null)
    setErrors({})
    if (row) void reload(row.id)
    else loadCall.current++
  }, [row?.id])

  const close = () => {
    if (!busy) onClose()
  }

  const startForm = (next: FormMode) => {
    setMode(next)
    setText('')
    setReason(null)
    setErrors({})
  }

  /** After a step: show the request as the server now has it; a stale one is reloaded. */
  const fail = (err: unknown, id: string) => {
    if (isStalePrivacyError(err)) {
      void Taro.showToast({ title: privacyActionMessage(err), icon: 'none', duration: 3000 })
      setMode(null)
      onStale()
      void reload(id)
      return
    }
    setErrors({ form: privacyActionMessage(err) })
  }

  const done = (updated: AdminPrivacyRequestView, toast: string) => {
    setView(updated)
    setMode(null)
    setErrors({})
    onChanged(updated)
    void Taro.showToast({ title: toast, icon: 'success' })
  }

  const take = async () => {
    if (!view || busy) return
    const res = await Taro.showModal({
      title: '受理申请',
      content: `受理这条${PRIVACY_REQUEST_TYPE_LABELS[view.type]}申请后由你负责处理，申请人会收到“已受理”的通知。请在 ${formatShanghai(view.dueAt)} 前答复。`,
      confirmText: '受理',
      confirmColor: '#1668dc',
    })
    if (!res.confirm) return
    setBusy('take')
    try {
      done(await takePrivacyRequest(view.id), '已受理')
    } catch (err) {
      fail(err, view.id)
      if (!isStalePrivacyError(err)) void Taro.showToast({ title: privacyActionMessage(err), icon: 'none', duration: 3000 })
    } finally {
      setBusy(null)
    }
  }

  const submit = async () => {
    if (!view || !mode || busy) return
    let confirm: { title: string; content: string; confirmText: string; confirmColor: string }
    if (mode === 'note') {
      const error = checkNote(text)
      if (error) return setErrors({ text: error })
      confirm = { title: '添加备注', content: '备注会展示给申请人，添加后不能修改或删除。确定添加吗？', confirmText: '添加', confirmColor: '#1668dc' }
    } else if (mode === 'complete') {
      const error = checkOutcome(text)
      if (error) return setErrors({ text: error })
      confirm = { title: '完成申请', content: '处理结果将通知申请人，申请随即关闭，不能再修改。确定完成吗？', confirmText: '完成', confirmColor: '#1668dc' }
    } else {
      const found = checkRefusal(reason, text)
      if (found.reason || found.outcome) return setErrors({ reason: found.reason, text: found.outcome })
      confirm = {
        title: '拒绝申请',
        content: `拒绝理由：${reason ? refusalReasonText(reason) : ''}。申请人会收到通知并看到你的说明，申请随即关闭。确定拒绝吗？`,
        confirmText: '拒绝',
        confirmColor: '#f53f3f',
      }
    }
    const res = await Taro.showModal(confirm)
    if (!res.confirm) return
    setBusy(mode)
    try {
      if (mode === 'note') done(await notePrivacyRequest(view.id, text.trim()), '已添加备注')
      else if (mode === 'complete') done(await completePrivacyRequest(view.id, text.trim()), '已完成')
      else if (reason) done(await refusePrivacyRequest(view.id, reason, text.trim()), '已拒绝')
    } catch (err) {
      fail(err, view.id)
    } finally {
      setBusy(null)
    }
  }

  const steps = view ? stepsFor(view.status) : null
  const form = mode ? FORM_TEXT[mode] : null
  const locked = busy !== null

  return (
    <Popup
      visible={open}
      position={wide ? 'right' : 'bottom'}
      round={!wide}
      closeable
      closeOnOverlayClick={!busy}
      onClose={close}
      className={wide ? 'admin-privacy-drawer-popup admin-privacy-drawer-popup--wide' : 'admin-privacy-drawer-popup'}
    >
      {view ? (
        <View className='admin-privacy-drawer' data-testid='admin-privacy-request-drawer' data-id={view.id} data-status={view.status}>
          <View className='admin-privacy-drawer__head'>
            <Text className='admin-privacy-drawer__title'>{PRIVACY_REQUEST_TYPE_LABELS[view.type]}申请</Text>
            <RequestStatus view={view} />
          </View>

          {loadError ? <PageError error={loadError} onRetry={() => void reload(view.id)} /> : null}

          <View className='admin-privacy-drawer__facts'>
            <View className='admin-privacy-drawer__fact'>
              <Text className='admin-privacy__label'>类型</Text>
              <RequestType view={view} law />
            </View>
            <View className='admin-privacy-drawer__fact'>
              <Text className='admin-privacy__label'>申请人</Text>
              <View className='admin-privacy__stack'>
                <Requester view={view} />
                {canAudit ? (
                  <Text
                    className='admin-privacy__link'
                    onClick={() => void Taro.navigateTo({ url: `${ROUTES.adminAccessLog}?subject=${encodeURIComponent(view.user.id)}` })}
                    data-testid='admin-privacy-request-access-log'
                  >
                    查看此人的个人信息访问记录 ›
                  </Text>
                ) : null}
              </View>
            </View>
            <View className='admin-privacy-drawer__fact'>
              <Text className='admin-privacy__label'>收到时间</Text>
              <Text>{formatShanghai(view.createdAt)}（已核验手机号）</Text>
            </View>
            <View className='admin-privacy-drawer__fact'>
              <Text className='admin-privacy__label'>答复期限</Text>
              <DueInfo view={view} now={now} />
            </View>
            <View className='admin-privacy-drawer__fact'>
              <Text className='admin-privacy__label'>处理人</Text>
              <Text data-testid='admin-privacy-request-handler'>
                {view.handledById === null ? '尚未受理' : view.handledById === meId ? '我' : '其他管理员'}
              </Text>
            </View>
          </View>

          <View className='admin-privacy-drawer__block'>
            <Text className='admin-privacy__label'>申请内容</Text>
            <Text className='admin-privacy-drawer__details' data-testid='admin-privacy-request-details'>
              {view.details}
            </Text>
          </View>

          {view.outcome || view.refusalReason ? (
            <View className={`admin-privacy-drawer__outcome${view.status === 'refused' ? ' admin-privacy-drawer__outcome--refused' : ''}`} data-testid='admin-privacy-request-outcome'>
              <Text className='admin-privacy__strong'>{view.status === 'refused' ? '拒绝理由' : '处理结果'}</Text>
              {view.refusalReason ? (
                <Text className='admin-privacy-drawer__reason' data-testid='admin-privacy-request-refusal' data-reason={view.refusalReason}>
                  {refusalReasonText(view.refusalReason)}
                </Text>
              ) : null}
              {view.outcome ? <Text>{view.outcome}</Text> : null}
              {view.closedAt ? <Text className='admin-privacy__muted'>办结于 {formatShanghai(view.closedAt)}</Text> : null}
            </View>
          ) : null}

          <View className='admin-privacy-drawer__block'>
            <Text className='admin-privacy__label'>处理记录</Text>
            <History view={view} />
          </View>

          {steps && !mode && (steps.take || steps.note || steps.complete || steps.refuse) ? (
            <View className='admin-privacy-drawer__actions' data-testid='admin-privacy-request-actions'>
              {steps.take ? (
                <Button type='primary' loading={busy === 'take'} disabled={locked} onClick={() => void take()} data-testid='admin-privacy-request-take'>
                  受理
                </Button>
              ) : null}
              {steps.complete ? (
                <Button type='primary' disabled={locked} onClick={() => startForm('complete')} data-testid='admin-privacy-request-complete'>
                  完成
                </Button>
              ) : null}
              {steps.note ? (
                <Button fill='outline' type='primary' disabled={locked} onClick={() => startForm('note')} data-testid='admin-privacy-request-note'>
                  添加备注
                </Button>
              ) : null}
              {steps.refuse ? (
                <Button fill='outline' type='danger' disabled={locked} onClick={() => startForm('refuse')} data-testid='admin-privacy-request-refuse'>
                  拒绝
                </Button>
              ) : null}
              {steps.take ? <Text className='admin-privacy__muted'>受理后才能完成或拒绝。</Text> : null}
            </View>
          ) : null}

          {mode && form ? (
            <View className='admin-privacy-form' data-testid='admin-privacy-request-form' data-mode={mode}>
              <Text className='admin-privacy-form__title'>{form.title}</Text>
              <Text className='admin-privacy__muted'>{form.hint}</Text>
              {mode === 'refuse' ? (
                <RefusalReasons
                  value={reason}
                  error={errors.reason}
                  onChange={(r) => {
                    setReason(r)
                    setErrors((e) => ({ ...e, reason: undefined, form: undefined }))
                  }}
                />
              ) : null}
              {mode === 'refuse' ? <Text className='admin-privacy__label admin-privacy__label--required'>向申请人说明</Text> : null}
              <View className={`admin-privacy-form__field${errors.text ? ' admin-privacy-form__field--error' : ''}`} data-testid='admin-privacy-request-form-text'>
                <Textarea
                  className='admin-privacy-form__textarea'
                  placeholder={form.placeholder}
                  maxlength={form.maxlength}
                  value={text}
                  onInput={(e) => {
                    setText(e.detail.value)
                    setErrors((er) => ({ ...er, text: undefined, form: undefined }))
                  }}
                />
              </View>
              {errors.text ? (
                <Text className='admin-privacy__error' data-testid='admin-privacy-request-form-text-error'>
                  {errors.text}
                </Text>
              ) : null}
              {errors.form ? (
                <Text className='admin-privacy__error' data-testid='admin-privacy-request-form-error'>
                  {errors.form}
                </Text>
              ) : null}
              <SheetActions
                block='admin-privacy-form'
                confirmText={form.confirm}
                confirmType={mode === 'refuse' ? 'danger' : 'primary'}
                busy={busy === mode}
                onCancel={() => {
                  setMode(null)
                  setErrors({})
                }}
                onConfirm={() => void submit()}
                cancelTestId='admin-privacy-request-form-cancel'
                confirmTestId='admin-privacy-request-form-confirm'
              />
            </View>
          ) : null}
        </View>
      ) : null}
    </Popup>
  )
}
