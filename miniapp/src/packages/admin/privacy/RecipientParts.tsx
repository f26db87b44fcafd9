import { Text, View } from '@tarojs/components'
import StatusTag from '../../../components/StatusTag'
import { fieldsText, purposeLabel } from '../../../labels/privacy.admin.zh'
import type { RecipientView } from '../../../services/admin-privacy'
import { formatShanghai } from '../../../utils/format'

export function ContractRef({ recipient }: { recipient: RecipientView }) {
  return (
    <Text className='admin-privacy__mono' data-testid='admin-privacy-recipient-contract'>
      {recipient.contractRef || '（未登记）'}
    </Text>
  )
}

/** 上门检查、取送设备. */
export function PurposeList({ recipient }: { recipient: RecipientView }) {
  return (
    <Text data-testid='admin-privacy-recipient-purposes'>{recipient.purposes.length > 0 ? recipient.purposes.map(purposeLabel).join('、') : '—'}</Text>
  )
}

/** How many provision records name this dealer (each dealer read of a ticket is one), about how many people, and the latest. */
export function ProvisionCount({ recipient, end = false }: { recipient: RecipientView; end?: boolean }) {
  return (
    <View className={`admin-privacy__stack${end ? ' admin-privacy__stack--end' : ''}`}>
      <Text className='admin-privacy__strong' data-testid='admin-privacy-recipient-provisions' data-count={recipient.provisionCount}>
        {recipient.provisionCount} 次
      </Text>
      <Text className='admin-privacy__muted' data-testid='admin-privacy-recipient-subjects' data-count={recipient.subjectCount}>
        涉及 {recipient.subjectCount} 人
      </Text>
      {recipient.lastProvisionAt ? <Text className='admin-privacy__muted'>最近 {formatShanghai(recipient.lastProvisionAt)}</Text> : null}
    </View>
  )
}

/** The dealer and how many staff accounts it has (each of whose reads is recorded). */
export function RecipientName({ recipient }: { recipient: RecipientView }) {
  return (
    <View className='admin-privacy__stack'>
      <Text className='admin-privacy__strong' data-testid='admin-privacy-recipient-name'>
        {recipient.name}
      </Text>
      <Text className='admin-privacy__muted'>经销商账号 {recipient.staffCount} 个</Text>
    </View>
  )
}

export function RecipientState({ recipient }: { recipient: RecipientView }) {
  return (
    <StatusTag
      className='admin-privacy__tag'
      testId='admin-privacy-recipient-state'
      status={recipient.active ? 'active' : 'inactive'}
      label={recipient.active ? '合作中' : '已停用'}
      type={recipient.active ? 'success' : 'muted'}
    />
  )
}

/** A dealer on a phone-width screen: the same facts as a table row, stacked. */
export function RecipientCard({ recipient }: { recipient: RecipientView }) {
  return (
    <View className='admin-privacy-card' data-testid='admin-privacy-recipient-row' data-id={recipient.id}>
      <View className='admin-privacy-card__head'>
        <RecipientName recipient={recipient} />
        <RecipientState recipient={recipient} />
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>委托协议</Text>
        <ContractRef recipient={recipient} />
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>委托目的</Text>
        <PurposeList recipient={recipient} />
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>提供的信息</Text>
        <Text data-testid='admin-privacy-recipient-fields'>{fieldsText(recipient.fields)}</Text>
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>提供记录</Text>
        <ProvisionCount recipient={recipient} />
      </View>
    </View>
  )
}
