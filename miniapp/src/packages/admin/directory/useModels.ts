import { useCallback, useEffect, useRef, useState } from 'react'
import { listModels, type AdminEquipmentModel } from '../../../services/admin-directory'

export interface ModelsState {
  phase: 'loading' | 'ready' | 'error'
  items: AdminEquipmentModel[]
  error?: unknown
  reload: () => Promise<void>
  /** A model created or edited: replaced in place, or added, then sorted by name. */
  upsert: (model: AdminEquipmentModel) => void
}

const byName = (a: AdminEquipmentModel, b: AdminEquipmentModel) => a.name.localeCompare(b.name, 'zh-CN')

/** The equipment models (a short list) for the 设备型号 tab and the unit filters and form, loaded once for the page. */
export function useModels(): ModelsState {
  const [state, setState] = useState<Pick<ModelsState, 'phase' | 'items' | 'error'>>({ phase: 'loading', items: [] })
  const call = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++call.current
    setState((s) => ({ ...s, phase: s.items.length > 0 ? s.phase : 'loading', error: undefined }))
    try {
      const items = (await listModels()).sort(byName)
      if (mine === call.current) setState({ phase: 'ready', items })
    } catch (error) {
      if (mine === call.current) setState((s) => ({ phase: s.items.length > 0 ? 'ready' : 'error', items: s.items, error }))
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  const upsert = useCallback((model: AdminEquipmentModel) => {
    setState((s) => {
      const exists = s.items.some((m) => m.id === model.id)
      const items = exists ? s.items.map((m) => (m.id === model.id ? model : m)) : [...s.items, model]
      return { ...s, items: items.sort(byName) }
    })
  }, [])

  return { ...state, reload, upsert }
}
