import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Skeleton, Tag } from '@nutui/nutui-react-taro'
import type { Me as MeData } from '@shared/schemas/me.schema'
import { PageError } from '../../components/PageState'
import { useEntryGate } from '../../hooks/useEntryGate'
import { USER_STATUS_LABELS, USER_STATUS_TAG } from '../../labels/user.zh'
import { messageOf } from '../../services/errors.zh'
import { getPointsSummary, type PointsSummary } from '../../services/points'
import { useOverduePrivacyCount } from '../../services/admin-privacy'
import { canViewFleet } from '../../services/fleet'
import { getToken } from '../../services/token'
import { hasPermission, loadSession, signOut, useSession } from '../../stores/session'
import { refreshUnreadFor, useUnread } from '../../stores/unread'
import { canUseWorkbench, ROUTES } from '../../routes'
import './index.scss'

function go(url: string) {
  void Taro.navigateTo({ url })
}

function Profile({ me }: { me: MeData }) {
  const p = me.profile
  return (
    <View className='me-profile' data-testid='me-profile'>
      <View className='me-profile__avatar'>
        <Text>{p.name ? p.name.slice(0, 1) : '我'}</Text>
      </View>
      <View className='me-profile__info'>
        <View className='me-profile__row'>
          <Text className='me-profile__name' data-testid='me-name'>
            {p.name ?? '未填写姓名'}
          </Text>
          <View data-testid='me-status'>
            <Tag type={USER_STATUS_TAG[me.status]}>{USER_STATUS_LABELS[me.status]}</Tag>
          </View>
          {me.status === 'active' && me.tier === 'advanced' ? (
            <View data-testid='me-tier'>
              <Tag background='#e8f3ff' color='#1668dc'>
                高级权限
              </Tag>
            </View>
          ) : null}
        </View>
        <Text className='me-profile__phone' data-testid='me-phone'>
          {p.phone ?? '未绑定手机号'}
        </Text>
        {p.hospital ? (
          <Text className='me-profile__org'>
            {p.hospital.name}
            {p.department ? ` · ${p.department.name}` : ''}
          </Text>
        ) : null}
      </View>
    </View>
  )
}

type PointsState = { kind: 'loading' } | { kind: 'ready'; summary: PointsSummary } | { kind: 'error' }

/**
 * The points summary of `userId` (null: no card), loaded when the card appears
 * and again each time the tab is shown; a shown balance stays while it
 * refreshes, and a failure stays quiet (the card offers 重试) so the rest of
 * 我的 is never blocked by it. Another account starts from the skeleton.
 */
function usePointsSummary(userId: string | null) {
  const [state, setState] = useState<PointsState>({ kind: 'loading' })
  const latest = useRef(0)
  const load = useCallback(async () => {
    const call = ++latest.current
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }))
    try {
      const summary = await getPointsSummary()
      if (call === latest.current) setState({ kind: 'ready', summary })
    } catch {
      if (call === latest.current) setState((s) => (s.kind === 'ready' ? s : { kind: 'error' }))
    }
  }, [])
  useEffect(() => {
    latest.current++
    setState({ kind: 'loading' })
    if (userId) void load()
  }, [userId, load])
  const userRef = useRef(userId)
  userRef.current = userId
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else if (userRef.current) void load()
  })
  return { state, load }
}

