import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { REGISTRATION_STATUSES, RejectSchema, type RegistrationQueueItem } from '@shared/schemas/registration.schema'
import ListFooter from '../../../components/ListFooter'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import QueueTabs from '../../../components/QueueTabs'
import ReasonDialog from '../../../components/ReasonDialog'
import SessionGate from '../../../components/SessionGate'
import StoredImage from '../../../components/StoredImage'
import { useCursorLists } from '../../../hooks/useCursorLists'
import { GENDER_LABELS } from '../../../labels/user.zh'
import {
  approveRegistration,
  listRegistrations,
  rejectRegistration,
  type RegistrationStatus,
} from '../../../services/admin-registrations'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { formatShanghai } from '../../../utils/format'
import '../queue.scss'
import './index.scss'

const TABS: { key: RegistrationStatus; label: string; empty: string }[] = [
  { key: 'pending', label: '待审核', empty: '暂无待审核的注册' },
  { key: 'active', label: '已通过', empty: '暂无已通过的注册' },
  { key: 'rejected', label: '已驳回', empty: '暂无已驳回的注册' },
]

const PAGE_SIZE = 20

function statusOf(key: string): RegistrationStatus {
  return REGISTRATION_STATUSES.find((s) => s === key) ?? 'pending'
}

interface CardProps {
  item: RegistrationQueueItem
  busy?: 'approve' | 'reject'
  onApprove: () => void
  onReject: () => void
}

