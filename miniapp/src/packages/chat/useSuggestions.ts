import { useEffect, useRef, useState } from 'react'
import { getSuggestions, SUGGEST_MIN_CHARS, type Suggestions } from '../../services/chat'

export type SuggestionState =
  | { kind: 'idle' }
  | { kind: 'loading'; last?: Suggestions }
  | { kind: 'ready'; q: string; data: Suggestions }
  | { kind: 'error' }

/** Typing settles this long before suggestions are asked for. */
export const SUGGEST_DEBOUNCE_MS = 400

/**
 * Documents and past answers for the question being typed: asked for 400 ms
 * after typing stops, from two characters on; an older answer that comes
 * back late never replaces a newer one.
 */
export function useSuggestions(question: string): SuggestionState {
  const [state, setState] = useState<SuggestionState>({ kind: 'idle' })
  const latest = useRef(0)
  const q = question.trim()

  useEffect(() => {
    const call = ++latest.current
    if (q.length < SUGGEST_MIN_CHARS) {
      setState({ kind: 'idle' })
      return
    }
    const timer = setTimeout(() => {
      setState((s) => ({ kind: 'loading', last: s.kind === 'ready' ? s.data : s.kind === 'loading' ? s.last : undefined }))
      getSuggestions(q.slice(0, 200))
        .then((data) => call === latest.current && setState({ kind: 'ready', q, data }))
        .catch(() => call === latest.current && setState({ kind: 'error' }))
    }, SUGGEST_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [q])

  return state
}
