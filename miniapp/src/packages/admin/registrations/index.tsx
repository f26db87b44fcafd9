import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Popup, Tag } from '@nutui/nutui-react-taro'
import { RejectSchema, type RegistrationQueueItem } from '@shared/schemas/registration.schema'
import { PageEmpty, PageError, PageLoading, PageNeedLogin } from '../../../components/PageState'
import StoredImage from '../../../components/StoredImage'
import { GENDER_LABELS } from '../../../labels/user.zh'
import {
  approveRegistration,
  listRegistrations,
  rejectRegistration,
  type RegistrationStatus,
} from '../../../services/admin-registrations'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { hasPermission, loadSession, useSession } from '../../../stores/session'
import { formatShanghai } from '../../../utils/format'
import { ROUTES } from '../../../routes'
import './index.scss'

const TABS: { key: RegistrationStatus; label: string; empty: string }[] = [
  { key: 'pending', label: '待审核', empty: '暂无待审核的注册' },
  { key: 'active', label: '已通过', empty: '暂无已通过的注册' },
  { key: 'rejected', label: '已驳回', empty: '暂无已驳回的注册' },
]

const PAGE_SIZE = 20

interface List {
  phase: 'idle' | 'loading' | 'ready' | 'error'
  items: RegistrationQueueItem[]
  nextCursor: string | null
  error?: unknown
  loadingMore: boolean
  moreError?: string
}

