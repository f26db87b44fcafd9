import { Text, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { RejectSchema, type RegistrationQueueItem } from '@shared/schemas/registration.schema'
import ConsoleShell from '../../../components/ConsoleShell'
import CursorListView from '../../../components/CursorListView'
import QueueTabs from '../../../components/QueueTabs'
import ReasonDialog from '../../../components/ReasonDialog'
import SessionGate from '../../../components/SessionGate'
import StoredImage from '../../../components/StoredImage'
import { useReviewQueue, type ReviewTab } from '../../../hooks/useReviewQueue'
import { GENDER_LABELS } from '../../../labels/user.zh'
import {
  approveRegistration,
  listRegistrations,
  rejectRegistration,
  type RegistrationStatus,
} from '../../../services/admin-registrations'
import { formatShanghai } from '../../../utils/format'
import '../queue.scss'
import './index.scss'

const TABS: ReviewTab<RegistrationStatus>[] = [
  { key: 'pending', label: '待审核', empty: '暂无待审核的注册' },
  { key: 'active', label: '已通过', empty: '暂无已通过的注册' },
  { key: 'rejected', label: '已驳回', empty: '暂无已驳回的注册' },
]

const PAGE_SIZE = 20

interface CardProps {
  item: RegistrationQueueItem
  busy?: 'approve' | 'reject'
  onApprove: () => void
  onReject: () => void
}

function Card({ item, busy, onApprove, onReject }: CardProps) {
  return (
    <View className='reg-card' data-testid='admin-reg-card' data-user-id={item.userId}>
      <View className='reg-card__body'>
        {item.badgeFileId ? (
          <StoredImage fileId={item.badgeFileId} alt={`${item.name} 的工牌照片`} testId='admin-reg-badge' />
        ) : (
          <View className='reg-card__nobadge'>
            <Text>无照片</Text>
          </View>
        )}
        <View className='reg-card__info'>
          <View className='reg-card__head'>
            <Text className='reg-card__name' data-testid='admin-reg-name'>
              {item.name}
            </Text>
            <Text className='reg-card__gender'>{GENDER_LABELS[item.gender]}</Text>
            {item.status === 'active' ? <Tag type='success'>已通过</Tag> : null}
            {item.status === 'rejected' ? <Tag type='danger'>已驳回</Tag> : null}
          </View>
          <Text className='reg-card__line'>{item.phone}</Text>
          <Text className='reg-card__line'>
            {item.hospital.name} · {item.department.name}
          </Text>
          <Text className='reg-card__line'>
            {item.position}
            {item.title ? ` / ${item.title}` : ''}
          </Text>
          <Text className='reg-card__time'>提交于 {formatShanghai(item.submittedAt)}</Text>
          {item.decidedAt ? <Text className='reg-card__time'>审核于 {formatShanghai(item.decidedAt)}</Text> : null}
        </View>
      </View>
      {item.status === 'rejected' && item.rejectionReason ? (
        <Text className='reg-card__reason'>驳回原因：{item.rejectionReason}</Text>
      ) : null}
      {item.status === 'pending' ? (
        <View className='reg-card__actions'>
          <Button size='small' fill='outline' type='danger' loading={busy === 'reject'} disabled={Boolean(busy)} onClick={onReject} data-testid='admin-reg-reject'>
            驳回
          </Button>
          <Button size='small' type='primary' loading={busy === 'approve'} disabled={Boolean(busy)} onClick={onApprove} data-testid='admin-reg-approve'>
            通过
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function Review() {
  const queue = useReviewQueue<RegistrationQueueItem, RegistrationStatus>({
    tabs: TABS,
    fetchPage: (status, cursor) => listRegistrations(status, cursor, PAGE_SIZE),
    idOf: (item) => item.userId,
    reject: { schema: RejectSchema, call: (item, reason) => rejectRegistration(item.userId, reason) },
  })
  const { tab, list, lists, rejecting } = queue

  const approve = (item: RegistrationQueueItem) =>
    queue.approve(
      item,
      {
        title: '通过注册',
        content: `确认通过 ${item.name}（${item.hospital.name} · ${item.department.name}）的注册？通过后对方即可使用报修等功能。`,
        confirmText: '确认通过',
      },
      () => approveRegistration(item.userId),
    )

  return (
    <View className='admin-queue'>
      <QueueTabs tabs={queue.queueTabs} active={tab} onChange={queue.setTab} testId='admin-reg-tabs' tabTestIdPrefix='admin-tab-' />

      <View className='admin-queue__content'>
        <CursorListView
          list={list}
          onRetry={() => void lists.load(tab)}
          onMore={() => void lists.loadMore(tab)}
          empty={{ title: queue.meta.empty, description: tab === 'pending' ? '新的注册申请会出现在这里' : undefined }}
          className='admin-queue__list'
          testId='admin-reg-list'
          moreTestId='admin-load-more'
          renderItem={(item) => (
            <Card
              key={item.userId}
              item={item}
              busy={queue.busy[item.userId]}
              onApprove={() => void approve(item)}
              onReject={() => queue.openReject(item)}
            />
          )}
        />
      </View>

      <ReasonDialog
        {...queue.rejectDialog}
        title={rejecting ? `驳回 ${rejecting.name} 的注册` : ''}
        hint='原因会展示给申请人，请写明需要修改的内容（2–200 字）。'
        placeholder='如：工牌照片不清晰，请重新拍摄'
        confirmText='确认驳回'
        testIdPrefix='admin-reject'
      />
    </View>
  )
}

/** Admin queue of registrations: review the badge, approve (confirmed) or reject (with a reason). */
export default function RegistrationReview() {
  return (
    <SessionGate className='admin-queue' permission='admin.registrations' denied={{ title: '没有访问权限', description: '注册审核仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='registrations'>
          <Review />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
