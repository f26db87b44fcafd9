import { useCallback, useEffect, useRef, useState } from 'react'
import type { Health } from '@shared/schemas/health.schema'
import { getHealth } from '../services/health'

export type HealthState =
  | { kind: 'loading' }
  | { kind: 'ready'; health: Health }
  | { kind: 'error'; error: unknown }

export function useHealth(): { state: HealthState; reload: () => Promise<void> } {
  const [state, setState] = useState<HealthState>({ kind: 'loading' })
  // Only the latest call may set state: a slow first answer must not overwrite a retry's.
  const latest = useRef(0)
  const mounted = useRef(true)

  const reload = useCallback(async () => {
    const call = ++latest.current
    setState({ kind: 'loading' })
    try {
      const health = await getHealth()
      if (mounted.current && call === latest.current) setState({ kind: 'ready', health })
    } catch (error) {
      if (mounted.current && call === latest.current) setState({ kind: 'error', error })
    }
  }, [])

  useEffect(() => {
    mounted.current = true
    void reload()
    return () => {
      mounted.current = false
    }
  }, [reload])

  return { state, reload }
}
