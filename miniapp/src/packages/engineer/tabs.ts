import type { Me } from '@shared/schemas/me.schema'
import type { TicketScope } from '@shared/schemas/tickets.schema'

export interface WorkbenchTab {
  key: TicketScope
  label: string
  empty: { title: string; description: string }
}

const QUEUE: WorkbenchTab = {
  key: 'queue',
  label: '待接单',
  empty: { title: '暂无待接单的工单', description: '新报修且尚未指派工程师的工单会显示在这里' },
}

/**
 * An engineer works the queue and their own tickets; an admin (who dispatches
 * rather than repairs) sees the queue to assign and everything else.
 */
export function workbenchTabs(me: Me): WorkbenchTab[] {
  if (me.roles.includes('engineer')) {
    return [QUEUE, { key: 'assigned', label: '我的工单', empty: { title: '暂无指派给您的工单', description: '您接单或被指派的工单会显示在这里' } }]
  }
  return [
    { ...QUEUE, label: '待指派', empty: { title: '暂无待指派的工单', description: '新报修且尚未指派工程师的工单会显示在这里' } },
    { key: 'all', label: '全部工单', empty: { title: '暂无工单', description: '所有报修工单会显示在这里' } },
  ]
}
