import { useCallback, useRef, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { ConsentPurpose } from '@shared/schemas/privacy.schema'
import { messageOf } from '../../services/errors.zh'
import { getPolicy, grantConsents } from '../../services/privacy'
import { getSession, updateConsents } from '../../stores/session'
import './index.scss'

interface Ask {
  purpose: ConsentPurpose
  title: string
  description: string
  /** Why this screen needs it, in the words of that screen. */
  reason: string
  resolve: (granted: boolean) => void
}

const FALLBACK: Partial<Record<ConsentPurpose, { title: string; description: string }>> = {
  location: { title: '位置信息', description: '仅在您查找附近医院时获取一次当前位置，用于按距离排序，不会保存。' },
  badge_photo: { title: '工牌或执业证照片', description: '用于核实您是医疗机构工作人员，仅审核人员可查看。' },
  fault_media: { title: '故障照片和语音', description: '用于工程师判断故障、安排维修，仅处理该工单的人员可查看。' },
}

/**
 * Separate consent for one sensitive purpose, asked where it is needed
 * (PIPL Art. 29): a dialog with the policy's own description of the purpose,
 * then POST /privacy/consents. `ensure` resolves true once it is granted.
 */
export function usePurposeConsent(): {
  ensure: (purpose: ConsentPurpose, reason: string, options?: { force?: boolean }) => Promise<boolean>
  dialog: ReactNode
} {
  const [ask, setAsk] = useState<Ask | null>(null)
  const [granting, setGranting] = useState(false)
  const [error, setError] = useState<string>()
  const askRef = useRef<Ask | null>(null)

  const ensure = useCallback(async (purpose: ConsentPurpose, reason: string, options: { force?: boolean } = {}) => {
    const session = getSession()
    if (!options.force && session.phase === 'ready' && session.me.consents.purposes.includes(purpose)) return true
    let title = FALLBACK[purpose]?.title ?? purpose
    let description = FALLBACK[purpose]?.description ?? ''
    try {
      const found = (await getPolicy()).purposes.find((p) => p.key === purpose)
      if (found) {
        title = found.title
        description = found.description
      }
    } catch {
      // The built-in wording is enough to ask; granting will need the server anyway.
    }
    askRef.current?.resolve(false)
    return new Promise<boolean>((resolve) => {
      const next = { purpose, title, description, reason, resolve }
      askRef.current = next
      setError(undefined)
      setAsk(next)
    })
  }, [])

  const close = (granted: boolean) => {
    askRef.current?.resolve(granted)
    askRef.current = null
    setAsk(null)
  }

  const grant = async () => {
    const current = askRef.current
    if (!current || granting) return
    setGranting(true)
    setError(undefined)
    try {
      const policy = await getPolicy()
      const consents = await grantConsents({ policyVersion: policy.version, purposes: [current.purpose], adult: true })
      updateConsents(consents)
      close(true)
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setGranting(false)
    }
  }

  const dialog = (
    <Popup visible={ask !== null} position='bottom' round closeOnOverlayClick={!granting} onClose={() => close(false)}>
      {ask ? (
        <View className='purpose-consent' data-testid={`purpose-consent-${ask.purpose}`}>
          <Text className='purpose-consent__title'>需要您单独同意：{ask.title}</Text>
          <Text className='purpose-consent__reason'>{ask.reason}</Text>
          {ask.description ? <Text className='purpose-consent__desc'>{ask.description}</Text> : null}
          <Text className='purpose-consent__note'>这属于敏感个人信息。不同意不影响其他功能，您也可以随时在“我的 - 隐私中心”中撤回。</Text>
          {error ? <Text className='purpose-consent__error'>{error}</Text> : null}
          <View className='purpose-consent__actions'>
            <View className='purpose-consent__btn'>
              <Button block fill='outline' disabled={granting} onClick={() => close(false)} data-testid='purpose-consent-decline'>
                暂不同意
              </Button>
            </View>
            <View className='purpose-consent__btn'>
              <Button block type='primary' loading={granting} disabled={granting} onClick={() => void grant()} data-testid='purpose-consent-accept'>
                同意并继续
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </Popup>
  )

  return { ensure, dialog }
}
