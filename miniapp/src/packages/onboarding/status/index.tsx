import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import { PageError, PageLoading, PageNeedLogin } from '../../../components/PageState'
import { GENDER_LABELS } from '../../../labels/user.zh'
import { getToken } from '../../../services/token'
import { loadSession, useSession } from '../../../stores/session'
import { ROUTES } from '../../../routes'
import './index.scss'

function Summary({ me }: { me: Me }) {
  const p = me.profile
  const rows: [string, string | null][] = [
    ['姓名', p.name],
    ['手机号', p.phone],
    ['医院', p.hospital?.name ?? null],
    ['科室', p.department?.name ?? null],
    ['职务', p.position],
    ['职称', p.title],
    ['性别', p.gender ? GENDER_LABELS[p.gender] : null],
    ['工牌照片', p.hasBadge ? '已上传' : '未上传'],
  ]
  return (
    <View className='status__summary'>
      <Text className='status__summary-title'>提交的信息</Text>
      {rows
        .filter((r): r is [string, string] => Boolean(r[1]))
        .map(([label, value]) => (
          <View key={label} className='status__row'>
            <Text className='status__label'>{label}</Text>
            <Text className='status__value'>{value}</Text>
          </View>
        ))}
    </View>
  )
}

/** Where a registration stands: pending (what happens next) or rejected (why, and correct it). */
export default function RegistrationStatus() {
  const session = useSession()
  const [refreshing, setRefreshing] = useState(false)

  const refresh = async () => {
    if (!getToken()) return
    setRefreshing(true)
    await loadSession(true)
    setRefreshing(false)
  }

  useDidShow(() => void refresh())
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })

  if (session.phase === 'loading') {
    return (
      <View className='status page-narrow'>
        <PageLoading rows={6} />
      </View>
    )
  }
  if (session.phase === 'anonymous') {
    return (
      <View className='status page-narrow'>
        <PageNeedLogin onLogin={() => void Taro.redirectTo({ url: ROUTES.login })} />
      </View>
    )
  }
  if (session.phase === 'error') {
    return (
      <View className='status page-narrow'>
        <PageError error={session.error} onRetry={() => void refresh()} />
      </View>
    )
  }

  const { me } = session
  const home = () => void Taro.switchTab({ url: ROUTES.home })

  if (me.status === 'unregistered') {
    return (
      <View className='status page-narrow'>
        <View className='status__hero'>
          <Text className='status__title' data-testid='status-title'>
            尚未提交注册信息
          </Text>
          <Text className='status__text'>填写医院、科室并上传工牌照片，提交后由管理员审核。</Text>
        </View>
        <Button block type='primary' onClick={() => void Taro.redirectTo({ url: ROUTES.register })}>
          去填写
        </Button>
      </View>
    )
  }

  if (me.status === 'rejected') {
    return (
      <View className='status page-narrow' data-testid='status-rejected'>
        <View className='status__hero status__hero--danger'>
          <View className='status__icon status__icon--danger'>
            <Text>!</Text>
          </View>
          <Text className='status__title' data-testid='status-title'>
            未通过审核
          </Text>
          <View className='status__reason' data-testid='status-reason'>
            <Text className='status__reason-label'>驳回原因</Text>
            <Text className='status__reason-text'>{me.rejectionReason ?? '管理员未填写原因，请联系客服'}</Text>
          </View>
          <Text className='status__text'>请按原因修改信息后重新提交，我们会再次审核。</Text>
        </View>
        <View className='status__actions'>
          <Button block type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.register })} data-testid='status-resubmit'>
            修改后重新提交
          </Button>
          <Button block fill='outline' onClick={home}>
            返回首页
          </Button>
        </View>
        <Summary me={me} />
      </View>
    )
  }

  if (me.status === 'pending') {
    return (
      <View className='status page-narrow' data-testid='status-pending'>
        <View className='status__hero'>
          <View className='status__icon'>
            <Text>…</Text>
          </View>
          <Text className='status__title' data-testid='status-title'>
            审核中
          </Text>
          <Text className='status__text'>您的注册信息已提交，管理员会核对您的工牌或执业证照片。</Text>
        </View>
        <View className='status__steps'>
          <Text className='status__summary-title'>接下来</Text>
          <View className='status__step status__step--done'>
            <Text className='status__step-dot' />
            <Text>已提交注册信息</Text>
          </View>
          <View className='status__step status__step--current'>
            <Text className='status__step-dot' />
            <Text>管理员审核（通过或驳回都会通知您，也可在本页查看）</Text>
          </View>
          <View className='status__step'>
            <Text className='status__step-dot' />
            <Text>审核通过后即可报修、查询维修进度、咨询客服</Text>
          </View>
        </View>
        <View className='status__actions'>
          <Button block type='primary' loading={refreshing} disabled={refreshing} onClick={() => void refresh()} data-testid='status-refresh'>
            刷新状态
          </Button>
          <Button block fill='outline' onClick={home} data-testid='status-home'>
            返回首页
          </Button>
        </View>
        <Summary me={me} />
      </View>
    )
  }

  return (
    <View className='status page-narrow' data-testid='status-active'>
      <View className='status__hero status__hero--success'>
        <View className='status__icon status__icon--success'>
          <Text>✓</Text>
        </View>
        <Text className='status__title' data-testid='status-title'>
          {me.status === 'cancelling' ? '账号注销中' : '审核已通过'}
        </Text>
        <Text className='status__text'>{me.status === 'cancelling' ? '您已申请注销账号。' : '您现在可以使用报修、工单查询等全部功能。'}</Text>
      </View>
      <Button block type='primary' onClick={home}>
        进入首页
      </Button>
    </View>
  )
}
