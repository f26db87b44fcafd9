import { useState } from 'react'
import type { LogFilterErrors, LogFilters, LogQuery, LogQueryResult } from '../services/log-search'
import type { CursorPage } from './useCursorLists'
import { useKeysetList, useListPageEvents } from './useKeysetList'

/**
 * The form side of a log search, as the filter card (components/LogFilters) uses it.
 * Methods, not function properties: a page's own filters (a narrower `action`) fit
 * where LogFilters is asked for.
 */
export interface LogSearchForm<F extends LogFilters = LogFilters> {
  form: F
  errors: LogFilterErrors
  /** The shown search is reloading (查询 spins). */
  searching: boolean
  search(filters: F): void
  change(patch: Partial<F>): void
  /** 重置: the whole log. */
  reset(): void
}

interface Options<F extends LogFilters, Q extends LogQuery, T> {
  empty: F
  /** The form as the page opens (a link may name the actor or the subject). */
  initial: () => F
  queryOf: (filters: F) => LogQueryResult<Q>
  fetchPage: (query: Q, cursor?: string) => Promise<CursorPage<T>>
  idOf: (row: T) => string
  wide: boolean
  /** Another search replaces the shown one (not called when the same search reloads). */
  onNewSearch?: () => void
}

/**
 * The search of an append-only log page (管理操作日志, 个人信息访问日志): the
 * form as typed with its field errors, the search the rows were found by, and
 * the keyset list of those rows (pull down to reload, scroll on for more on a phone).
 */
export function useLogSearch<F extends LogFilters, Q extends LogQuery, T>({ empty, initial, queryOf, fetchPage, idOf, wide, onNewSearch }: Options<F, Q, T>) {
  const [form, setForm] = useState<F>(initial)
  const [errors, setErrors] = useState<LogFilterErrors>({})
  const [applied, setApplied] = useState<{ filters: F; query: Q }>(() => {
    const found = queryOf(form)
    // A link that cannot be searched by opens the whole log (the form still shows it, with its errors once searched).
    return found.query ? { filters: form, query: found.query } : { filters: empty, query: {} as Q }
  })

  const keyset = useKeysetList<T>(JSON.stringify(applied.query), (key, cursor) => fetchPage(JSON.parse(key) as Q, cursor), idOf)
  useListPageEvents(keyset, wide)

  /** Searches by these filters (the form shows them); a repeat of the shown search reloads it. */
  const search = (filters: F) => {
    setForm(filters)
    const found = queryOf(filters)
    if (found.errors) {
      setErrors(found.errors)
      return
    }
    setErrors({})
    if (JSON.stringify(found.query) === keyset.key) void keyset.refresh()
    else {
      keyset.lists.reset()
      onNewSearch?.()
      setApplied({ filters, query: found.query })
    }
  }

  /** Typing: the field's error (a date's, on 结束日期) goes until the next search. */
  const change = (patch: Partial<F>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((k) => [k === 'from' ? 'to' : k, undefined])) }))
  }

  return { form, errors, searching: keyset.list.refreshing, applied, keyset, search, change, reset: () => search(empty) }
}