const EMPTY_LIST: List = { phase: 'idle', items: [], nextCursor: null, loadingMore: false }

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
  const [lists, setLists] = useState<Record<RegistrationStatus, List>>({ pending: EMPTY_LIST, active: EMPTY_LIST, rejected: EMPTY_LIST })
  const [busy, setBusy] = useState<Record<string, 'approve' | 'reject'>>({})
  const [rejecting, setRejecting] = useState<RegistrationQueueItem | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string>()
  const [rejectSubmitting, setRejectSubmitting] = useState(false)
  // The newest load per tab wins; an older answer is dropped.
  const generation = useRef<Record<RegistrationStatus, number>>({ pending: 0, active: 0, rejected: 0 })

  const patch = (key: RegistrationStatus, change: Partial<List>) => setLists((all) => ({ ...all, [key]: { ...all[key], ...change } }))

  const load = useCallback(async (key: RegistrationStatus) => {
    const gen = ++generation.current[key]
    setLists((all) => ({ ...all, [key]: { ...all[key], phase: 'loading', error: undefined, moreError: undefined } }))
    try {
      const page = await listRegistrations(key, undefined, PAGE_SIZE)
      if (gen === generation.current[key]) {
        setLists((all) => ({ ...all, [key]: { phase: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false } }))
      }
    } catch (error) {
      if (gen === generation.current[key]) setLists((all) => ({ ...all, [key]: { ...all[key], phase: 'error', error } }))
    }
  }, [])

  const loadMore = async () => {
    const list = lists[tab]
    if (list.phase !== 'ready' || !list.nextCursor || list.loadingMore) return
    const key = tab
    const gen = generation.current[key]
    patch(key, { loadingMore: true, moreError: undefined })
    try {
      const page = await listRegistrations(key, list.nextCursor, PAGE_SIZE)
      if (gen !== generation.current[key]) return
      setLists((all) => {
        const seen = new Set(all[key].items.map((i) => i.userId))
        const items = [...all[key].items, ...page.items.filter((i) => !seen.has(i.userId))]
        return { ...all, [key]: { ...all[key], items, nextCursor: page.nextCursor, loadingMore: false } }
      })
    } catch (error) {
      if (gen === generation.current[key]) patch(key, { loadingMore: false, moreError: messageOf(error) })
    }
  }

  useEffect(() => {
    if (lists[tab].phase === 'idle') void load(tab)
  }, [tab, lists, load])

  usePullDownRefresh(() => {
    void load(tab).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void loadMore())

  /** A decided item leaves the pending list; the other tabs reload when next opened. */
  const settle = (item: RegistrationQueueItem) => {
    setLists((all) => ({
      pending: { ...all.pending, items: all.pending.items.filter((i) => i.userId !== item.userId) },
      active: EMPTY_LIST,
      rejected: EMPTY_LIST,
    }))
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
      void load('pending')
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
    if (busy[item.userId]) return
    setReason('')
    setReasonError(undefined)
    setRejecting(item)
  }

  const closeReject = () => {
    if (!rejectSubmitting) setRejecting(null)
  }

  const confirmReject = async () => {
    const item = rejecting
    if (!item || rejectSubmitting) return
    const parsed = RejectSchema.safeParse({ reason })
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message ?? '请填写驳回原因')
      return
    }
    setRejectSubmitting(true)
    setItemBusy(item.userId, 'reject')
    try {
      const decided = await rejectRegistration(item.userId, parsed.data.reason)
      settle(decided)
      setRejecting(null)
      void Taro.showToast({ title: '已驳回', icon: 'success' })
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) setReasonError(err.fieldErrors[0]?.message)
      else {
        setRejecting(null)
        failed(err)
      }
    } finally {
      setRejectSubmitting(false)
      setItemBusy(item.userId)
    }
  }

  const list = lists[tab]
  const meta = TABS.find((t) => t.key === tab) ?? TABS[0]!
  return (
    <View className='admin-reg'>
      <View className='admin-reg__tabs' data-testid='admin-reg-tabs'>
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`admin-reg__tab${t.key === tab ? ' admin-reg__tab--active' : ''}`}
            onClick={() => setTab(t.key)}
            data-testid={`admin-tab-${t.key}`}
          >
            <Text>{t.label}</Text>
            {t.key === 'pending' && lists.pending.phase === 'ready' ? (
              <Text className='admin-reg__count'>{lists.pending.items.length}{lists.pending.nextCursor ? '+' : ''}</Text>
            ) : null}
          </View>
        ))}
      </View>

      <View className='admin-reg__content'>
        {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
        {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void load(tab)} /> : null}
        {list.phase === 'ready' && list.items.length === 0 ? (
          <PageEmpty title={meta.empty} description={tab === 'pending' ? '新的注册申请会出现在这里' : undefined} />
        ) : null}
        {list.phase === 'ready' && list.items.length > 0 ? (
          <View className='admin-reg__list' data-testid='admin-reg-list'>
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
        {list.phase === 'ready' && list.nextCursor ? (
          <View className='admin-reg__more'>
            {list.moreError ? <Text className='admin-reg__more-error'>{list.moreError}</Text> : null}
            <Button fill='outline' loading={list.loadingMore} disabled={list.loadingMore} onClick={() => void loadMore()} data-testid='admin-load-more'>
              {list.moreError ? '重试' : '加载更多'}
            </Button>
          </View>
        ) : null}
        {list.phase === 'ready' && list.items.length > 0 && !list.nextCursor ? <Text className='admin-reg__end'>没有更多了</Text> : null}
      </View>

      <Popup visible={rejecting !== null} position='bottom' round closeOnOverlayClick={!rejectSubmitting} onClose={closeReject}>
        {rejecting ? (
          <View className='reject-dialog' data-testid='admin-reject-dialog'>
            <Text className='reject-dialog__title'>驳回 {rejecting.name} 的注册</Text>
            <Text className='reject-dialog__hint'>原因会展示给申请人，请写明需要修改的内容（2–200 字）。</Text>
            <View className='reject-dialog__field' data-testid='admin-reject-reason'>
              <Textarea
                className='reject-dialog__textarea'
                placeholder='如：工牌照片不清晰，请重新拍摄'
                maxlength={200}
                value={reason}
                onInput={(e) => {
                  setReason(e.detail.value)
                  setReasonError(undefined)
                }}
              />
            </View>
            {reasonError ? (
              <Text className='reject-dialog__error' data-testid='admin-reject-error'>
                {reasonError}
              </Text>
            ) : null}
            <View className='reject-dialog__actions'>
              <View className='reject-dialog__btn'>
                <Button block fill='outline' disabled={rejectSubmitting} onClick={closeReject}>
                  取消
                </Button>
              </View>
              <View className='reject-dialog__btn'>
                <Button block type='danger' loading={rejectSubmitting} disabled={rejectSubmitting} onClick={() => void confirmReject()} data-testid='admin-reject-confirm'>
                  确认驳回
                </Button>
              </View>
            </View>
          </View>
        ) : null}
      </Popup>
    </View>
  )
}

/** Admin queue of registrations: review the badge, approve (confirmed) or reject (with a reason). */
export default function RegistrationReview() {
  const session = useSession()

  useEffect(() => {
    void loadSession()
  }, [])

  if (session.phase === 'loading') {
    return (
      <View className='admin-reg'>
        <PageLoading rows={6} />
      </View>
    )
  }
  if (session.phase === 'anonymous') {
    return (
      <View className='admin-reg'>
        <PageNeedLogin onLogin={() => void Taro.navigateTo({ url: ROUTES.login })} />
      </View>
    )
  }
  if (session.phase === 'error') {
    return (
      <View className='admin-reg'>
        <PageError error={session.error} onRetry={() => void loadSession(true)} />
      </View>
    )
  }
  if (!hasPermission(session, 'admin.registrations')) {
    return (
      <View className='admin-reg'>
        <PageEmpty title='没有访问权限' description='注册审核仅对管理员开放' />
      </View>
    )
  }
  return <Review />
}
