import { z } from 'zod'
import type { DelegationCreate } from '@shared/schemas/ticket-workflow.schema'
import { request, requestParsed } from './http'

export interface DealerOption {
  id: string
  name: string
}

const DealerListSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })

/** GET /dealers: the entrusted dealer organisations a ticket can be delegated to. */
export async function listDealerOptions(): Promise<DealerOption[]> {
  return (await requestParsed(DealerListSchema, '/dealers')).items
}

const delegationsPath = (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}/delegations`

/**
 * POST /tickets/:id/delegations: the dealer may then see the ticket's minimal view for that purpose.
 * The page reloads the ticket afterwards, so the answer's body is not needed.
 */
export async function delegateTicket(ticketId: string, body: DelegationCreate): Promise<void> {
  await request(delegationsPath(ticketId), { method: 'POST', body })
}

/** DELETE /tickets/:id/delegations/:dealerId: the dealer loses access at once. */
export async function endDelegation(ticketId: string, dealerId: string): Promise<void> {
  await request(`${delegationsPath(ticketId)}/${encodeURIComponent(dealerId)}`, { method: 'DELETE' })
}