function Card({ item, busy, onApprove, onReject }: CardProps) {
  return (
    <View className='reg-card' data-testid='admin-reg-card' data-user-id={item.userId}>
      <View className='reg-card__body'>
        {item.badgeFileId ? (
          <StoredImage fileId={item.badgeFileId} alt={`${item.name} 的工牌照片`} testId='admin-reg-badge' />
        ) : (
          <View className='reg-card__nobadge'>
            <Text>无照片</Text>
          </View>
        )}
        <View className='reg-card__info'>
          <View className='reg-card__head'>
            <Text className='reg-card__name' data-testid='admin-reg-name'>
              {item.name}
            </Text>
            <Text className='reg-card__gender'>{GENDER_LABELS[item.gender]}</Text>
            {item.status === 'active' ? <Tag type='success'>已通过</Tag> : null}
            {item.status === 'rejected' ? <Tag type='danger'>已驳回</Tag> : null}
          </View>
          <Text className='reg-card__line'>{item.phone}</Text>
          <Text className='reg-card__line'>
            {item.hospital.name} · {item.department.name}
          </Text>
          <Text className='reg-card__line'>
            {item.position}
            {item.title ? ` / ${item.title}` : ''}
          </Text>
          <Text className='reg-card__time'>提交于 {formatShanghai(item.submittedAt)}</Text>
          {item.decidedAt ? <Text className='reg-card__time'>审核于 {formatShanghai(item.decidedAt)}</Text> : null}
        </View>
      </View>
      {item.status === 'rejected' && item.rejectionReason ? (
        <Text className='reg-card__reason'>驳回原因：{item.rejectionReason}</Text>
      ) : null}
      {item.status === 'pending' ? (
        <View className='reg-card__actions'>
          <Button size='small' fill='outline' type='danger' loading={busy === 'reject'} disabled={Boolean(busy)} onClick={onReject} data-testid='admin-reg-reject'>
            驳回
          </Button>
          <Button size='small' type='primary' loading={busy === 'approve'} disabled={Boolean(busy)} onClick={onApprove} data-testid='admin-reg-approve'>
            通过
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function Review() {
  const [tab, setTab] = useState<RegistrationStatus>('pending')
  const [busy, setBusy] = useState<Record<string, 'approve' | 'reject'>>({})
  const [rejecting, setRejecting] = useState<RegistrationQueueItem | null>(null)
  const lists = useCursorLists<RegistrationQueueItem>(
    (key, cursor) => listRegistrations(statusOf(key), cursor, PAGE_SIZE),
    (item) => item.userId,
  )
  const list = lists.get(tab)

  useEffect(() => {
    if (lists.get(tab).phase === 'idle') void lists.load(tab)
  }, [tab, list.phase])

  usePullDownRefresh(() => {
    void lists.load(tab).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(tab))

  /** A decided item leaves the pending list; the other tabs reload when next opened. */
  const settle = (item: RegistrationQueueItem) => {
    lists.reset('pending')
    lists.update('pending', (items) => items.filter((i) => i.userId !== item.userId))
  }

  const setItemBusy = (userId: string, kind?: 'approve' | 'reject') =>
    setBusy((all) => {
      const next = { ...all }
      if (kind) next[userId] = kind
      else delete next[userId]
      return next
    })

  const failed = (err: unknown) => {
    // Another reviewer got there first: show the queue as it is now.
    if (isApiError(err) && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) {
      void Taro.showToast({ title: '该申请已被处理，列表已刷新', icon: 'none', duration: 2500 })
      void lists.load('pending')
      return
    }
    void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 2500 })
  }

  const approve = async (item: RegistrationQueueItem) => {
    if (busy[item.userId]) return
    const res = await Taro.showModal({
      title: '通过注册',
      content: `确认通过 ${item.name}（${item.hospital.name} · ${item.department.name}）的注册？通过后对方即可使用报修等功能。`,
      confirmText: '确认通过',
      confirmColor: '#1668dc',
    })
    if (!res.confirm) return
    setItemBusy(item.userId, 'approve')
    try {
      const decided = await approveRegistration(item.userId)
      settle(decided)
      void Taro.showToast({ title: '已通过', icon: 'success' })
    } catch (err) {
      failed(err)
    } finally {
      setItemBusy(item.userId)
    }
  }

  const openReject = (item: RegistrationQueueItem) => {
    if (!busy[item.userId]) setRejecting(item)
  }

  const submitReject = async (reason: string): Promise<string | undefined> => {
    const item = rejecting
    if (!item) return undefined
    const parsed = RejectSchema.safeParse({ reason })
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请填写驳回原因'
    setItemBusy(item.userId, 'reject')
    try {
      const decided = await rejectRegistration(item.userId, parsed.data.reason)
      settle(decided)
      setRejecting(null)
      void Taro.showToast({ title: '已驳回', icon: 'success' })
      return undefined
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) return err.fieldErrors[0]?.message ?? messageOf(err)
      setRejecting(null)
      failed(err)
      return undefined
    } finally {
      setItemBusy(item.userId)
    }
  }

  const pending = lists.get('pending')
  const tabs = TABS.map((t) => ({
    key: t.key,
    label: t.label,
    count: t.key === 'pending' && pending.phase === 'ready' && pending.items.length > 0 ? `${pending.items.length}${pending.nextCursor ? '+' : ''}` : undefined,
  }))
  const meta = TABS.find((t) => t.key === tab) ?? TABS[0]!
  return (
    <View className='admin-queue'>
      <QueueTabs tabs={tabs} active={tab} onChange={setTab} testId='admin-reg-tabs' tabTestIdPrefix='admin-tab-' />

      <View className='admin-queue__content'>
        {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
        {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void lists.load(tab)} /> : null}
        {list.phase === 'ready' && list.items.length === 0 ? (
          <PageEmpty title={meta.empty} description={tab === 'pending' ? '新的注册申请会出现在这里' : undefined} />
        ) : null}
        {list.phase === 'ready' && list.items.length > 0 ? (
          <View className='admin-queue__list' data-testid='admin-reg-list'>
            {list.items.map((item) => (
              <Card
                key={item.userId}
                item={item}
                busy={busy[item.userId]}
                onApprove={() => void approve(item)}
                onReject={() => openReject(item)}
              />
            ))}
          </View>
        ) : null}
        <ListFooter list={list} onMore={() => void lists.loadMore(tab)} testId='admin-load-more' />
      </View>

      <ReasonDialog
        open={rejecting !== null}
        title={rejecting ? `驳回 ${rejecting.name} 的注册` : ''}
        hint='原因会展示给申请人，请写明需要修改的内容（2–200 字）。'
        placeholder='如：工牌照片不清晰，请重新拍摄'
        confirmText='确认驳回'
        testIdPrefix='admin-reject'
        onSubmit={submitReject}
        onClose={() => setRejecting(null)}
      />
    </View>
  )
}

/** Admin queue of registrations: review the badge, approve (confirmed) or reject (with a reason). */
export default function RegistrationReview() {
  return (
    <SessionGate className='admin-queue' permission='admin.registrations' denied={{ title: '没有访问权限', description: '注册审核仅对管理员开放' }}>
      {() => <Review />}
    </SessionGate>
  )
}
