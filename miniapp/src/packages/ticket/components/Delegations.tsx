import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TicketDetail } from '@shared/schemas/tickets.schema'
import { DelegationCreateSchema, type DelegationView } from '@shared/schemas/ticket-workflow.schema'
import { DELEGATION_PURPOSES, type DelegationPurpose } from '@shared/tickets'
import Chips from '../../../components/Chips'
import { DELEGATION_PURPOSE_LABELS } from '../../../labels/ticket.zh'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { delegateTicket, endDelegation, listDealerOptions } from '../../../services/ticket-delegations'
import { formatShanghai } from '../../../utils/format'
import PickerSheet from './PickerSheet'

interface Props {
  ticket: TicketDetail
  /** The assigned engineer or an admin, while the ticket is open. */
  canDelegate: boolean
  onChanged: () => Promise<void>
}

function DelegationRow({ d, canEnd, ending, onEnd }: { d: DelegationView; canEnd: boolean; ending: boolean; onEnd: () => void }) {
  const active = d.endedAt === null
  return (
    <View className={`delegation${active ? '' : ' delegation--ended'}`} data-testid='ticket-delegation' data-dealer-id={d.dealer.id} data-active={active ? 'true' : 'false'}>
      <View className='delegation__text'>
        <Text className='delegation__name'>{d.dealer.name}</Text>
        <Text className='delegation__meta'>
          {DELEGATION_PURPOSE_LABELS[d.purpose]} · {active ? `${formatShanghai(d.createdAt)} 起` : `已于 ${formatShanghai(d.endedAt)} 结束`}
        </Text>
      </View>
      {active && canEnd ? (
        <Button size='small' type='danger' fill='outline' loading={ending} disabled={ending} onClick={onEnd} data-testid='ticket-delegation-end'>
          结束委托
        </Button>
      ) : null}
    </View>
  )
}

/** Entrusted dealers on this ticket (on-site check, pickup): who, since when; delegate and end. */
export default function Delegations({ ticket, canDelegate, onChanged }: Props) {
  const [open, setOpen] = useState(false)
  const [purpose, setPurpose] = useState<DelegationPurpose | null>(null)
  const [ending, setEnding] = useState<string | null>(null)
  const activeIds = ticket.delegations.filter((d) => d.endedAt === null).map((d) => d.dealer.id)

  const delegate = async (dealerId: string): Promise<string | undefined> => {
    const parsed = DelegationCreateSchema.safeParse({ dealerId, purpose })
    if (!parsed.success) return purpose ? '请选择经销商' : '请选择委托事项'
    if (activeIds.includes(dealerId)) return '该经销商已在委托中'
    try {
      await delegateTicket(ticket.id, parsed.data)
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) return err.fieldErrors[0]?.message ?? messageOf(err)
      return messageOf(err)
    }
    setOpen(false)
    void Taro.showToast({ title: '已委托', icon: 'success' })
    await onChanged()
    return undefined
  }

  const end = async (d: DelegationView) => {
    if (ending) return
    const answer = await Taro.showModal({
      title: '结束委托',
      content: `结束后「${d.dealer.name}」将无法再查看此工单。确定结束吗？`,
      confirmText: '结束委托',
      confirmColor: '#f53f3f',
    })
    if (!answer.confirm) return
    setEnding(d.dealer.id)
    try {
      await endDelegation(ticket.id, d.dealer.id)
      void Taro.showToast({ title: '已结束委托', icon: 'success' })
    } catch (err) {
      // Already ended elsewhere: the reload shows it.
      if (!(isApiError(err) && (err.code === 'NOT_FOUND' || err.code === 'CONFLICT'))) void Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setEnding(null)
    }
    await onChanged()
  }

  if (ticket.delegations.length === 0 && !canDelegate) return null
  return (
    <View className='ticket-detail__section' data-testid='ticket-delegations'>
      <View className='ticket-detail__section-head'>
        <Text className='ticket-detail__section-title'>委托经销商</Text>
        {canDelegate ? (
          <Button
            size='small'
            type='primary'
            fill='outline'
            onClick={() => {
              setPurpose(null)
              setOpen(true)
            }}
            data-testid='ticket-delegate'
          >
            委托经销商
          </Button>
        ) : null}
      </View>
      {ticket.delegations.length === 0 ? <Text className='ticket-detail__muted'>需要经销商上门检查或取送设备时，可在此委托。</Text> : null}
      {ticket.delegations.map((d) => (
        <DelegationRow key={`${d.dealer.id}-${d.createdAt}`} d={d} canEnd={canDelegate} ending={ending === d.dealer.id} onEnd={() => void end(d)} />
      ))}
      <PickerSheet
        open={open}
        title='委托经销商'
        hint='经销商只能看到完成委托所需的信息（设备、故障、联系人），每次查看都会记录。'
        load={listDealerOptions}
        emptyText='暂无可委托的经销商'
        confirmText='确认委托'
        testIdPrefix='ticket-delegate'
        onConfirm={delegate}
        onClose={() => setOpen(false)}
      >
        <View className='picker-sheet__group'>
          <Text className='picker-sheet__label'>委托事项</Text>
          <Chips
            options={DELEGATION_PURPOSES.map((p) => ({ key: p, label: DELEGATION_PURPOSE_LABELS[p] }))}
            selected={purpose ? [purpose] : []}
            onToggle={(k) => setPurpose(DELEGATION_PURPOSES.find((p) => p === k) ?? null)}
            testId='ticket-delegate-purposes'
            optionTestId='ticket-delegate-purpose'
          />
        </View>
      </PickerSheet>
    </View>
  )
}
