import { formatMinutesZh, type SlaClockName } from '../../../../shared/sla';
import type { SlaClock } from '../../../../shared/schemas/ticket-workflow.schema';

export type SlaMarkKind = 'warning' | 'breach';

export interface DueMark {
  clock: SlaClockName;
  kind: SlaMarkKind;
  usedMinutes: number;
  targetMinutes: number;
}

/**
 * The marks a ticket's clocks call for that it does not have yet
 * (`existing` holds `clock:kind`). A breach is recorded however the clock
 * got there — even if it ended over its target before anyone looked — and
 * then the warning is moot; a warning only while the clock is in its
 * warning band (see sla.clock.ts).
 */
export function marksDue(clocks: Record<SlaClockName, SlaClock>, existing: ReadonlySet<string>): DueMark[] {
  const due: DueMark[] = [];
  for (const clock of ['response', 'resolution'] as const) {
    const c = clocks[clock];
    const kind: SlaMarkKind | null = c.state === 'breached' ? 'breach' : c.warning ? 'warning' : null;
    if (kind && !existing.has(`${clock}:${kind}`)) due.push({ clock, kind, usedMinutes: c.usedMinutes, targetMinutes: c.targetMinutes });
  }
  return due;
}

const CLOCK_ZH: Record<SlaClockName, string> = { response: '响应', resolution: '解决' };

/** What the engineer and admins are told. Short: the WeChat template's text field holds 20 characters. */
export function slaNotice(ticketNumber: string, mark: DueMark): { title: string; body: string } {
  const clock = CLOCK_ZH[mark.clock];
  if (mark.kind === 'warning') {
    return { title: `工单 ${ticketNumber} 即将超时`, body: `${clock}时限剩余 ${formatMinutesZh(mark.targetMinutes - mark.usedMinutes)}` };
  }
  return { title: `工单 ${ticketNumber} 已超时`, body: `已超过${clock}时限 ${formatMinutesZh(mark.targetMinutes)}` };
}
