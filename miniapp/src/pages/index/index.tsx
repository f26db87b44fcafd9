import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button, Skeleton, Tag } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import HealthCard from '../../components/HealthCard'
import { useEntryGate } from '../../hooks/useEntryGate'
import { useHealth } from '../../hooks/useHealth'
import { messageOf } from '../../services/errors.zh'
import { getToken } from '../../services/token'
import { loadSession, useSession, type SessionState } from '../../stores/session'
import { refreshChatUnread, useChatUnread } from '../../stores/chat-unread'
import { refreshUnreadFor, useUnread } from '../../stores/unread'
import { canAnswerChats, canReport, canUseChat, canUseWorkbench, ROUTES } from '../../routes'
import './index.scss'

function LoginCta() {
  return (
    <View className='home-card home-cta' data-testid='home-login-cta'>
      <Text className='home-cta__title'>登录后即可在线报修</Text>
      <Text className='home-cta__text'>医院员工使用手机号登录并完成注册，审核通过后即可报修、查询维修进度、咨询客服。</Text>
      <Button block type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.login })} data-testid='home-login'>
        登录 / 注册
      </Button>
    </View>
  )
}

function Banner({ me }: { me: Me }) {
  const go = (url: string) => () => void Taro.navigateTo({ url })
  switch (me.status) {
    case 'unregistered':
      return (
        <View className='home-banner home-banner--info' onClick={go(ROUTES.register)} data-testid='home-status-banner'>
          <Text className='home-banner__title'>还差一步：填写注册信息</Text>
          <Text className='home-banner__text'>填写医院、科室并上传工牌照片，提交后由管理员审核。点击填写 ›</Text>
        </View>
      )
    case 'pending':
      return (
        <View className='home-banner home-banner--warning' onClick={go(ROUTES.status)} data-testid='home-status-banner'>
          <Text className='home-banner__title'>注册审核中</Text>
          <Text className='home-banner__text'>管理员审核通过后即可使用报修等功能。点击查看进度 ›</Text>
        </View>
      )
    case 'rejected':
      return (
        <View className='home-banner home-banner--danger' onClick={go(ROUTES.status)} data-testid='home-status-banner'>
          <Text className='home-banner__title'>注册未通过审核</Text>
          <Text className='home-banner__text'>{me.rejectionReason ? `原因：${me.rejectionReason}。` : ''}点击修改后重新提交 ›</Text>
        </View>
      )
    case 'cancelling':
      return (
        <View className='home-banner' data-testid='home-status-banner'>
          <Text className='home-banner__title'>账号注销中</Text>
          <Text className='home-banner__text'>您已申请注销账号，相关个人信息将按承诺的期限删除。</Text>
        </View>
      )
    default: {
      const p = me.profile
      return (
        <View className='home-card home-welcome' data-testid='home-welcome'>
          <View className='home-welcome__row'>
            <Text className='home-welcome__name'>{p.name ? `${p.name}，您好` : '您好'}</Text>
            <Tag type='success'>已认证</Tag>
          </View>
          {p.hospital ? (
            <Text className='home-welcome__org'>
              {p.hospital.name}
              {p.department ? ` · ${p.department.name}` : ''}
            </Text>
          ) : null}
        </View>
      )
    }
  }
}

/** 一键报修, at the top for staff who may report. */
function ReportCta() {
  return (
    <View className='home-card home-report' onClick={() => void Taro.navigateTo({ url: ROUTES.ticketReport })} data-testid='home-report'>
      <View className='home-report__text'>
        <Text className='home-report__title'>一键报修</Text>
        <Text className='home-report__sub'>扫码识别设备，拍照描述故障，一分钟提交</Text>
      </View>
      <Text className='home-report__go'>›</Text>
    </View>
  )
}

/** Engineers and admins: straight to 待接单 / 我的工单. */
function WorkbenchCta({ me }: { me: Me }) {
  const engineer = me.roles.includes('engineer')
  return (
    <View className='home-card home-report home-workbench' onClick={() => void Taro.navigateTo({ url: ROUTES.engineer })} data-testid='home-workbench'>
      <View className='home-report__text'>
        <Text className='home-report__title'>工程师工作台</Text>
        <Text className='home-report__sub'>{engineer ? '待接单与我的工单，接单、记录维修过程' : '待指派的工单与全部工单，指派工程师'}</Text>
      </View>
      <Text className='home-report__go'>›</Text>
    </View>
  )
}

