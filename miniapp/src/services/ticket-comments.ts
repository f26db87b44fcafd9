import { z } from 'zod'
import { CommentViewSchema, type CommentCreate, type CommentView } from '@shared/schemas/ticket-workflow.schema'
import { requestParsed } from './http'

export type { CommentView }

const CommentListSchema = z.object({ items: z.array(CommentViewSchema) })

const commentsPath = (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}/comments`

/** GET /tickets/:id/comments: the notes on a ticket, oldest first. */
export async function listComments(ticketId: string): Promise<CommentView[]> {
  return (await requestParsed(CommentListSchema, commentsPath(ticketId))).items
}

/** POST /tickets/:id/comments; one `idempotencyKey` per composed note, so a retry after a lost answer posts it once. */
export function addComment(ticketId: string, body: CommentCreate, idempotencyKey: string): Promise<CommentView> {
  return requestParsed(CommentViewSchema, commentsPath(ticketId), { method: 'POST', body, idempotencyKey })
}
