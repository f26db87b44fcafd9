import { useEffect, useState } from 'react'

/**
 * A list tab's filters in 医院与设备: the search box as typed (`input`) reaches
 * `filters.q`, trimmed, 400 ms after typing stops; the other filters apply at once.
 */
export function usePanelFilters<F extends { q: string }>(initial: F) {
  const [input, setInput] = useState('')
  const [filters, setFilters] = useState<F>(initial)

  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === input.trim() ? f : { ...f, q: input.trim() })), 400)
    return () => clearTimeout(timer)
  }, [input])

  const set = (change: Partial<F>) => setFilters((f) => ({ ...f, ...change }))

  /** 清除筛选: the search box and these filters. */
  const clear = (cleared: Partial<F>) => {
    setInput('')
    set({ ...cleared, q: '' })
  }

  return { input, setInput, filters, set, clear }
}
