import { useEffect, useState } from 'react'
import type * as Contract from './layout'

// H5: one layout rendered at a time (not both hidden by CSS), so a row's test ids exist once on the page.
export const WIDE_MIN_WIDTH: typeof Contract.WIDE_MIN_WIDTH = 1024

const QUERY = `(min-width: ${WIDE_MIN_WIDTH}px)`

function matches(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(QUERY).matches
}

export const useWideLayout: typeof Contract.useWideLayout = () => {
  const [wide, setWide] = useState(matches)
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return undefined
    const mq = window.matchMedia(QUERY)
    const update = () => setWide(mq.matches)
    update()
    // Safari before 14 has only addListener.
    if (typeof mq.addEventListener === 'function') {
      mq.addEventListener('change', update)
      return () => mq.removeEventListener('change', update)
    }
    mq.addListener(update)
    return () => mq.removeListener(update)
  }, [])
  return wide
}
