import { Text, View } from '@tarojs/components'
import StatusTag from '../../../../components/StatusTag'
import {
  PRIVACY_REQUEST_STATUS_LABELS,
  PRIVACY_REQUEST_STATUS_TAG,
  PRIVACY_REQUEST_TYPE_LABELS,
  PRIVACY_REQUEST_TYPE_LAWS,
} from '../../../../labels/privacy.admin.zh'
import { dueLabel, requesterLine, type AdminPrivacyRequestView } from '../../../../services/admin-privacy'
import { formatShanghai } from '../../../../utils/format'

export function RequestStatus({ view }: { view: AdminPrivacyRequestView }) {
  return (
    <StatusTag
      className='admin-privacy__tag'
      testId='admin-privacy-request-status'
      status={view.status}
      label={PRIVACY_REQUEST_STATUS_LABELS[view.status]}
      type={PRIVACY_REQUEST_STATUS_TAG[view.status]}
    />
  )
}

/** 删除 (and, on a desk, the article that gives the right). */
export function RequestType({ view, law = false }: { view: AdminPrivacyRequestView; law?: boolean }) {
  return (
    <View className='admin-privacy__stack'>
      <Text className='admin-privacy__strong' data-testid='admin-privacy-request-type' data-type={view.type}>
        {PRIVACY_REQUEST_TYPE_LABELS[view.type]}
      </Text>
      {law ? <Text className='admin-privacy__muted'>{PRIVACY_REQUEST_TYPE_LAWS[view.type]}</Text> : null}
    </View>
  )
}

export function Requester({ view }: { view: AdminPrivacyRequestView }) {
  return (
    <Text className='admin-privacy__requester' data-testid='admin-privacy-request-user'>
      {requesterLine(view)}
    </Text>
  )
}

/** The due date and what it means now: 剩 N 天, 今天到期, 逾期 N 天 (red), or how it was closed. */
export function DueInfo({ view, now }: { view: AdminPrivacyRequestView; now: number }) {
  const due = dueLabel(view, now)
  return (
    <View className='admin-privacy__stack' data-testid='admin-privacy-request-due' data-tone={due.tone}>
      <Text className={`admin-privacy-due admin-privacy-due--${due.tone}`}>{due.text}</Text>
      <Text className='admin-privacy__muted'>{formatShanghai(view.dueAt)} 前答复</Text>
    </View>
  )
}
