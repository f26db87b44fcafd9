import Taro from '@tarojs/taro'
import { z } from 'zod'

const KEY = 'scopedesk.chatDrafts'
/** Drafts kept at most (the newest): storage never grows with use. */
const MAX = 10

/**
 * Unsent words survive leaving the page (a call comes in, the app is closed):
 * the question on the ask page (`ask`, or `ask:<ticketId>`) and the reply
 * being typed in each conversation (`chat:<id>`). Per user, newest first.
 */
const DraftsSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  items: z.array(z.object({ key: z.string(), text: z.string() })),
})
type Drafts = z.infer<typeof DraftsSchema>

function readAll(userId: string): Drafts['items'] {
  try {
    const parsed = DraftsSchema.safeParse(Taro.getStorageSync(KEY))
    return parsed.success && parsed.data.userId === userId ? parsed.data.items : []
  } catch {
    return []
  }
}

export function readDraft(userId: string, key: string): string {
  return readAll(userId).find((d) => d.key === key)?.text ?? ''
}

/** Saves a non-empty draft; an empty one removes it. */
export function saveDraft(userId: string, key: string, text: string): void {
  try {
    const others = readAll(userId).filter((d) => d.key !== key)
    const items = text.trim() ? [{ key, text }, ...others].slice(0, MAX) : others
    Taro.setStorageSync(KEY, { v: 1, userId, items } satisfies Drafts)
  } catch {
    // Storage full or unavailable: typing still works, only the draft is lost.
  }
}
