import { useEffect } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useCursorLists, type CursorList, type CursorLists, type CursorPage } from './useCursorLists'

/** The list a console shows for its current search (`key`: the search as JSON), with what its buttons do. */
export interface KeysetList<T> {
  key: string
  list: CursorList<T>
  /** Every search's list: `reset` when the search changes. */
  lists: CursorLists<T>
  /** The first page (重试). */
  load: () => Promise<void>
  /** A quiet reload (刷新, the same search again): the rows stay on screen. */
  refresh: () => Promise<void>
  /** 加载更多. */
  more: () => Promise<void>
  /** A row saved elsewhere (a drawer) takes its place in the list. */
  replace: (item: T) => void
  /** A row was added: its place in the sort is the server's to say. This list reloads quietly; other searches load afresh when next shown. */
  added: () => Promise<void>
}

/**
 * The keyset-paged list of a console page or panel: `fetchPage` gets the key
 * back with the cursor. The list loads when first shown (a panel passes
 * `active` while its tab is the one shown).
 */
export function useKeysetList<T>(
  key: string,
  fetchPage: (key: string, cursor?: string) => Promise<CursorPage<T>>,
  idOf: (item: T) => string,
  { active = true }: { active?: boolean } = {},
): KeysetList<T> {
  const lists = useCursorLists<T>(fetchPage, idOf)
  const list = lists.get(key)

  useEffect(() => {
    if (active && list.phase === 'idle') void lists.load(key)
  }, [active, key, list.phase])

  return {
    key,
    list,
    lists,
    load: () => lists.load(key),
    refresh: () => lists.load(key, { quiet: true }),
    more: () => lists.loadMore(key),
    replace: (item) => lists.update(key, (items) => items.map((i) => (idOf(i) === idOf(item) ? item : i))),
    added: () => {
      lists.reset(key)
      return lists.load(key, { quiet: true })
    },
  }
}

/**
 * A whole page's list: pulling down reloads it quietly; on a phone the next
 * page comes by scrolling (the desk table keeps its 加载更多 button).
 */
export function useListPageEvents(keyset: Pick<KeysetList<unknown>, 'refresh' | 'more'>, wide: boolean) {
  usePullDownRefresh(() => {
    void keyset.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!wide) void keyset.more()
  })
}
