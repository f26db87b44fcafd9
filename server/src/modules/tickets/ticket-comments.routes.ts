import { z } from 'zod';
import { CommentCreateSchema, CommentViewSchema } from '../../../../shared/schemas/ticket-workflow.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { addComment, ticketComments } from './ticket-comments.service';

const IdParams = z.object({ id: z.string().uuid() });

export function ticketCommentRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/tickets/:id/comments',
      summary: "A ticket's comments, oldest first (dealers see authors' roles, not names)",
      tags: ['tickets'],
      access: { permission: 'tickets.read' },
      params: IdParams,
      response: z.object({ items: z.array(CommentViewSchema) }),
      errors: [404],
      handler: ({ params, state }) => ticketComments(deps, state.em, state.actor!, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/:id/comments',
      summary: 'Comment on a ticket, with the author’s own fault photos (reporter, managing staff, assigned engineer, delegated dealer, admins); notifies the reporter and the engineer; with Idempotency-Key a retry returns the first comment',
      tags: ['tickets'],
      access: { permission: 'tickets.comment' },
      params: IdParams,
      body: CommentCreateSchema,
      response: CommentViewSchema,
      status: 201,
      errors: [403, 404, 409],
      handler: ({ params, body, state, ctx }) => addComment(deps, state.em, state.actor!, params.id, body, ctx.get('idempotency-key') || undefined),
    }),
  ];
}
