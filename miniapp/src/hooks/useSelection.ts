import { useState } from 'react'

/** The ticked rows of a ConsoleTable (ids), for its bulk actions. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  /** The table's 全选 box: ticks or unticks the rows shown. */
  const toggleAll = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s)
      for (const id of ids) {
        if (on) next.add(id)
        else next.delete(id)
      }
      return next
    })

  const clear = () => setSelected(new Set())

  return { selected, toggle, toggleAll, clear }
}
