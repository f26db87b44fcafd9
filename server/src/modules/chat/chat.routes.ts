import type { ParameterizedContext } from 'koa';
import { z } from 'zod';
import {
  ChatCloseSchema,
  ChatCreateSchema,
  ChatListQuerySchema,
  ChatMessageCreateSchema,
  ChatMessagesPageSchema,
  ChatMessagesQuerySchema,
  ChatMessageViewSchema,
  ChatPageSchema,
  ChatReadSchema,
  ChatSummarySchema,
} from '../../../../shared/schemas/chat.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import type { AppState } from '../../http/state';
import { chatMessages, sendMessage } from './chat-messages.service';
import { createChatWakeups, type ChatWakeups } from './chat-wakeups';
import { claimChat, closeChat, createChat, listChats, markChatRead } from './chats.service';

const IdParams = z.object({ id: z.string().uuid() });

/** Aborts when the client goes away before the answer (a long-poll stops waiting). */
function clientGone(ctx: ParameterizedContext<AppState>): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const abort = () => {
    if (!ctx.res.writableEnded) controller.abort();
  };
  ctx.req.once('close', abort);
  ctx.res.once('close', abort);
  if (ctx.req.destroyed) abort();
  return {
    signal: controller.signal,
    done: () => {
      ctx.req.off('close', abort);
      ctx.res.off('close', abort);
    },
  };
}

export function chatRoutes(deps: AppDeps, wakeups: ChatWakeups = createChatWakeups(deps)) {
  return [
    defineRoute({
      method: 'post',
      path: '/chats',
      summary: 'Open a customer-service conversation with its first question, optionally about one of the asker’s tickets (staff); the text passes content security',
      tags: ['chat'],
      access: { permission: 'chat.use' },
      body: ChatCreateSchema,
      response: ChatSummarySchema,
      status: 201,
      errors: [403, 422, 503],
      handler: ({ body, state }) => createChat(deps, state.em, state.actor!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/chats',
      summary: 'Conversations: staff their own inside the visibility window; engineers and admins by scope (default: all open). Most recent first, with unread counts and the badge total',
      tags: ['chat'],
      access: { permission: 'chat.use' },
      query: ChatListQuerySchema,
      response: ChatPageSchema,
      handler: ({ query, state }) => listChats(deps, state.em, state.actor!, query),
    }),
    defineRoute({
      method: 'get',
      path: '/chats/:id/messages',
      summary: 'Messages of a conversation; with `after` and `wait` (≤ 25 s) a long-poll held until something newer arrives',
      tags: ['chat'],
      access: { permission: 'chat.use' },
      params: IdParams,
      query: ChatMessagesQuerySchema,
      response: ChatMessagesPageSchema,
      errors: [404, 429],
      handler: async ({ params, query, state, ctx }) => {
        const gone = clientGone(ctx);
        try {
          return await chatMessages(deps, wakeups, state.em, state.actor!, params.id, query, gone.signal);
        } finally {
          gone.done();
        }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/chats/:id/messages',
      summary: 'Send text, an image or a voice note (a `chat` upload); text passes content security. The same clientId again returns the stored message (201). An engineer answering an unclaimed conversation claims it',
      tags: ['chat'],
      access: { permission: 'chat.use' },
      params: IdParams,
      body: ChatMessageCreateSchema,
      response: ChatMessageViewSchema,
      status: 201,
      errors: [404, 409, 422, 503],
      handler: ({ params, body, state }) => sendMessage(deps, wakeups, state.em, state.actor!, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/chats/:id/claim',
      summary: 'Take a conversation to answer (engineers, admins); one a colleague has is 409 unless the caller is an admin',
      tags: ['chat'],
      access: { permission: 'chat.use' },
      params: IdParams,
      response: ChatSummarySchema,
      errors: [403, 404, 409],
      handler: ({ params, state }) => claimChat(deps, wakeups, state.em, state.actor!, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/chats/:id/close',
      summary: 'Close a conversation (the asker, the engineer who claimed it, or an admin); an engineer may save a quick answer from it',
      tags: ['chat'],
      access: { permission: 'chat.use' },
      params: IdParams,
      body: ChatCloseSchema,
      response: ChatSummarySchema,
      errors: [403, 404, 409, 422],
      handler: ({ params, body, state }) => closeChat(deps, wakeups, state.em, state.actor!, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/chats/:id/read',
      summary: 'Mark the conversation read up to a message (per participant; only moves forward)',
      tags: ['chat'],
      access: { permission: 'chat.use' },
      params: IdParams,
      body: ChatReadSchema,
      response: ChatSummarySchema,
      errors: [404, 422],
      handler: ({ params, body, state }) => markChatRead(deps, state.em, state.actor!, params.id, body),
    }),
  ];
}