/** 我的积分: balance, this year's earnings and the yearly gift value cap, with the three ways in. */
function PointsCard({ state, onRetry }: { state: PointsState; onRetry: () => void }) {
  return (
    <View className='me-points' data-testid='me-points'>
      <Text className='me-points__label'>我的积分</Text>
      {state.kind === 'loading' ? (
        <View className='me-points__skeleton' data-testid='me-points-loading'>
          <Skeleton rows={2} animated />
        </View>
      ) : null}
      {state.kind === 'error' ? (
        <View className='me-points__error' data-testid='me-points-error'>
          <Text>积分暂时无法加载</Text>
          <Button size='small' fill='outline' type='primary' onClick={onRetry} data-testid='me-points-retry'>
            重试
          </Button>
        </View>
      ) : null}
      {state.kind === 'ready' ? (
        <View className='me-points__main' onClick={() => go(ROUTES.points)}>
          <Text className='me-points__balance' data-testid='me-points-balance'>
            {state.summary.balance}
          </Text>
          <View className='me-points__facts'>
            <Text className='me-points__meta' data-testid='me-points-earned'>
              今年已获得 {state.summary.earnedThisYear} 积分
            </Text>
            <Text className='me-points__meta' data-testid='me-points-cap'>
              今年已兑礼品 ¥{state.summary.giftValueThisYearYuan} / 上限 ¥{state.summary.caps.yearlyValueCapYuan}
            </Text>
          </View>
        </View>
      ) : null}
      <View className='me-points__links'>
        <View className='me-points__link' onClick={() => go(ROUTES.points)} data-testid='me-points-ledger'>
          <Text>积分明细</Text>
        </View>
        <View className='me-points__link me-points__link--primary' onClick={() => go(ROUTES.gifts)} data-testid='me-points-gifts'>
          <Text>礼品兑换</Text>
        </View>
        <View className='me-points__link' onClick={() => go(ROUTES.orders)} data-testid='me-points-orders'>
          <Text>我的兑换</Text>
        </View>
      </View>
    </View>
  )
}

