import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { TicketDetail } from '@shared/schemas/tickets.schema'
import { isApiError } from '../../../services/api-error'
import { listEngineers } from '../../../services/engineers'
import { messageOf } from '../../../services/errors.zh'
import { assignTicket } from '../../../services/tickets'
import PickerSheet from './PickerSheet'

interface Props {
  ticket: TicketDetail
  onChanged: () => Promise<void>
}

/** Admin: 指派 (nobody yet) or 改派 (someone else) the engineer, picked from the engineer accounts. */
export default function AssignEngineer({ ticket, onChanged }: Props) {
  const [open, setOpen] = useState(false)
  const current = ticket.assignedEngineer
  const verb = current ? '改派' : '指派'

  const assign = async (engineerId: string): Promise<string | undefined> => {
    if (engineerId === current?.id) return '该工程师已负责此工单，请选择其他工程师'
    try {
      await assignTicket(ticket.id, engineerId)
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) return err.fieldErrors[0]?.message ?? messageOf(err)
      if (!(isApiError(err) && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND'))) return messageOf(err)
      // Closed or changed meanwhile: show it as it is now.
      setOpen(false)
      void Taro.showToast({ title: '工单状态已变化，已刷新', icon: 'none' })
      await onChanged()
      return undefined
    }
    setOpen(false)
    void Taro.showToast({ title: `已${verb}`, icon: 'success' })
    await onChanged()
    return undefined
  }

  return (
    <>
      <Button size='small' type='primary' fill='outline' onClick={() => setOpen(true)} data-testid='ticket-assign'>
        {verb}
      </Button>
      <PickerSheet
        open={open}
        title={`${verb}工程师`}
        hint={current ? `当前由 ${current.name} 负责。改派后原工程师不再处理此工单。` : '选择负责此工单的维修工程师，对方会收到通知。'}
        load={listEngineers}
        currentId={current?.id}
        emptyText='暂无工程师账号，请先在管理后台添加'
        confirmText={`确认${verb}`}
        testIdPrefix='ticket-assign'
        onConfirm={assign}
        onClose={() => setOpen(false)}
      />
    </>
  )
}
