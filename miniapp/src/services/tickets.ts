import {
  AnyTicketViewSchema,
  TicketPageSchema,
  type DealerTicketView,
  type TicketScope,
  type TicketView,
} from '@shared/schemas/tickets.schema'
import type { TicketStatus } from '@shared/tickets'
import { requestParsed } from './http'

export type AnyTicketView = TicketView | DealerTicketView

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
export function isDealerView(ticket: AnyTicketView): ticket is DealerTicketView {
  return 'delegationPurpose' in ticket
}

/** GET /tickets: only what the caller may see (access-matrix.md). */
export function listTickets({ status, scope, cursor, limit = 20 }: TicketListQuery = {}): Promise<TicketPage> {
  return requestParsed(TicketPageSchema, '/tickets', { query: { status, scope, cursor, limit } })
}

/** GET /tickets/:id; 404 NOT_FOUND when it does not exist or the caller may not see it. */
export function getTicket(id: string): Promise<AnyTicketView> {
  return requestParsed(AnyTicketViewSchema, `/tickets/${encodeURIComponent(id)}`)
}
