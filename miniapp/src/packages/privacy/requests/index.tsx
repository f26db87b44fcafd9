import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PRIVACY_REQUEST_DUE_DAYS } from '@shared/schemas/privacy-requests.schema'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import StatusTag from '../../../components/StatusTag'
import { usePageReload } from '../../../hooks/usePageReload'
import {
  formatDateZh,
  PRIVACY_REQUEST_ACTOR_LABELS,
  PRIVACY_REQUEST_EVENT_LABELS,
  PRIVACY_REQUEST_STATUS_LABELS,
  PRIVACY_REQUEST_STATUS_TAG,
  PRIVACY_REQUEST_TYPE_LABELS,
  REFUSAL_REASON_BASIS,
  REFUSAL_REASON_LABELS,
} from '../../../labels/privacy.zh'
import { messageOf } from '../../../services/errors.zh'
import { listPrivacyRequests, sortRequests, type PrivacyRequestView } from '../../../services/privacy-requests'
import { formatShanghai } from '../../../utils/format'
import { ROUTES } from '../../../routes'
import '../components/parts.scss'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'ready'; items: PrivacyRequestView[] } | { kind: 'error'; error: unknown }

function RequestCard({ request: r, highlighted }: { request: PrivacyRequestView; highlighted: boolean }) {
  const open = r.status === 'received' || r.status === 'in_progress'
  return (
    <View
      className={`pv-card request-card${highlighted ? ' request-card--highlight' : ''}`}
      data-testid='request-item'
      data-id={r.id}
      data-status={r.status}
      data-type={r.type}
    >
      <View className='pv-card__head'>
        <Text className='pv-card__title'>{PRIVACY_REQUEST_TYPE_LABELS[r.type]}申请</Text>
        <StatusTag status={r.status} label={PRIVACY_REQUEST_STATUS_LABELS[r.status]} type={PRIVACY_REQUEST_STATUS_TAG[r.status]} className='request-card__status' testId='request-status' />
      </View>
      <Text className='request-card__details' data-testid='request-details'>
        {r.details}
      </Text>
      <View className='pv-row'>
        <Text className='pv-row__label'>提交时间</Text>
        <Text className='pv-row__value'>{formatShanghai(r.createdAt)}</Text>
      </View>
      {open ? (
        <View className='pv-row'>
          <Text className='pv-row__label'>答复期限</Text>
          <Text className={`pv-row__value${r.overdue ? ' request-card__overdue' : ''}`} data-testid='request-due'>
            {r.overdue ? `已超过答复期限（${formatDateZh(r.dueAt)}），我们正在加紧处理` : `${formatDateZh(r.dueAt)} 前答复`}
          </Text>
        </View>
      ) : (
        <View className='pv-row'>
          <Text className='pv-row__label'>办结时间</Text>
          <Text className='pv-row__value'>{formatShanghai(r.closedAt)}</Text>
        </View>
      )}

      {r.status === 'completed' && r.outcome ? (
        <View className='pv-notice pv-notice--info' data-testid='request-outcome'>
          <Text className='pv-notice__title'>处理结果</Text>
          <Text>{r.outcome}</Text>
        </View>
      ) : null}
      {r.status === 'refused' ? (
        <View className='pv-notice pv-notice--danger' data-testid='request-refusal'>
          <Text className='pv-notice__title'>未予办理的原因</Text>
          {r.refusalReason ? (
            <Text data-testid='request-refusal-reason' data-reason={r.refusalReason}>
              {REFUSAL_REASON_LABELS[r.refusalReason]}（依据：{REFUSAL_REASON_BASIS[r.refusalReason]}）
            </Text>
          ) : null}
          {r.outcome ? <Text>{r.outcome}</Text> : null}
          <Text className='pv-muted'>如有异议，可以再次提交“投诉”申请，或向履行个人信息保护职责的部门投诉、举报。</Text>
        </View>
      ) : null}

      {r.events.length > 0 ? (
        <View className='request-card__history' data-testid='request-history'>
          <Text className='pv-muted'>处理记录</Text>
          <View className='pv-timeline'>
            {r.events.map((e, i) => (
              <View key={`${e.createdAt}-${i}`} className='pv-timeline__item' data-testid='request-event' data-kind={e.kind}>
                <View className={`pv-timeline__dot pv-timeline__dot--${e.kind}`} />
                <View className='pv-timeline__body'>
                  <View className='pv-timeline__head'>
                    <Text className='pv-timeline__title'>
                      {PRIVACY_REQUEST_EVENT_LABELS[e.kind]} · {PRIVACY_REQUEST_ACTOR_LABELS[e.by]}
                    </Text>
                    <Text className='pv-timeline__time'>{formatShanghai(e.createdAt)}</Text>
                  </View>
                  {e.note ? <Text className='pv-timeline__note'>{e.note}</Text> : null}
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}

function Requests() {
  const highlight = useRouter().params.id ?? null
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  const fetch = useCallback(async (quiet = false) => {
    if (!quiet) setLoad({ kind: 'loading' })
    try {
      setLoad({ kind: 'ready', items: sortRequests(await listPrivacyRequests()) })
    } catch (error) {
      if (quiet) void Taro.showToast({ title: messageOf(error), icon: 'none' })
      else setLoad({ kind: 'error', error })
    }
  }, [])
  usePageReload(fetch)

  const newRequest = () => void Taro.navigateTo({ url: ROUTES.privacyRequestNew })

  return (
    <View className='pv-page requests page-narrow' data-testid='requests-page'>
      <View className='pv-notice pv-notice--info'>
        <Text>
          需要人工处理的个人信息事项（更正、删除、转移、解释说明、投诉等）可以在这里提交。我们会在收到后 {PRIVACY_REQUEST_DUE_DAYS} 天内答复，处理进展会通知您。
        </Text>
      </View>
      <Button block type='primary' onClick={newRequest} data-testid='requests-new'>
        提交新申请
      </Button>
      {load.kind === 'loading' ? <PageLoading rows={6} /> : null}
      {load.kind === 'error' ? <PageError error={load.error} onRetry={() => void fetch()} /> : null}
      {load.kind === 'ready' && load.items.length === 0 ? <PageEmpty title='还没有提交过申请' description='查看、导出和更正资料可以直接在“我的数据”中完成，不需要申请。' /> : null}
      {load.kind === 'ready' && load.items.length > 0 ? (
        <View className='requests__list' data-testid='requests-list'>
          {load.items.map((r) => (
            <RequestCard key={r.id} request={r} highlighted={r.id === highlight} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** 个人信息申请: my requests with status, due date, history and the answer (or the legal reason for a refusal). */
export default function RequestsPage() {
  return <SessionGate className='pv-page requests page-narrow'>{() => <Requests />}</SessionGate>
}
