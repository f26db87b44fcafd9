import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { Me } from '@shared/schemas/me.schema'
import type { ConsentPurpose, Policy } from '@shared/schemas/privacy.schema'
import { PageError, PageLoading } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import SheetActions from '../../../components/SheetActions'
import StatusTag from '../../../components/StatusTag'
import { usePageReload } from '../../../hooks/usePageReload'
import { CONSENT_GRANT_EFFECTS, CONSENT_WITHDRAW_EFFECTS } from '../../../labels/privacy.zh'
import { messageOf } from '../../../services/errors.zh'
import { getPolicy, regrantConsent, withdrawConsent } from '../../../services/privacy'
import { loadSession, updateConsents } from '../../../stores/session'
import { ROUTES } from '../../../routes'
import '../components/parts.scss'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'ready'; policy: Policy } | { kind: 'error'; error: unknown }
type PolicyPurpose = Policy['purposes'][number]
type Ask = { key: Exclude<ConsentPurpose, 'service'>; title: string; description: string; action: 'withdraw' | 'grant' }

function PurposeCard({ purpose, granted, onAsk }: { purpose: PolicyPurpose; granted: boolean; onAsk: (a: Ask['action']) => void }) {
  const base = purpose.key === 'service'
  return (
    <View className='pv-card consent-item' data-testid='consent-item' data-purpose={purpose.key} data-granted={granted ? 'true' : 'false'}>
      <View className='pv-card__head'>
        <View className='consent-item__name'>
          <Text className='pv-card__title'>{purpose.title}</Text>
          {purpose.sensitive ? <Text className='consent-item__sensitive'>敏感</Text> : null}
        </View>
        <StatusTag
          status={granted ? 'granted' : 'withdrawn'}
          label={granted ? '已同意' : '未同意'}
          type={granted ? 'success' : 'muted'}
          className='consent-item__state'
          testId={`consent-state-${purpose.key}`}
        />
      </View>
      <Text className='pv-text'>{purpose.description}</Text>
      {base ? (
        <View className='consent-item__base'>
          <Text className='pv-muted'>这是使用报修、工单查询等服务的基础授权，不能单独撤回。如不再使用本服务，可以注销账号。</Text>
          <Text className='pv-card__link' onClick={() => void Taro.navigateTo({ url: ROUTES.privacyCancel })} data-testid='consent-go-cancel'>
            注销账号 ›
          </Text>
        </View>
      ) : (
        <View className='consent-item__actions'>
          {granted ? (
            <Button size='small' fill='outline' type='danger' onClick={() => onAsk('withdraw')} data-testid={`consent-withdraw-${purpose.key}`}>
              撤回授权
            </Button>
          ) : (
            <Button size='small' type='primary' onClick={() => onAsk('grant')} data-testid={`consent-grant-${purpose.key}`}>
              同意授权
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

function Consents({ me }: { me: Me }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [ask, setAsk] = useState<Ask | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const fetch = useCallback(async (quiet = false) => {
    if (!quiet) setLoad({ kind: 'loading' })
    // The session's consents may be old (another device): reread them with the policy.
    const [policy] = await Promise.allSettled([getPolicy(true), loadSession(true)])
    if (policy.status === 'fulfilled') setLoad({ kind: 'ready', policy: policy.value })
    else if (!quiet) setLoad({ kind: 'error', error: policy.reason })
  }, [])
  usePageReload(fetch)

  if (load.kind === 'loading') return <PageLoading rows={8} />
  if (load.kind === 'error') return <PageError error={load.error} onRetry={() => void fetch()} />

  const granted = new Set(me.consents.purposes)
  const close = () => {
    if (!busy) setAsk(null)
  }

  const confirm = async () => {
    if (!ask || busy) return
    setBusy(true)
    setError(undefined)
    try {
      const next = ask.action === 'withdraw' ? await withdrawConsent(ask.key) : await regrantConsent(ask.key)
      updateConsents(next)
      setAsk(null)
      void Taro.showToast({ title: ask.action === 'withdraw' ? '已撤回授权' : '已同意授权', icon: 'success' })
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const open = (purpose: PolicyPurpose, action: Ask['action']) => {
    if (purpose.key === 'service') return
    setError(undefined)
    setAsk({ key: purpose.key, title: purpose.title, description: purpose.description, action })
  }

  return (
    <View className='pv-page consents page-narrow' data-testid='consents-page'>
      <View className='pv-notice pv-notice--info'>
        <Text>
          以下每一项都由您单独决定。撤回和同意一样简单，撤回只影响该项对应的功能，其他功能照常使用；撤回不影响撤回前已进行的处理。
        </Text>
        {me.consents.policyVersion ? <Text className='pv-muted'>您已同意的隐私政策版本：{me.consents.policyVersion}</Text> : null}
      </View>
      {load.policy.purposes.map((p) => (
        <PurposeCard key={p.key} purpose={p} granted={granted.has(p.key)} onAsk={(action) => open(p, action)} />
      ))}

      <Popup visible={ask !== null} position='bottom' round closeOnOverlayClick={!busy} onClose={close}>
        {ask ? (
          <View className='pv-sheet' data-testid='consent-dialog' data-purpose={ask.key} data-action={ask.action}>
            <Text className='pv-sheet__title'>
              {ask.action === 'withdraw' ? `撤回“${ask.title}”授权？` : `同意“${ask.title}”？`}
            </Text>
            <Text className='pv-text' data-testid='consent-dialog-effect'>
              {ask.action === 'withdraw' ? CONSENT_WITHDRAW_EFFECTS[ask.key] : CONSENT_GRANT_EFFECTS[ask.key]}
            </Text>
            {ask.action === 'grant' ? <Text className='pv-muted'>{ask.description}</Text> : null}
            <Text className='pv-muted'>您随时可以在这里{ask.action === 'withdraw' ? '重新同意' : '撤回'}。</Text>
            {error ? (
              <Text className='pv-error' data-testid='consent-dialog-error'>
                {error}
              </Text>
            ) : null}
            <SheetActions
              block='pv-sheet'
              confirmText={ask.action === 'withdraw' ? '确认撤回' : '同意'}
              confirmType={ask.action === 'withdraw' ? 'danger' : 'primary'}
              busy={busy}
              onCancel={close}
              onConfirm={() => void confirm()}
              cancelTestId='consent-cancel'
              confirmTestId='consent-confirm'
            />
          </View>
        ) : null}
      </Popup>
    </View>
  )
}

/** 授权管理: each consent purpose, what it is for, its state; withdraw or grant again, each confirmed. */
export default function ConsentsPage() {
  return (
    <SessionGate className='pv-page consents page-narrow'>
      {(me) => <Consents me={me} />}
    </SessionGate>
  )
}
