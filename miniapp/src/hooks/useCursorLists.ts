import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { messageOf } from '../services/errors.zh'

export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

/** One keyset-paged list (a tab, a filter) as a page shows it. */
export interface CursorList<T> {
  phase: 'idle' | 'loading' | 'ready' | 'error'
  items: T[]
  nextCursor: string | null
  error?: unknown
  /** A quiet reload (pull-down, page shown again) is under way; the items stay on screen. */
  refreshing: boolean
  loadingMore: boolean
  moreError?: string
}

const EMPTY: CursorList<never> = { phase: 'idle', items: [], nextCursor: null, refreshing: false, loadingMore: false }

export interface CursorLists<T> {
  get: (key: string) => CursorList<T>
  /** First page. `quiet` keeps a shown list on screen while it reloads (errors then toast). */
  load: (key: string, options?: { quiet?: boolean }) => Promise<void>
  /** Next page by cursor; duplicates (rows that moved between pages) are dropped. */
  loadMore: (key: string) => Promise<void>
  /** Change a loaded list in place (a decided item leaves its queue). */
  update: (key: string, change: (items: T[]) => T[]) => void
  /** Forget lists so they load again when next shown; `keep` survives. */
  reset: (keep?: string) => void
}

/**
 * Several cursor-paged lists under one roof (the tabs of a queue, the filters
 * of a list). The newest load of a list wins: an older answer is dropped.
 */
export function useCursorLists<T>(
  fetchPage: (key: string, cursor?: string) => Promise<CursorPage<T>>,
  idOf: (item: T) => string,
): CursorLists<T> {
  const [lists, setLists] = useState<Record<string, CursorList<T>>>({})
  const current = useRef(lists)
  current.current = lists
  const generation = useRef<Record<string, number>>({})
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const idRef = useRef(idOf)
  idRef.current = idOf

  const patch = (key: string, change: Partial<CursorList<T>>) =>
    setLists((all) => ({ ...all, [key]: { ...(all[key] ?? EMPTY), ...change } }))

  const load = useCallback(async (key: string, options: { quiet?: boolean } = {}) => {
    const gen = (generation.current[key] ?? 0) + 1
    generation.current[key] = gen
    const shown = current.current[key]
    const quiet = Boolean(options.quiet && shown && shown.phase === 'ready')
    if (quiet) patch(key, { refreshing: true })
    else setLists((all) => ({ ...all, [key]: { ...EMPTY, phase: 'loading' } }))
    try {
      const page = await fetchRef.current(key)
      if (gen !== generation.current[key]) return
      setLists((all) => ({ ...all, [key]: { ...EMPTY, phase: 'ready', items: page.items, nextCursor: page.nextCursor } }))
    } catch (error) {
      if (gen !== generation.current[key]) return
      if (quiet) {
        patch(key, { refreshing: false })
        void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 2500 })
      } else {
        setLists((all) => ({ ...all, [key]: { ...EMPTY, phase: 'error', error } }))
      }
    }
  }, [])

  const loadMore = useCallback(async (key: string) => {
    const list = current.current[key]
    if (!list || list.phase !== 'ready' || !list.nextCursor || list.loadingMore || list.refreshing) return
    const gen = generation.current[key]
    patch(key, { loadingMore: true, moreError: undefined })
    try {
      const page = await fetchRef.current(key, list.nextCursor)
      if (gen !== generation.current[key]) return
      setLists((all) => {
        const before = all[key] ?? EMPTY
        const seen = new Set(before.items.map((i) => idRef.current(i)))
        const items = [...before.items, ...page.items.filter((i) => !seen.has(idRef.current(i)))]
        return { ...all, [key]: { ...before, items, nextCursor: page.nextCursor, loadingMore: false } }
      })
    } catch (error) {
      if (gen === generation.current[key]) patch(key, { loadingMore: false, moreError: messageOf(error) })
    }
  }, [])

  const update = useCallback((key: string, change: (items: T[]) => T[]) => {
    setLists((all) => {
      const list = all[key]
      return list ? { ...all, [key]: { ...list, items: change(list.items) } } : all
    })
  }, [])

  const reset = useCallback((keep?: string) => {
    for (const key of Object.keys(current.current)) {
      if (key !== keep) generation.current[key] = (generation.current[key] ?? 0) + 1
    }
    setLists((all) => (keep !== undefined && all[keep] ? { [keep]: all[keep] } : {}))
  }, [])

  const get = (key: string): CursorList<T> => lists[key] ?? EMPTY
  return { get, load, loadMore, update, reset }
}
