import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Tag } from '@nutui/nutui-react-taro'
import { ReasonSchema, type AccessRequestStatus, type AdminAccessRequest } from '@shared/schemas/access.schema'
import Chips from '../../../components/Chips'
import ConsoleShell from '../../../components/ConsoleShell'
import CursorListView from '../../../components/CursorListView'
import QueueTabs from '../../../components/QueueTabs'
import ReasonDialog from '../../../components/ReasonDialog'
import SessionGate from '../../../components/SessionGate'
import { useReviewQueue, type ReviewTab } from '../../../hooks/useReviewQueue'
import { ACCESS_STATUS_LABELS, ACCESS_STATUS_TAG, namesOf, tierLabel } from '../../../labels/access.zh'
import { approveAccessRequest, listAccessRequests, rejectAccessRequest } from '../../../services/admin-access'
import { formatShanghai } from '../../../utils/format'
import { ROUTES } from '../../../routes'
import '../queue.scss'
import './index.scss'

const TABS: ReviewTab<AccessRequestStatus>[] = [
  { key: 'pending', label: '待审核', empty: '暂无待审核的申请' },
  { key: 'approved', label: '已通过', empty: '暂无已通过的申请' },
  { key: 'rejected', label: '已驳回', empty: '暂无已驳回的申请' },
]

const PAGE_SIZE = 20

interface CardProps {
  item: AdminAccessRequest
  busy?: 'approve' | 'reject'
  onApprove: (departmentIds: string[]) => void
  onReject: () => void
}

