import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '@shared/schemas/me.schema'
import SessionGate from '../../components/SessionGate'
import { useHealth } from '../../hooks/useHealth'
import { DATA_IN_CHINA } from '../../labels/privacy.zh'
import { regionLabel } from '../../labels/region.zh'
import { ROUTES } from '../../routes'
import LinkRow from './components/LinkRow'
import PolicySheet from './components/PolicySheet'
import './components/parts.scss'
import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })

function PrivacyHome({ me }: { me: Me }) {
  const [policyOpen, setPolicyOpen] = useState(false)
  const health = useHealth()
  const optional = me.consents.purposes.filter((p) => p !== 'service').length
  const cancelling = me.status === 'cancelling'

  return (
    <View className='pv-page privacy-home page-narrow' data-testid='privacy-home'>
      {cancelling ? (
        <View className='pv-notice pv-notice--danger' onClick={() => go(ROUTES.privacyCancel)} data-testid='privacy-cancelling'>
          <Text className='pv-notice__title'>账号注销中</Text>
          <Text>到期后您的个人信息将被删除或匿名化。如果改变主意，请点此撤销注销。</Text>
        </View>
      ) : null}

      <View className='pv-card privacy-home__intro'>
        <Text className='privacy-home__title'>隐私中心</Text>
        <Text className='pv-text'>
          我们只为提供内镜售后服务处理您的个人信息。在这里，您可以查看和导出我们保存的全部信息、更正资料、管理授权、提出申请，或注销账号。
        </Text>
      </View>

      <View className='pv-links'>
        <LinkRow
          title='我的数据（查看与导出）'
          description='我们保存的您的全部信息，可导出为文件'
          testId='privacy-go-data'
          onClick={() => go(ROUTES.privacyData)}
        />
        <LinkRow
          title='更正资料 / 修改手机号'
          description='姓名、职务、职称、性别、科室；更换手机号需验证新号码'
          testId='privacy-go-correct'
          onClick={() => go(`${ROUTES.privacyData}?edit=profile`)}
        />
        <LinkRow
          title='授权管理'
          description='工牌照片、故障照片和语音、位置、向经销商提供信息'
          extra={`已同意 ${optional} 项`}
          testId='privacy-go-consents'
          onClick={() => go(ROUTES.privacyConsents)}
        />
        <LinkRow
          title='个人信息申请'
          description='更正、删除、转移、解释说明、投诉，15 天内答复'
          testId='privacy-go-requests'
          onClick={() => go(ROUTES.privacyRequests)}
        />
        <LinkRow
          title='第三方提供记录'
          description='哪些经销商在何时收到了您工单中的哪些信息'
          testId='privacy-go-provisions'
          onClick={() => go(ROUTES.privacyProvisions)}
        />
      </View>

      <View className='pv-links'>
        <LinkRow
          title='隐私政策'
          description={me.consents.policyVersion ? `您已同意 ${me.consents.policyVersion} 版` : undefined}
          extra='查看全文'
          testId='privacy-policy-open'
          onClick={() => setPolicyOpen(true)}
        />
      </View>

      <View className='pv-card' data-testid='privacy-residency'>
        <Text className='pv-card__title'>数据存储在中国境内</Text>
        <Text className='pv-text'>{DATA_IN_CHINA}</Text>
        {health.state.kind === 'ready' ? (
          <Text className='pv-muted' data-testid='privacy-region'>
            当前服务的数据存储地区：{regionLabel(health.state.health.region)}
          </Text>
        ) : null}
      </View>

      <View className='pv-links'>
        <LinkRow
          title={cancelling ? '注销账号（注销中）' : '注销账号'}
          description={cancelling ? '查看删除日期，或撤销注销' : '注销后退出登录，个人信息在期限后删除或匿名化'}
          danger
          testId='privacy-go-cancel'
          onClick={() => go(ROUTES.privacyCancel)}
        />
      </View>

      <PolicySheet open={policyOpen} onClose={() => setPolicyOpen(false)} />
    </View>
  )
}

/** 隐私中心 (我的 → 隐私中心): the person's rights under PIPL in one place. */
export default function PrivacyHomePage() {
  return <SessionGate className='pv-page privacy-home page-narrow'>{(me) => <PrivacyHome me={me} />}</SessionGate>
}