export default function Me() {
  useEntryGate()
  const session = useSession()
  const [leaving, setLeaving] = useState(false)
  const unread = useUnread()
  const showPoints = session.phase === 'ready' && session.me.status === 'active' && hasPermission(session, 'points.self')
  const points = usePointsSummary(showPoints && session.phase === 'ready' ? session.me.id : null)
  const privacyOverdue = useOverduePrivacyCount(hasPermission(session, 'admin.privacy'))

  useDidShow(() => {
    if (getToken()) void loadSession(true).then(refreshUnreadFor)
  })

  const logout = async () => {
    if (leaving) return
    const res = await Taro.showModal({
      title: '退出登录',
      content: '退出后需要重新验证手机号才能登录。确定退出吗？',
      confirmText: '退出',
      confirmColor: '#f53f3f',
    })
    if (!res.confirm) return
    setLeaving(true)
    try {
      await signOut()
      void Taro.showToast({ title: '已退出登录', icon: 'success' })
    } catch (err) {
      // The session is forgotten on this device either way.
      void Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setLeaving(false)
    }
  }

  if (session.phase === 'loading') {
    return (
      <View className='me page-narrow'>
        <View className='me-profile'>
          <Skeleton rows={3} animated />
        </View>
      </View>
    )
  }

  if (session.phase === 'anonymous') {
    return (
      <View className='me page-narrow'>
        <CellGroup>
          <Cell title='登录 / 注册' description='登录后可报修、查看工单和积分' onClick={() => go(ROUTES.login)} className='me-login' />
        </CellGroup>
      </View>
    )
  }

  if (session.phase === 'error') {
    return (
      <View className='me page-narrow'>
        <PageError error={session.error} onRetry={() => void loadSession(true)} action={{ text: '退出登录', onClick: () => void logout() }} />
      </View>
    )
  }

  const { me } = session
  const isAdminReviewer = hasPermission(session, 'admin.registrations')
  const isAccessAdmin = hasPermission(session, 'admin.access')
  // Admins hold every permission; advanced access is a staff tier (the server answers 403 to anyone else).
  const canRequestAccess = me.status === 'active' && me.roles.includes('staff') && hasPermission(session, 'access.request')
  return (
    <View className='me page-narrow'>
      <Profile me={me} />
      {me.status === 'cancelling' ? (
        // Signed in again during the grace period (隐私中心 → 注销账号 says when the data goes and offers 撤销注销).
        <CellGroup>
          <Cell
            className='me-cancelling'
            title={
              <Text style={{ color: '#f53f3f', fontWeight: 600 }} data-testid='me-cancelling'>
                账号注销中
              </Text>
            }
            description='到期后您的个人信息将被删除或匿名化。点此查看删除日期，或撤销注销'
            onClick={() => go(ROUTES.privacyCancel)}
          />
        </CellGroup>
      ) : null}
      {showPoints ? <PointsCard state={points.state} onRetry={() => void points.load()} /> : null}
      <CellGroup>
        {me.status === 'unregistered' ? (
          <Cell title='填写注册信息' description='提交后由管理员审核' onClick={() => go(ROUTES.register)} className='me-register' />
        ) : null}
        {me.status === 'pending' || me.status === 'rejected' ? (
          <Cell title='注册审核状态' extra={USER_STATUS_LABELS[me.status]} onClick={() => go(ROUTES.status)} className='me-registration-status' />
        ) : null}
        {me.status === 'active' ? (
          <Cell
            title='消息通知'
            description='工单进展、留言与时限提醒'
            extra={unread ? <Text className='me-unread' data-testid='me-unread-count'>{unread > 99 ? '99+' : unread}</Text> : undefined}
            onClick={() => go(ROUTES.notifications)}
            className='me-notifications'
          />
        ) : null}
        {canUseWorkbench(me) ? (
          <Cell
            title='工程师工作台'
            description={me.roles.includes('engineer') ? '待接单与我的工单' : '待指派的工单，指派工程师'}
            onClick={() => go(ROUTES.engineer)}
            className='me-workbench'
          />
        ) : null}
        {canRequestAccess ? (
          <Cell
            title={me.tier === 'advanced' ? '高级权限' : '申请高级权限'}
            description={
              me.tier === 'advanced'
                ? `已管理 ${me.managedDepartments.length} 个科室，可查看其报修工单`
                : '科室负责人可申请查看所管理科室的报修工单'
            }
            onClick={() => go(ROUTES.accessRequest)}
            className='me-access-request'
          />
        ) : null}
        {canViewFleet(me) ? (
          <Cell title='设备概况' description='所管理科室的设备维修次数、停机天数和保修期' onClick={() => go(ROUTES.fleet)} className='me-fleet' />
        ) : null}
        {hasPermission(session, 'admin.dashboard') ? (
          <Cell
            title='管理后台'
            description='数据看板、用户管理、医院与设备、批量导入、审计日志（电脑浏览器打开更方便）'
            onClick={() => go(ROUTES.adminHome)}
            className='me-admin-console'
          />
        ) : null}
        {isAdminReviewer ? (
          <Cell title='注册审核' description='审核医院员工的注册申请' onClick={() => go(ROUTES.adminRegistrations)} className='me-admin-registrations' />
        ) : null}
        {isAccessAdmin ? (
          <Cell title='高级权限审核' description='审核高级权限申请，管理高级权限用户' onClick={() => go(ROUTES.adminAccess)} className='me-admin-access' />
        ) : null}
        {hasPermission(session, 'admin.gifts') ? (
          <Cell title='礼品订单' description='发货、签收、取消，导出待发货订单' onClick={() => go(ROUTES.adminOrders)} className='me-admin-orders' />
        ) : null}
        {hasPermission(session, 'admin.gifts') ? (
          <Cell title='礼品管理' description='上架礼品、调整库存' onClick={() => go(ROUTES.adminGifts)} className='me-admin-gifts' />
        ) : null}
        {hasPermission(session, 'library.write') ? (
          <Cell title='资料库管理' description='编写、发布资料，查看阅读统计（电脑端）' onClick={() => go(ROUTES.libraryAdmin)} className='me-library-admin' />
        ) : null}
        {hasPermission(session, 'admin.privacy') ? (
          <Cell
            title='隐私合规'
            description='处理隐私申请，查看访问日志和接收方登记'
            extra={privacyOverdue ? <Text className='me-unread' data-testid='me-privacy-overdue'>{privacyOverdue > 99 ? '99+' : privacyOverdue}</Text> : undefined}
            onClick={() => go(ROUTES.adminPrivacy)}
            className='me-admin-privacy'
          />
        ) : null}
        <Cell title='隐私中心' description='查看和导出我的数据、管理授权、个人信息申请、注销账号' onClick={() => go(ROUTES.privacy)} className='me-privacy' />
      </CellGroup>
      <View className='me__logout'>
        <Button block fill='outline' type='danger' loading={leaving} disabled={leaving} onClick={() => void logout()} data-testid='me-logout'>
          退出登录
        </Button>
      </View>
    </View>
  )
}
