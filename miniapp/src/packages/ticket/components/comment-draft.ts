import Taro from '@tarojs/taro'
import { z } from 'zod'

const KEY = 'scopedesk.commentDraft'

/**
 * An unsent note survives leaving the ticket (a call comes in, the app is closed).
 * One draft at a time, for one user and one ticket: storage never grows with use.
 */
const DraftSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  ticketId: z.string(),
  body: z.string(),
  fileIds: z.array(z.string()),
})
type CommentDraft = z.infer<typeof DraftSchema>

export function readCommentDraft(userId: string, ticketId: string): CommentDraft | null {
  try {
    const parsed = DraftSchema.safeParse(Taro.getStorageSync(KEY))
    return parsed.success && parsed.data.userId === userId && parsed.data.ticketId === ticketId ? parsed.data : null
  } catch {
    return null
  }
}

/** Saves a non-empty draft; an empty one clears this ticket's draft (another ticket's is left alone). */
export function saveCommentDraft(userId: string, ticketId: string, body: string, fileIds: string[]): void {
  try {
    if (body.trim() || fileIds.length > 0) {
      Taro.setStorageSync(KEY, { v: 1, userId, ticketId, body, fileIds } satisfies CommentDraft)
    } else if (readCommentDraft(userId, ticketId)) {
      Taro.removeStorageSync(KEY)
    }
  } catch {
    // Storage full or unavailable: the composer still works, only the draft is lost.
  }
}
