import { Text, View } from '@tarojs/components'
import type { AdminPrivacyRequestView } from '../../../../services/admin-privacy'
import { formatShanghai } from '../../../../utils/format'
import { DueInfo, Requester, RequestStatus, RequestType } from './RequestParts'

/** A request on a phone-width screen: the same facts as a table row; a tap opens it. */
export default function RequestCard({ view, now, onOpen }: { view: AdminPrivacyRequestView; now: number; onOpen: () => void }) {
  return (
    <View
      className={`admin-privacy-card${view.overdue ? ' admin-privacy-card--overdue' : ''}`}
      onClick={onOpen}
      data-testid='admin-privacy-request-row'
      data-id={view.id}
      data-status={view.status}
      data-overdue={view.overdue ? 'true' : 'false'}
    >
      <View className='admin-privacy-card__head'>
        <RequestType view={view} />
        <RequestStatus view={view} />
      </View>
      <Requester view={view} />
      <Text className='admin-privacy__muted' data-testid='admin-privacy-request-received'>
        收到于 {formatShanghai(view.createdAt)}
      </Text>
      <View className='admin-privacy-card__foot'>
        <DueInfo view={view} now={now} />
        <Text className='admin-privacy__link' data-testid='admin-privacy-request-open'>
          {view.status === 'completed' || view.status === 'refused' ? '查看 ›' : '处理 ›'}
        </Text>
      </View>
    </View>
  )
}