function Card({ item, busy, onApprove, onReject }: CardProps) {
  // Everything asked for is ticked; the reviewer unticks to narrow the grant.
  const [ticked, setTicked] = useState<string[]>(() => item.requested.map((d) => d.id))
  const tier = tierLabel(item.user.tier)
  const notGranted = item.requested.filter((r) => !item.granted.some((g) => g.id === r.id))
  const toggle = (id: string, on: boolean) => setTicked((all) => (on ? [...all.filter((d) => d !== id), id] : all.filter((d) => d !== id)))

  return (
    <View className='queue-card access-card' data-testid='admin-access-card' data-request-id={item.id} data-status={item.status}>
      <View className='queue-card__head'>
        <Text className='queue-card__name' data-testid='admin-access-name'>
          {item.user.name}
        </Text>
        {tier ? (
          <View data-testid='admin-access-tier'>
            {item.user.tier === 'advanced' ? <Tag type='success'>{tier}</Tag> : <Tag background='#f2f3f5' color='#4e5969'>{tier}</Tag>}
          </View>
        ) : null}
        <View className='access-card__grow' />
        {item.status === 'pending' ? null : <Tag type={ACCESS_STATUS_TAG[item.status]}>{ACCESS_STATUS_LABELS[item.status]}</Tag>}
      </View>
      <Text className='queue-card__line'>{item.user.phone}</Text>
      <Text className='queue-card__line'>
        {item.user.hospital.name}
        {item.user.department ? ` · ${item.user.department.name}` : ''}
      </Text>
      <Text className='queue-card__line'>职务：{item.position}</Text>
      <Text className='queue-card__label'>申请理由</Text>
      <Text className='queue-card__quote'>{item.reason}</Text>

      {item.status === 'pending' ? (
        <View className='access-card__grant' data-testid='admin-access-departments'>
          <Text className='queue-card__label'>授予科室（取消勾选可缩小范围）</Text>
          {item.requested.map((d) => (
            <Checkbox
              key={d.id}
              className='access-card__check'
              checked={ticked.includes(d.id)}
              onChange={(on) => toggle(d.id, on)}
              label={d.name}
              data-testid='admin-access-dept'
              data-dept-id={d.id}
              data-checked={ticked.includes(d.id) ? 'true' : 'false'}
            />
          ))}
        </View>
      ) : (
        <View className='access-card__grant'>
          <Text className='queue-card__label'>申请科室</Text>
          <Chips options={item.requested.map((d) => ({ key: d.id, label: d.name }))} selected={item.granted.map((g) => g.id)} />
        </View>
      )}
      {item.status === 'approved' ? (
        <Text className='queue-card__line' data-testid='admin-access-granted'>
          已授予：{namesOf(item.granted)}
          {notGranted.length > 0 ? `（未授予：${namesOf(notGranted)}）` : ''}
        </Text>
      ) : null}
      {item.status === 'rejected' ? (
        <Text className='queue-card__note queue-card__note--danger'>驳回原因：{item.decisionReason ?? '未说明'}</Text>
      ) : null}

      <Text className='queue-card__time'>提交于 {formatShanghai(item.createdAt)}</Text>
      {item.decidedAt ? <Text className='queue-card__time'>审核于 {formatShanghai(item.decidedAt)}</Text> : null}

      {item.status === 'pending' ? (
        <View className='queue-card__actions'>
          <Button size='small' fill='outline' type='danger' loading={busy === 'reject'} disabled={Boolean(busy)} onClick={onReject} data-testid='admin-access-reject'>
            驳回
          </Button>
          <Button
            size='small'
            type='primary'
            loading={busy === 'approve'}
            disabled={Boolean(busy)}
            onClick={() => onApprove(item.requested.map((d) => d.id).filter((id) => ticked.includes(id)))}
            data-testid='admin-access-approve'
          >
            通过
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function Review() {
  const queue = useReviewQueue<AdminAccessRequest, AccessRequestStatus>({
    tabs: TABS,
    fetchPage: (status, cursor) => listAccessRequests(status, cursor, PAGE_SIZE),
    idOf: (item) => item.id,
    reject: { schema: ReasonSchema, call: (item, reason) => rejectAccessRequest(item.id, reason) },
  })
  const { tab, list, lists, rejecting } = queue

  const approve = (item: AdminAccessRequest, departmentIds: string[]) => {
    if (queue.busy[item.id]) return
    if (departmentIds.length === 0) {
      void Taro.showToast({ title: '请至少勾选一个科室；如都不同意，请驳回', icon: 'none', duration: 2500 })
      return
    }
    const granted = item.requested.filter((d) => departmentIds.includes(d.id))
    const withheld = item.requested.filter((d) => !departmentIds.includes(d.id))
    void queue.approve(
      item,
      {
        title: '通过高级权限申请',
        content:
          `授予科室：${namesOf(granted)}。` +
          (withheld.length > 0 ? `不授予：${namesOf(withheld)}。` : '') +
          `通过后 ${item.user.name} 即可查看这些科室的同事提交的报修工单。`,
        confirmText: '确认授予',
      },
      () => approveAccessRequest(item.id, departmentIds),
    )
  }

  return (
    <View className='admin-queue' data-testid='admin-access-page'>
      <QueueTabs tabs={queue.queueTabs} active={tab} onChange={queue.setTab} testId='admin-access-tabs' tabTestIdPrefix='admin-access-tab-' />

      <View className='admin-queue__content'>
        <Text className='admin-queue__intro'>
          高级权限可查看所授予科室的同事提交的报修工单。通过时可取消勾选部分科室以缩小授权范围。
          <Text className='admin-queue__link' onClick={() => void Taro.navigateTo({ url: ROUTES.adminAdvancedUsers })} data-testid='admin-access-users-link'>
            查看高级权限用户 ›
          </Text>
        </Text>
        <CursorListView
          list={list}
          onRetry={() => void lists.load(tab)}
          onMore={() => void lists.loadMore(tab)}
          empty={{ title: queue.meta.empty, description: tab === 'pending' ? '新的高级权限申请会出现在这里' : undefined }}
          className='admin-queue__list'
          testId='admin-access-list'
          moreTestId='admin-access-load-more'
          renderItem={(item) => (
            <Card
              key={item.id}
              item={item}
              busy={queue.busy[item.id]}
              onApprove={(ids) => approve(item, ids)}
              onReject={() => queue.openReject(item)}
            />
          )}
        />
      </View>

      <ReasonDialog
        {...queue.rejectDialog}
        title={rejecting ? `驳回 ${rejecting.user.name} 的高级权限申请` : ''}
        hint='原因会展示给申请人（2–200 字）。'
        placeholder='如：请由科室负责人申请，或说明需要查看的具体科室'
        confirmText='确认驳回'
        testIdPrefix='admin-access-reject'
      />
    </View>
  )
}

/** Admin: review advanced-access requests; approve with an explicit (possibly narrower) set of departments, or reject. */
export default function AccessReview() {
  return (
    <SessionGate className='admin-queue' permission='admin.access' denied={{ title: '没有访问权限', description: '高级权限审核仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='access'>
          <Review />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
