import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { QueueTab } from '../components/QueueTabs'
import { isApiError } from '../services/api-error'
import { messageOf } from '../services/errors.zh'
import { useCursorLists, type CursorList, type CursorLists, type CursorPage } from './useCursorLists'

export type Decision = 'approve' | 'reject'

/** A tab of a review queue; the first one is the pending queue and opens first. */
export interface ReviewTab<K extends string> {
  key: K
  label: string
  /** The empty state's title on this tab. */
  empty: string
}

/** What the reject dialog checks a reason against (a zod schema of `{ reason }`). */
interface ReasonCheck {
  safeParse: (value: { reason: string }) => { success: true; data: { reason: string } } | { success: false; error: { issues: { message: string }[] } }
}

interface Options<T, K extends string> {
  tabs: readonly ReviewTab<K>[]
  fetchPage: (status: K, cursor?: string) => Promise<CursorPage<T>>
  idOf: (item: T) => string
  /** Rejecting: the reason's schema and the call that decides the item. */
  reject: { schema: ReasonCheck; call: (item: T, reason: string) => Promise<T> }
}

export interface ReviewQueue<T, K extends string> {
  tab: K
  setTab: (key: K) => void
  /** The open tab's list. */
  list: CursorList<T>
  lists: CursorLists<T>
  /** The open tab's definition. */
  meta: ReviewTab<K>
  /** The tabs with the pending count (`12+` while more pages exist). */
  queueTabs: QueueTab<K>[]
  busy: Record<string, Decision>
  /** Asks to confirm, then approves; the item leaves the pending queue. */
  approve: (item: T, confirm: { title: string; content: string; confirmText: string }, call: () => Promise<T>) => Promise<void>
  /** Opens the reject dialog for an item that is not being decided. */
  openReject: (item: T) => void
  rejecting: T | null
  /** `open`, `onSubmit` and `onClose` of the ReasonDialog that asks for the reason. */
  rejectDialog: { open: boolean; onSubmit: (reason: string) => Promise<string | undefined>; onClose: () => void }
}

/**
 * The plumbing of an admin review queue (registrations, access requests):
 * tabs by status over cursor-paged lists, pull-down and reach-bottom paging,
 * per-item busy state, approve (confirmed) and reject (with a reason), and
 * the refresh when another reviewer decided the item first.
 */
export function useReviewQueue<T, K extends string>({ tabs, fetchPage, idOf, reject }: Options<T, K>): ReviewQueue<T, K> {
  const pendingKey = tabs[0]!.key
  const [tab, setTab] = useState<K>(pendingKey)
  const [busy, setBusy] = useState<Record<string, Decision>>({})
  const [rejecting, setRejecting] = useState<T | null>(null)
  const statusOf = (key: string): K => tabs.find((t) => t.key === key)?.key ?? pendingKey
  const lists = useCursorLists<T>((key, cursor) => fetchPage(statusOf(key), cursor), idOf)
  const list = lists.get(tab)

  useEffect(() => {
    if (lists.get(tab).phase === 'idle') void lists.load(tab)
  }, [tab, list.phase])

  usePullDownRefresh(() => {
    void lists.load(tab).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(tab))

  /** A decided item leaves the pending list; the other tabs reload when next opened. */
  const settle = (item: T) => {
    lists.reset(pendingKey)
    lists.update(pendingKey, (items) => items.filter((i) => idOf(i) !== idOf(item)))
  }

  const setItemBusy = (id: string, kind?: Decision) =>
    setBusy((all) => {
      const next = { ...all }
      if (kind) next[id] = kind
      else delete next[id]
      return next
    })

  const failed = (err: unknown) => {
    // Another reviewer got there first: show the queue as it is now.
    if (isApiError(err) && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) {
      void Taro.showToast({ title: '该申请已被处理，列表已刷新', icon: 'none', duration: 2500 })
      void lists.load(pendingKey)
      return
    }
    void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 2500 })
  }

  const approve: ReviewQueue<T, K>['approve'] = async (item, confirm, call) => {
    const id = idOf(item)
    if (busy[id]) return
    const res = await Taro.showModal({ ...confirm, confirmColor: '#1668dc' })
    if (!res.confirm) return
    setItemBusy(id, 'approve')
    try {
      settle(await call())
      void Taro.showToast({ title: '已通过', icon: 'success' })
    } catch (err) {
      failed(err)
    } finally {
      setItemBusy(id)
    }
  }

  const openReject = (item: T) => {
    if (!busy[idOf(item)]) setRejecting(item)
  }

  const submitReject = async (reason: string): Promise<string | undefined> => {
    const item = rejecting
    if (!item) return undefined
    const parsed = reject.schema.safeParse({ reason })
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请填写驳回原因'
    const id = idOf(item)
    setItemBusy(id, 'reject')
    try {
      settle(await reject.call(item, parsed.data.reason))
      setRejecting(null)
      void Taro.showToast({ title: '已驳回', icon: 'success' })
      return undefined
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) return err.fieldErrors[0]?.message ?? messageOf(err)
      setRejecting(null)
      failed(err)
      return undefined
    } finally {
      setItemBusy(id)
    }
  }

  const pending = lists.get(pendingKey)
  const queueTabs = tabs.map((t) => ({
    key: t.key,
    label: t.label,
    count: t.key === pendingKey && pending.phase === 'ready' && pending.items.length > 0 ? `${pending.items.length}${pending.nextCursor ? '+' : ''}` : undefined,
  }))
  const meta = tabs.find((t) => t.key === tab) ?? tabs[0]!

  return {
    tab,
    setTab,
    list,
    lists,
    meta,
    queueTabs,
    busy,
    approve,
    openReject,
    rejecting,
    rejectDialog: { open: rejecting !== null, onSubmit: submitReject, onClose: () => setRejecting(null) },
  }
}
