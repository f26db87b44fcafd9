import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { ReasonSchema } from '@shared/schemas/access.schema'
import Chips from '../../../components/Chips'
import ConsoleShell from '../../../components/ConsoleShell'
import CursorListView from '../../../components/CursorListView'
import ReasonDialog from '../../../components/ReasonDialog'
import SessionGate from '../../../components/SessionGate'
import { useCursorLists } from '../../../hooks/useCursorLists'
import { namesOf } from '../../../labels/access.zh'
import { listAdvancedUsers, revokeAdvanced, type AdvancedUser } from '../../../services/admin-access'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import '../queue.scss'
import './index.scss'

const KEY = 'advanced'
const PAGE_SIZE = 20

function UserCard({ user, onRevoke }: { user: AdvancedUser; onRevoke: () => void }) {
  return (
    <View className='queue-card' data-testid='admin-advanced-user' data-user-id={user.id}>
      <View className='queue-card__head'>
        <Text className='queue-card__name' data-testid='admin-advanced-name'>
          {user.name}
        </Text>
        <Tag type='success'>高级权限</Tag>
      </View>
      <Text className='queue-card__line'>{user.phone}</Text>
      <Text className='queue-card__line'>{user.hospital.name}</Text>
      <Text className='queue-card__label'>管理的科室</Text>
      {user.managedDepartments.length > 0 ? (
        <Chips options={user.managedDepartments.map((d) => ({ key: d.id, label: d.name }))} selected={[]} testId='admin-advanced-departments' />
      ) : (
        <Text className='queue-card__line'>暂无</Text>
      )}
      <View className='queue-card__actions'>
        <Button size='small' fill='outline' type='danger' onClick={onRevoke} data-testid='admin-advanced-revoke'>
          撤销
        </Button>
      </View>
    </View>
  )
}

function AdvancedUsers() {
  const [revoking, setRevoking] = useState<AdvancedUser | null>(null)
  const lists = useCursorLists<AdvancedUser>((_key, cursor) => listAdvancedUsers(cursor, PAGE_SIZE), (u) => u.id)
  const list = lists.get(KEY)

  useEffect(() => {
    if (lists.get(KEY).phase === 'idle') void lists.load(KEY)
  }, [list.phase])

  // Back from the review queue, a new grant may be there.
  useDidShow(() => {
    if (lists.get(KEY).phase === 'ready') void lists.load(KEY, { quiet: true })
  })
  usePullDownRefresh(() => {
    void lists.load(KEY, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(KEY))

  const submitRevoke = async (reason: string): Promise<string | undefined> => {
    const user = revoking
    if (!user) return undefined
    const parsed = ReasonSchema.safeParse({ reason })
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请填写撤销原因'
    try {
      await revokeAdvanced(user.id, parsed.data.reason)
      lists.update(KEY, (items) => items.filter((u) => u.id !== user.id))
      setRevoking(null)
      void Taro.showToast({ title: '已撤销', icon: 'success' })
      return undefined
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) return err.fieldErrors[0]?.message ?? messageOf(err)
      setRevoking(null)
      // Already revoked elsewhere (or the account is gone): show the list as it is now.
      if (isApiError(err) && (err.code === 'NOT_FOUND' || err.code === 'CONFLICT')) {
        void Taro.showToast({ title: '该用户的高级权限已变更，列表已刷新', icon: 'none', duration: 2500 })
        void lists.load(KEY)
      } else {
        void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 2500 })
      }
      return undefined
    }
  }

  return (
    <View className='admin-queue' data-testid='admin-advanced-page'>
      <View className='admin-queue__content'>
        <Text className='admin-queue__intro'>以下用户可查看其管理科室的同事提交的报修工单。撤销后立即生效，对方将只能查看本人的工单。</Text>
        <CursorListView
          list={list}
          onRetry={() => void lists.load(KEY)}
          onMore={() => void lists.loadMore(KEY)}
          empty={{ title: '暂无高级权限用户', description: '通过高级权限申请后，用户会出现在这里' }}
          className='admin-queue__list'
          testId='admin-advanced-list'
          moreTestId='admin-advanced-load-more'
          renderItem={(u) => <UserCard key={u.id} user={u} onRevoke={() => setRevoking(u)} />}
        />
      </View>

      <ReasonDialog
        open={revoking !== null}
        title={revoking ? `撤销 ${revoking.name} 的高级权限` : ''}
        hint='原因会记录在案（2–200 字）。'
        placeholder='如：已调离科室负责人岗位'
        confirmText='确认撤销'
        testIdPrefix='admin-revoke'
        onSubmit={submitRevoke}
        onClose={() => setRevoking(null)}
      >
        {revoking ? (
          <Text className='revoke-warning' data-testid='admin-revoke-warning'>
            撤销后立即生效：{revoking.name} 将不能再查看{namesOf(revoking.managedDepartments) || '所管理科室'}的同事提交的工单，只能查看本人提交的工单。
          </Text>
        ) : null}
      </ReasonDialog>
    </View>
  )
}

/** Admin: who holds advanced access, over which departments, and revoking it (with a reason). */
export default function AdvancedUsersPage() {
  return (
    <SessionGate className='admin-queue' permission='admin.access' denied={{ title: '没有访问权限', description: '高级权限管理仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='advanced-users'>
          <AdvancedUsers />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
