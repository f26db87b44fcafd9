import type { Me } from '@shared/schemas/me.schema'
import type { TimelineState } from './TicketTimeline'

/** What the detail page hands its views besides the ticket. */
export interface DetailExtras {
  me: Me
  timeline: TimelineState
  /** Bumped on each pull-down refresh: sections with their own data (comments) reload quietly. */
  reloadKey: number
  onReloadTimeline: () => void
  /** After a change: reload the ticket and its timeline. */
  onChanged: () => Promise<void>
}
