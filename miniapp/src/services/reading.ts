import { reportReading } from './library'

export interface ReadingTracker {
  /** The page was hidden (app to background, another page on top): the clock stops and the time so far is sent. */
  pause(): void
  /** The page is shown again: the clock runs on. */
  resume(): void
  /** The reader left: the final time is sent and the tracker does nothing more. */
  stop(): void
  /** Seconds read so far (visible time only). */
  seconds(): number
}

export interface ReadingOptions {
  documentId: string
  viewId: string
  /** How often the time so far is sent while reading. */
  intervalMs?: number
  now?: () => number
  send?: (documentId: string, viewId: string, seconds: number) => Promise<void>
}

export const READING_REPORT_MS = 15_000

/**
 * Measures how long one opening of a document is actually on screen and
 * reports it: every 15 s while reading, on hiding, and on leaving. The
 * server keeps the largest value, so a lost report is made good by the next;
 * failures are not the reader's concern and are dropped.
 */
export function startReadingTracker({ documentId, viewId, intervalMs = READING_REPORT_MS, now = Date.now, send = reportReading }: ReadingOptions): ReadingTracker {
  let shownMs = 0
  let shownSince: number | null = now()
  let sentSeconds = 0
  let stopped = false
  let timer: ReturnType<typeof setInterval> | undefined

  const seconds = () => Math.floor((shownMs + (shownSince === null ? 0 : now() - shownSince)) / 1000)

  const flush = () => {
    const s = seconds()
    if (s <= sentSeconds) return
    sentSeconds = s
    void send(documentId, viewId, s).catch(() => undefined)
  }

  const startTimer = () => {
    if (timer === undefined) timer = setInterval(flush, intervalMs)
  }
  const stopTimer = () => {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }

  const pause = () => {
    if (stopped || shownSince === null) return
    shownMs += now() - shownSince
    shownSince = null
    stopTimer()
    flush()
  }

  startTimer()
  return {
    pause,
    resume() {
      if (stopped || shownSince !== null) return
      shownSince = now()
      startTimer()
    },
    stop() {
      if (stopped) return
      pause()
      stopped = true
      stopTimer()
    },
    seconds,
  }
}