/** 在线咨询 (staff ask; engineers and admins answer) and 资料库, side by side. */
function ServiceCards({ me, chatUnread }: { me: Me; chatUnread: number | null }) {
  const chat = canUseChat(me)
  const library = me.status === 'active' && me.permissions.includes('library.read')
  if (!chat && !library) return null
  const answerer = canAnswerChats(me)
  return (
    <View className='home-services'>
      {chat ? (
        <View className='home-service' onClick={() => void Taro.navigateTo({ url: answerer ? ROUTES.chatQueue : ROUTES.chat })} data-testid='home-chat'>
          <View className='home-service__head'>
            <Text className='home-service__title'>{answerer ? '咨询接待' : '在线咨询'}</Text>
            {chatUnread ? (
              <Text className='home-service__badge' data-testid='home-chat-unread'>
                {chatUnread > 99 ? '99+' : chatUnread}
              </Text>
            ) : null}
          </View>
          <Text className='home-service__sub'>{answerer ? '认领并回复医院员工的咨询' : '先查资料，仍有疑问直接问工程师'}</Text>
        </View>
      ) : null}
      {library ? (
        <View className='home-service' onClick={() => void Taro.navigateTo({ url: ROUTES.library })} data-testid='home-library'>
          <Text className='home-service__title'>资料库</Text>
          <Text className='home-service__sub'>故障预防、安全使用、清洗消毒指南</Text>
        </View>
      ) : null}
    </View>
  )
}

/** Shown while something is unread: busy people see it without opening 我的. */
function UnreadBanner({ count }: { count: number }) {
  return (
    <View className='home-banner home-banner--info home-unread' onClick={() => void Taro.navigateTo({ url: ROUTES.notifications })} data-testid='home-notifications'>
      <Text className='home-banner__title'>
        您有 <Text data-testid='home-unread-count'>{count}</Text> 条未读消息
      </Text>
      <Text className='home-banner__text'>工单进展和留言，点击查看 ›</Text>
    </View>
  )
}

function SessionArea({ session }: { session: SessionState }) {
  switch (session.phase) {
    case 'loading':
      return (
        <View className='home-card'>
          <Skeleton rows={2} animated />
        </View>
      )
    case 'anonymous':
      return <LoginCta />
    case 'error':
      return (
        <View className='home-card home-session-error'>
          <Text className='home-banner__text'>{messageOf(session.error)}</Text>
          <Button size='small' onClick={() => void loadSession(true)}>
            重试
          </Button>
        </View>
      )
    default:
      return <Banner me={session.me} />
  }
}

export default function Index() {
  useEntryGate()
  const session = useSession()
  const { state, reload } = useHealth()
  const unread = useUnread()
  const chatUnread = useChatUnread()

  // The registration may have been approved meanwhile; new notifications and answers may have come.
  useDidShow(() => {
    if (!getToken()) return
    void loadSession(true).then((state) => {
      void refreshUnreadFor(state)
      if (state.phase === 'ready' && canUseChat(state.me)) void refreshChatUnread(canAnswerChats(state.me) ? 'claimed' : undefined)
    })
  })

  usePullDownRefresh(() => {
    void Promise.all([reload(), getToken() ? loadSession(true) : Promise.resolve()]).finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className='home page-narrow'>
      <View className='home__header'>
        <Text className='home__title'>ScopeDesk 内镜售后服务</Text>
        <Text className='home__subtitle'>报修、进度查询与资料，一站办理</Text>
      </View>
      {session.phase === 'ready' && canReport(session.me) ? <ReportCta /> : null}
      {session.phase === 'ready' && canUseWorkbench(session.me) ? <WorkbenchCta me={session.me} /> : null}
      {session.phase === 'ready' && unread ? <UnreadBanner count={unread} /> : null}
      {session.phase === 'ready' ? <ServiceCards me={session.me} chatUnread={chatUnread} /> : null}
      <SessionArea session={session} />
      <HealthCard state={state} onRetry={() => void reload()} />
    </View>
  )
}
