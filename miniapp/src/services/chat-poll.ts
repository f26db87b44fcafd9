import { isApiError } from './api-error'
import { getMessages, LONG_POLL_SECONDS, type ChatMessagesPage } from './chat'

export type FetchMessages = (chatId: string, query: { after?: string; wait: number }) => Promise<ChatMessagesPage>

export interface MessagePollOptions {
  chatId: string
  /** The newest message id the page already shows. */
  after?: string
  /** Newer messages (often none: a held request timed out) and the conversation as it is now. */
  onPage: (page: ChatMessagesPage) => void
  /** A poll failed; the loop tries again in `retryInMs`. */
  onError?: (error: unknown, retryInMs: number) => void
  /** The loop ended by itself: the conversation is closed, or a retry cannot help (signed out, gone, no access). */
  onEnd?: (reason: 'closed' | 'error', error?: unknown) => void
  waitSeconds?: number
  /** Back-off after failures: initialMs, doubled per failure in a row, at most maxMs. */
  backoff?: { initialMs?: number; maxMs?: number }
  /** An empty answer faster than this is followed by a pause, so a server that does not hold cannot make the loop spin. */
  minIntervalMs?: number
  fetchMessages?: FetchMessages
}

export interface MessagePoll {
  /** Stops for good (page hidden or left); an answer still under way is ignored. */
  stop(): void
  /** Cuts a back-off pause short (the user tapped 重试, the network came back). */
  wake(): void
  /** The newest message id the loop has delivered. */
  readonly after: string | undefined
  readonly stopped: boolean
}

const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 30_000 }

/** 1 s, 2 s, 4 s … up to the cap: the wait after `failures` failures in a row. */
export function backoffDelay(failures: number, initialMs = DEFAULT_BACKOFF.initialMs, maxMs = DEFAULT_BACKOFF.maxMs): number {
  if (failures <= 0) return 0
  return Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 20))
}

/** Errors a retry cannot fix: the session ended, the conversation is gone or not this user's, a malformed id. */
export function isFatalPollError(error: unknown): boolean {
  return isApiError(error) && ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'CONSENT_REQUIRED', 'RECONSENT_REQUIRED'].includes(error.code)
}

/**
 * Keeps a conversation current by long-polling `GET /chats/:id/messages?after=&wait=`:
 * each answer moves `after` to its last message and the next request goes
 * out at once; failures back off (1 s, 2 s, 4 s … 30 s, or the server's
 * Retry-After) and retry until the page stops the loop.
 */
export function startMessagePoll(options: MessagePollOptions): MessagePoll {
  const fetchMessages: FetchMessages = options.fetchMessages ?? ((chatId, query) => getMessages(chatId, query))
  const wait = options.waitSeconds ?? LONG_POLL_SECONDS
  const initialMs = options.backoff?.initialMs ?? DEFAULT_BACKOFF.initialMs
  const maxMs = options.backoff?.maxMs ?? DEFAULT_BACKOFF.maxMs
  const minIntervalMs = options.minIntervalMs ?? 1000
  let after = options.after
  let stopped = false
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let wakeUp: (() => void) | undefined

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = () => {
        if (timer !== undefined) clearTimeout(timer)
        timer = undefined
        wakeUp = undefined
        resolve()
      }
      timer = setTimeout(() => wakeUp?.(), ms)
    })

  const end = (reason: 'closed' | 'error', error?: unknown) => {
    stopped = true
    options.onEnd?.(reason, error)
  }

  const run = async () => {
    while (!stopped) {
      const started = Date.now()
      let page: ChatMessagesPage
      try {
        page = await fetchMessages(options.chatId, { after, wait })
      } catch (error) {
        if (stopped) return
        if (isFatalPollError(error)) return end('error', error)
        failures += 1
        const retryAfter = isApiError(error) && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0
        const delay = Math.max(backoffDelay(failures, initialMs, maxMs), retryAfter)
        options.onError?.(error, delay)
        await pause(delay)
        continue
      }
      if (stopped) return
      failures = 0
      const last = page.items[page.items.length - 1]
      if (last) after = last.id
      try {
        options.onPage(page)
      } catch {
        // A rendering problem must not end the conversation's updates.
      }
      if (page.chat.status === 'closed') return end('closed')
      const elapsed = Date.now() - started
      if (page.items.length === 0 && elapsed < minIntervalMs) await pause(minIntervalMs - elapsed)
    }
  }
  void run()

  return {
    stop() {
      stopped = true
      wakeUp?.()
    },
    wake() {
      wakeUp?.()
    },
    get after() {
      return after
    },
    get stopped() {
      return stopped
    },
  }
}
