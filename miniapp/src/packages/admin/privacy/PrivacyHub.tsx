import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import { usePageReload } from '../../../hooks/usePageReload'
import { countText, listRecipients, privacyQueueSummary, type PrivacyQueueSummary, type RecipientView } from '../../../services/admin-privacy'
import { ROUTES } from '../../../routes'
import { useWideLayout } from '../../../utils/layout'
import JobPanel from './JobPanel'
import { RecipientCard } from './RecipientParts'
import RecipientTable from './RecipientTable'

type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'error'; error: unknown }

const go = (url: string) => void Taro.navigateTo({ url })

/** The two numbers the privacy desk watches: open requests and, in red, those past their 15 days. */
function QueueSummary({ state, onRetry }: { state: Loaded<PrivacyQueueSummary>; onRetry: () => void }) {
  if (state.kind === 'loading') return <PageLoading rows={2} />
  if (state.kind === 'error') return <PageError error={state.error} onRetry={onRetry} />
  const { open, openMore, overdue } = state.value
  return (
    <View className='admin-privacy__stats' data-testid='admin-privacy-summary'>
      <View className='admin-privacy-stat' onClick={() => go(ROUTES.adminPrivacyRequests)} data-testid='admin-privacy-open'>
        <Text className='admin-privacy-stat__value' data-testid='admin-privacy-open-count' data-count={open}>
          {countText(open, openMore)}
        </Text>
        <Text className='admin-privacy-stat__label'>待处理的隐私申请</Text>
        <Text className='admin-privacy-stat__hint'>须在收到后 15 日内答复</Text>
      </View>
      <View
        className={`admin-privacy-stat${overdue > 0 ? ' admin-privacy-stat--danger' : ''}`}
        onClick={() => go(`${ROUTES.adminPrivacyRequests}?filter=overdue`)}
        data-testid='admin-privacy-overdue'
      >
        <Text className='admin-privacy-stat__value' data-testid='admin-privacy-overdue-count' data-count={overdue}>
          {overdue}
        </Text>
        <Text className='admin-privacy-stat__label'>已逾期</Text>
        {overdue > 0 ? (
          <Text className='admin-privacy-stat__flag' data-testid='admin-privacy-overdue-flag'>
            有 {overdue} 条申请已超过 15 日答复期限，请尽快处理
          </Text>
        ) : (
          <Text className='admin-privacy-stat__hint'>没有逾期的申请</Text>
        )}
      </View>
    </View>
  )
}

/**
 * 隐私合规: the privacy desk's start page — the request queue at a glance
 * (overdue in red), the way to 申请处理 and 访问日志, the recipients registry
 * (PIPL Art. 21/23: who receives what under which contract), and the nightly
 * privacy jobs run on demand.
 */
export default function PrivacyHub({ canRunJobs, canAudit }: { canRunJobs: boolean; canAudit: boolean }) {
  const wide = useWideLayout()
  const [summary, setSummary] = useState<Loaded<PrivacyQueueSummary>>({ kind: 'loading' })
  const [recipients, setRecipients] = useState<Loaded<RecipientView[]>>({ kind: 'loading' })
  const calls = useRef({ summary: 0, recipients: 0 })

  const loadSummary = useCallback(async (quiet = false) => {
    const call = ++calls.current.summary
    if (!quiet) setSummary({ kind: 'loading' })
    try {
      const value = await privacyQueueSummary()
      if (call === calls.current.summary) setSummary({ kind: 'ready', value })
    } catch (error) {
      // A quiet refresh keeps the numbers shown.
      if (call === calls.current.summary) setSummary((s) => (quiet && s.kind === 'ready' ? s : { kind: 'error', error }))
    }
  }, [])

  const loadRecipients = useCallback(async (quiet = false) => {
    const call = ++calls.current.recipients
    if (!quiet) setRecipients({ kind: 'loading' })
    try {
      const value = await listRecipients()
      if (call === calls.current.recipients) setRecipients({ kind: 'ready', value })
    } catch (error) {
      if (call === calls.current.recipients) setRecipients((s) => (quiet && s.kind === 'ready' ? s : { kind: 'error', error }))
    }
  }, [])

  const load = useCallback(async (quiet = false) => {
    await Promise.all([loadSummary(quiet), loadRecipients(quiet)])
  }, [loadSummary, loadRecipients])
  usePageReload(load)

  return (
    <View className='admin-privacy' data-testid='admin-privacy-page' data-wide={wide ? 'true' : 'false'}>
      <View className='admin-privacy__inner'>
        <View className='admin-privacy__toolbar'>
          <Text className='admin-privacy__heading'>隐私合规</Text>
          <View className='admin-privacy__grow' />
          <Button fill='outline' size='small' onClick={() => void load(true)} data-testid='admin-privacy-refresh'>
            刷新
          </Button>
        </View>

        <QueueSummary state={summary} onRetry={() => void loadSummary()} />

        <View className='admin-privacy__links'>
          <View className='admin-privacy-link' onClick={() => go(ROUTES.adminPrivacyRequests)} data-testid='admin-privacy-go-requests'>
            <Text className='admin-privacy-link__title'>申请处理 ›</Text>
            <Text className='admin-privacy__muted'>查阅复制、更正、删除、转移、解释说明和投诉：受理、备注、完成或依法拒绝</Text>
          </View>
          {canAudit ? (
            <View className='admin-privacy-link' onClick={() => go(ROUTES.adminAccessLog)} data-testid='admin-privacy-go-access-log'>
              <Text className='admin-privacy-link__title'>访问日志 ›</Text>
              <Text className='admin-privacy__muted'>谁在何时因何查看了谁的工牌照片、完整手机号，导出和经销商查看记录</Text>
            </View>
          ) : null}
        </View>

        <View className='admin-privacy__section' data-testid='admin-privacy-recipients'>
          <View className='admin-privacy__section-head'>
            <Text className='admin-privacy__section-title'>个人信息接收方登记</Text>
            <Text className='admin-privacy__muted'>
              受托经销商按委托协议接收工单联系人等信息（《个人信息保护法》第二十一条、第二十三条）；每次查看都会记入提供记录，用户可在隐私中心查看自己的记录。
            </Text>
          </View>
          {recipients.kind === 'loading' ? <PageLoading rows={3} /> : null}
          {recipients.kind === 'error' ? <PageError error={recipients.error} onRetry={() => void loadRecipients()} /> : null}
          {recipients.kind === 'ready' && recipients.value.length === 0 ? (
            <PageEmpty title='还没有登记的接收方' description='委托经销商后，其协议、目的和提供的信息会在这里列出' />
          ) : null}
          {recipients.kind === 'ready' && recipients.value.length > 0 ? (
            <View data-testid='admin-privacy-recipients-list' data-count={recipients.value.length}>
              {wide ? (
                <RecipientTable items={recipients.value} />
              ) : (
                <View className='admin-privacy__cards'>
                  {recipients.value.map((r) => (
                    <RecipientCard key={r.id} recipient={r} />
                  ))}
                </View>
              )}
            </View>
          ) : null}
        </View>

        {canRunJobs ? (
          <View className='admin-privacy__section'>
            <View className='admin-privacy__section-head'>
              <Text className='admin-privacy__section-title'>运行任务</Text>
              <Text className='admin-privacy__muted'>以下任务每晚自动运行；需要时可立即运行一次，运行记录会保存。</Text>
            </View>
            <JobPanel />
          </View>
        ) : null}
      </View>
    </View>
  )
}
