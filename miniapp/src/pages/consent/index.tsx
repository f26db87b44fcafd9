import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro, { useRouter, useUnload } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Checkbox } from '@nutui/nutui-react-taro'
import type { ConsentPurpose, Policy } from '@shared/schemas/privacy.schema'
import AgreeButton from '../../components/AgreeButton'
import { PageError, PageLoading } from '../../components/PageState'
import { isApiError } from '../../services/api-error'
import { messageOf } from '../../services/errors.zh'
import { getPolicy, grantConsents } from '../../services/privacy'
import { getToken } from '../../services/token'
import { savePendingConsent } from '../../stores/consent'
import { getSession, loadSession, signOut, updateConsents } from '../../stores/session'
import { goToWhereUserBelongs, ROUTES } from '../../routes'
import { notifyConsentAccepted, setReconsentOpen } from '../../reconsent'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; policy: Policy }

function formatDate(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()} 年 ${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日`
}

/**
 * The privacy policy and its purposes, before anything personal is collected
 * (first launch, before login) and again when a material new version exists.
 * Logged out: the choice is kept on the device until login sends it.
 * Logged in: POST /privacy/consents at once.
 */
export default function Consent() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [agreed, setAgreed] = useState(false)
  const [adult, setAdult] = useState(false)
  const [optional, setOptional] = useState<ConsentPurpose[]>([])
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string>()
  const loggedIn = Boolean(getToken())
  // Opened because a material new version replaced the one this user accepted.
  const updated = useRouter().params.reason === 'updated'

  useEffect(() => {
    setReconsentOpen(true)
  }, [])
  useUnload(() => setReconsentOpen(false))

  const fetchPolicy = useCallback(async () => {
    setLoad({ kind: 'loading' })
    try {
      setLoad({ kind: 'ready', policy: await getPolicy(true) })
    } catch (error) {
      setLoad({ kind: 'error', error })
    }
  }, [])

  useEffect(() => {
    void fetchPolicy()
  }, [fetchPolicy])

  const policy = load.kind === 'ready' ? load.policy : undefined
  const requiredOthers = useMemo(() => policy?.purposes.filter((p) => p.required && p.key !== 'service') ?? [], [policy])
  const [requiredTicks, setRequiredTicks] = useState<ConsentPurpose[]>([])
  const optionalPurposes = useMemo(() => policy?.purposes.filter((p) => !p.required) ?? [], [policy])
  const servicePurpose = policy?.purposes.find((p) => p.key === 'service')

  const ready = agreed && adult && requiredOthers.every((p) => requiredTicks.includes(p.key))

  const toggle = (list: ConsentPurpose[], key: ConsentPurpose, on: boolean) =>
    on ? [...list.filter((k) => k !== key), key] : list.filter((k) => k !== key)

  const accept = async () => {
    if (!policy || !ready || submitting) return
    const purposes: ConsentPurpose[] = ['service', ...requiredTicks, ...optional.filter((k) => !requiredTicks.includes(k))]
    setSubmitting(true)
    setSubmitError(undefined)
    try {
      if (!loggedIn) {
        savePendingConsent(policy.version, purposes)
        const pages = Taro.getCurrentPages()
        const previous = pages[pages.length - 2]?.route ?? ''
        if (previous.replace(/^\//, '').startsWith('pages/login/')) void Taro.navigateBack()
        else void Taro.redirectTo({ url: ROUTES.login })
        return
      }
      const consents = await grantConsents({ policyVersion: policy.version, purposes, adult: true })
      updateConsents(consents)
      const state = getSession().phase === 'ready' ? getSession() : await loadSession(true)
      setReconsentOpen(false)
      notifyConsentAccepted()
      if (updated && Taro.getCurrentPages().length > 1) {
        // Interrupted by RECONSENT_REQUIRED: back to where the user was.
        void Taro.navigateBack()
      } else if (state.phase === 'ready') {
        goToWhereUserBelongs(state.me)
      } else {
        void Taro.switchTab({ url: ROUTES.home })
      }
    } catch (error) {
      if (isApiError(error) && (error.code === 'VALIDATION_FAILED' || error.code === 'CONFLICT')) {
        // The policy changed while this page was open: show the new one, nothing ticked.
        setSubmitError('隐私政策刚刚更新，请阅读新版本后再同意')
        setAgreed(false)
        setAdult(false)
        setRequiredTicks([])
        setOptional([])
        void fetchPolicy()
      } else {
        setSubmitError(messageOf(error))
      }
    } finally {
      setSubmitting(false)
    }
  }

  const decline = async () => {
    if (loggedIn) {
      const res = await Taro.showModal({
        title: '无法继续使用',
        content: '不同意隐私政策，将无法继续使用 ScopeDesk 的报修、工单等服务。您可以退出登录，或返回继续阅读。',
        confirmText: '返回阅读',
        confirmColor: '#1668dc',
        cancelText: '退出登录',
      })
      if (res.cancel) {
        await signOut().catch(() => undefined)
        setReconsentOpen(false)
        void Taro.reLaunch({ url: ROUTES.me })
      }
      return
    }
    await Taro.showModal({
      title: '无法继续使用',
      content: 'ScopeDesk 需要您同意隐私政策后才能提供报修、工单查询等服务。您可以随时回到本页阅读并同意。',
      showCancel: false,
      confirmText: '我知道了',
      confirmColor: '#1668dc',
    })
  }

  if (load.kind === 'loading') {
    return (
      <View className='consent page-narrow'>
        <PageLoading rows={8} />
      </View>
    )
  }
  if (load.kind === 'error') {
    return (
      <View className='consent page-narrow'>
        <PageError error={load.error} onRetry={() => void fetchPolicy()} />
      </View>
    )
  }

  const p = load.policy
  return (
    <View className='consent page-narrow' data-testid='consent-page'>
      {loggedIn ? (
        <View className='consent__notice' data-testid='consent-reconsent'>
          {updated ? `隐私政策已更新（${p.version} 版），请阅读并同意后继续使用。` : '请阅读并同意隐私政策后继续使用。'}
        </View>
      ) : null}
      <View className='consent__head'>
        <Text className='consent__title' data-testid='consent-title'>
          {p.title}
        </Text>
        <Text className='consent__meta'>
          版本 {p.version} · {formatDate(p.publishedAt)} 发布
        </Text>
      </View>

      <ScrollView scrollY className='consent__text' data-testid='consent-text'>
        <Text className='consent__body' userSelect>
          {p.text}
        </Text>
      </ScrollView>

      <View className='consent__group'>
        <Text className='consent__group-title'>必须同意</Text>
        <Checkbox className='consent__check' checked={agreed} onChange={setAgreed} data-testid='consent-service'>
          <View className='consent__label'>
            <Text className='consent__label-title'>我已阅读并同意《{p.title}》</Text>
            {servicePurpose ? <Text className='consent__label-desc'>{servicePurpose.description}</Text> : null}
          </View>
        </Checkbox>
        {requiredOthers.map((purpose) => (
          <Checkbox
            key={purpose.key}
            className='consent__check'
            checked={requiredTicks.includes(purpose.key)}
            onChange={(on) => setRequiredTicks((list) => toggle(list, purpose.key, on))}
            data-testid={`consent-purpose-${purpose.key}`}
          >
            <View className='consent__label'>
              <Text className='consent__label-title'>{purpose.title}</Text>
              <Text className='consent__label-desc'>{purpose.description}</Text>
            </View>
          </Checkbox>
        ))}
        <Checkbox className='consent__check' checked={adult} onChange={setAdult} data-testid='consent-adult'>
          <View className='consent__label'>
            <Text className='consent__label-title'>我已年满 18 周岁</Text>
            <Text className='consent__label-desc'>本服务仅面向成年医务人员</Text>
          </View>
        </Checkbox>
      </View>

      {optionalPurposes.length > 0 ? (
        <View className='consent__group'>
          <Text className='consent__group-title'>可选的单独授权</Text>
          <Text className='consent__group-hint'>
            以下涉及敏感个人信息，需要您逐项单独同意；不同意不影响其他功能，用到时我们会再次询问，也可随时在“我的 - 隐私中心”中撤回。
          </Text>
          {optionalPurposes.map((purpose) => (
            <Checkbox
              key={purpose.key}
              className='consent__check'
              checked={optional.includes(purpose.key)}
              onChange={(on) => setOptional((list) => toggle(list, purpose.key, on))}
              data-testid={`consent-purpose-${purpose.key}`}
            >
              <View className='consent__label'>
                <Text className='consent__label-title'>
                  {purpose.title}
                  {purpose.sensitive ? <Text className='consent__sensitive'>敏感</Text> : null}
                </Text>
                <Text className='consent__label-desc'>{purpose.description}</Text>
              </View>
            </Checkbox>
          ))}
        </View>
      ) : null}

      {submitError ? (
        <Text className='consent__error' data-testid='consent-error'>
          {submitError}
        </Text>
      ) : null}

      <View className='consent__actions'>
        <View className='consent__decline'>
          <Button block fill='outline' onClick={() => void decline()} data-testid='consent-decline'>
            不同意
          </Button>
        </View>
        <View className='consent__accept'>
          <AgreeButton disabled={!ready || submitting} loading={submitting} onClick={() => void accept()}>
            同意并继续
          </AgreeButton>
        </View>
      </View>
      {!ready ? <Text className='consent__tip'>请勾选必须同意的两项后继续</Text> : null}
    </View>
  )
}
