import { z } from 'zod'
import {
  EquipmentByCodeSchema,
  TicketEventSchema,
  type EquipmentByCode,
  type Rating,
  type TicketCreate,
  type TicketEvent,
  type Transition,
} from '@shared/schemas/ticket-workflow.schema'
import {
  AnyTicketDetailSchema,
  AnyTicketViewSchema,
  TicketPageSchema,
  TicketViewSchema,
  type DealerTicketView,
  type TicketDetail,
  type TicketScope,
  type TicketView,
} from '@shared/schemas/tickets.schema'
import type { TicketStatus } from '@shared/tickets'
import { requestParsed } from './http'

export type AnyTicketView = TicketView | DealerTicketView
/** `GET /tickets/:id`: the full detail for staff, engineers and admins; the minimal view for a dealer. */
export type AnyTicketDetail = TicketDetail | DealerTicketView

export interface TicketPage {
  items: AnyTicketView[]
  nextCursor: string | null
}

export interface TicketListQuery {
  status?: TicketStatus
  scope?: TicketScope
  cursor?: string
  limit?: number
}

/** A dealer sees a minimal view (no reporter, no creation time, no masking flag); this tells the two apart. */
export function isDealerView<T extends AnyTicketView | AnyTicketDetail>(ticket: T): ticket is Extract<T, DealerTicketView> {
  return 'delegationPurpose' in ticket
}

/** GET /tickets: only what the caller may see (access-matrix.md). */
export function listTickets({ status, scope, cursor, limit = 20 }: TicketListQuery = {}): Promise<TicketPage> {
  return requestParsed(TicketPageSchema, '/tickets', { query: { status, scope, cursor, limit } })
}

const ticketPath = (id: string, rest = '') => `/tickets/${encodeURIComponent(id)}${rest}`

/** GET /tickets/:id; 404 NOT_FOUND when it does not exist or the caller may not see it. */
export function getTicket(id: string): Promise<AnyTicketDetail> {
  return requestParsed(AnyTicketDetailSchema, ticketPath(id))
}

/** GET /equipment/by-code/:code: the unit behind a scanned or typed label; 404 NOT_FOUND for an unknown label. */
export function getEquipmentByCode(code: string): Promise<EquipmentByCode> {
  return requestParsed(EquipmentByCodeSchema, `/equipment/by-code/${encodeURIComponent(code.trim())}`)
}

/** POST /tickets; one `idempotencyKey` per form body, so a double tap or a retry creates one ticket. */
export function createTicket(body: TicketCreate, idempotencyKey: string): Promise<TicketView> {
  return requestParsed(TicketViewSchema, '/tickets', { method: 'POST', body, idempotencyKey })
}

const TicketEventListSchema = z.object({ items: z.array(TicketEventSchema) })

/** GET /tickets/:id/events: the timeline, oldest first. */
export async function listTicketEvents(id: string): Promise<TicketEvent[]> {
  const result = await requestParsed(TicketEventListSchema, ticketPath(id, '/events'))
  return result.items
}

/**
 * POST /tickets/:id/transitions: 409 CONFLICT when the status does not allow it, 403 when the role may not.
 * `resolve` carries the service report; an engineer's `accept` of a queue ticket also assigns it to them.
 */
export function transitionTicket(id: string, body: Transition): Promise<AnyTicketView> {
  return requestParsed(AnyTicketViewSchema, ticketPath(id, '/transitions'), { method: 'POST', body })
}

/** POST /tickets/:id/assign: an admin (re)assigns; an engineer takes a queue ticket for themselves. */
export function assignTicket(id: string, engineerId: string): Promise<AnyTicketView> {
  return requestParsed(AnyTicketViewSchema, ticketPath(id, '/assign'), { method: 'POST', body: { engineerId } })
}

/** POST /tickets/:id/rating: the reporter rates a resolved repair once, which closes the ticket. */
export function rateTicket(id: string, body: Rating): Promise<AnyTicketView> {
  return requestParsed(AnyTicketViewSchema, ticketPath(id, '/rating'), { method: 'POST', body })
}
