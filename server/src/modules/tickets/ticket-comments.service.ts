import type { EntityManager } from '@mikro-orm/core';
import type { CommentCreate, CommentView } from '../../../../shared/schemas/ticket-workflow.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, ForbiddenError, ValidationError } from '../../core/errors';
import { once } from '../../core/idempotency/idempotency';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { claimFile } from '../files/files.service';
import { notifyUser } from '../notifications/notify';
import { requirePurpose } from '../privacy/consent.service';
import { UserSchema, type User } from '../users/user.entity';
import type { SealedFields } from '../users/user.pii';
import { TicketCommentSchema, type TicketComment } from './ticket-comment.entity';
import { commentRecipients, mayComment } from './ticket-comment.policy';
import { TicketSchema } from './ticket.entity';
import { FINAL_STATUSES, type TicketActor } from './tickets.policy';
import { visibleTicket } from './tickets.service';

const bodyRef = (id: string) => ({ table: 'ticket_comment', column: 'body', id });

function commentView(deps: AppDeps, who: TicketActor, c: TicketComment, author: (SealedFields & Pick<User, 'role'>) | undefined): CommentView {
  // As on the timeline: dealers see the role, not the name, of the people on the ticket (but their own name).
  const showName = who.role !== 'dealer' || c.authorId === who.userId;
  return {
    id: c.id,
    author: { id: c.authorId, name: showName && author ? (deps.pii.get(author, 'name') ?? '') : '', role: author?.role ?? 'staff' },
    body: deps.cipher.open(bodyRef(c.id), c.bodySealed),
    fileIds: c.fileIds,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The comments on a ticket the actor may see, oldest first (two queries: comments, their authors). */
export async function ticketComments(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<{ items: CommentView[] }> {
  const { who } = await visibleTicket(deps, em, actor, id);
  const comments = await em.find(TicketCommentSchema, { ticket: id }, { orderBy: { id: 'asc' } });
  const authorIds = [...new Set(comments.map((c) => c.authorId))];
  const authors = authorIds.length ? await em.find(UserSchema, { id: { $in: authorIds } }) : [];
  const byId = new Map(authors.map((u) => [u.id, u]));
  return { items: comments.map((c) => commentView(deps, who, c, byId.get(c.authorId))) };
}

/**
 * Adds a comment (text and/or the author's own fault photos) to a ticket the
 * actor may comment on; 404 if not visible, 403 if seeing is all they may do
 * (an engineer on a queue ticket), 409 once the ticket is closed or
 * cancelled. The text is sealed; the reporter and the assigned engineer are
 * notified (not the author), in the same transaction. With an
 * Idempotency-Key a retry after a lost answer returns the first comment.
 */
export async function addComment(deps: AppDeps, em: EntityManager, actor: Actor, id: string, input: CommentCreate, idempotencyKey: string | undefined): Promise<CommentView> {
  const { who, row } = await visibleTicket(deps, em, actor, id);
  if (!mayComment(who, row)) throw new ForbiddenError('You can read this ticket but not comment on it; accept it first.');
  if (FINAL_STATUSES.includes(row.status)) throw new ConflictError(`A ${row.status} ticket takes no more comments.`);
  const fileIds = [...new Set(input.fileIds)];
  // As when reporting: fault photos are processed under their own consent, checked at use as well as at upload.
  if (fileIds.length) requirePurpose(actor.user, 'fault_media');

  // Only the id is kept with the idempotency key: the text stays sealed in its own row.
  const created = await once(em, { userId: who.userId, route: 'POST /tickets/:id/comments', key: idempotencyKey, body: { ticketId: id, ...input } }, async (tx) => {
    const commentId = newId();
    const now = deps.clock.now();
    for (const fileId of fileIds) {
      if (!(await claimFile(tx, who.userId, fileId, 'ticket_photo', now, { ticketId: id, commentId }))) throw new ValidationError([{ path: `fileIds.${input.fileIds.indexOf(fileId)}`, message: '照片无效，请重新上传' }]);
    }
    tx.create(TicketCommentSchema, {
      id: commentId,
      ticket: tx.getReference(TicketSchema, id),
      authorId: who.userId,
      bodySealed: deps.cipher.seal(bodyRef(commentId), input.body),
      fileIds,
      createdAt: now,
    });
    for (const userId of commentRecipients(row, who.userId)) {
      await notifyUser(tx, now, {
        userId,
        kind: 'ticket_comment',
        ticketId: id,
        title: `工单 ${row.number} 有新留言`,
        body: '您关注的报修工单有新的留言，请打开工单查看。',
        dedupeKey: `ticket-comment:${commentId}:${userId}`,
        page: `packages/ticket/detail/index?id=${id}`,
      });
    }
    await tx.flush();
    return { id: commentId };
  });
  const comment = await em.findOneOrFail(TicketCommentSchema, { id: created.id });
  return commentView(deps, who, comment, actor.user);
}
