import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox, Popup } from '@nutui/nutui-react-taro'
import { CancellationRequestSchema } from '@shared/schemas/cancellation.schema'
import type { Me } from '@shared/schemas/me.schema'
import { PageError, PageLoading } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import SheetActions from '../../../components/SheetActions'
import { usePageReload } from '../../../hooks/usePageReload'
import { formatDateZh, maskPhone } from '../../../labels/privacy.zh'
import { isApiError } from '../../../services/api-error'
import { cancelAccount, daysUntil, getCancellation, undoCancellation, type CancellationView } from '../../../services/cancellation'
import { messageOf } from '../../../services/errors.zh'
import { sendOwnPhoneCode } from '../../../services/privacy'
import { formatShanghai } from '../../../utils/format'
import { endSession, loadSession, signOut } from '../../../stores/session'
import { goToWhereUserBelongs, ROUTES } from '../../../routes'
import SmsCodeField from '../components/SmsCodeField'
import '../../../components/Field/index.scss'
import '../components/parts.scss'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'ready'; view: CancellationView } | { kind: 'error'; error: unknown }

/** The day the purge may run if the account were cancelled now. */
function projectedPurge(graceDays: number, now: number = Date.now()): string {
  return new Date(now + graceDays * 86_400_000).toISOString()
}

/** What happens, and when: the statement the person reads before deciding (PIPL Art. 47). */
function Consequences({ graceDays, purgeDate }: { graceDays: number; purgeDate: string }) {
  return (
    <View className='pv-card' data-testid='cancel-statement'>
      <Text className='pv-card__title'>注销后会发生什么</Text>
      <View className='pv-steps'>
        <View className='pv-step'>
          <Text className='pv-step__when'>立即</Text>
          <Text className='pv-step__what'>所有设备上的登录立即失效。报修、咨询、积分兑换等功能停止使用。</Text>
        </View>
        <View className='pv-step'>
          <Text className='pv-step__when'>{graceDays} 天内</Text>
          <Text className='pv-step__what' data-testid='cancel-grace'>
            {`在 ${purgeDate} 之前，用本手机号重新登录，可以撤销注销，账号恢复原状。`}
          </Text>
        </View>
        <View className='pv-step'>
          <Text className='pv-step__when'>{graceDays} 天后</Text>
          <Text className='pv-step__what'>
            您的姓名、手机号、医院和科室、工牌照片、微信账号标识、收货地址、咨询记录、资料浏览记录等个人信息将被删除或匿名化，无法恢复；剩余积分随账号作废。
          </Text>
        </View>
        <View className='pv-step'>
          <Text className='pv-step__when'>匿名保留</Text>
          <Text className='pv-step__what'>维修工单、服务评价和礼品订单是法律要求保存的业务记录，只以匿名形式保留，不再能识别到您。</Text>
        </View>
      </View>
    </View>
  )
}

function CancelForm({ me, view }: { me: Me; view: CancellationView }) {
  const [understood, setUnderstood] = useState(false)
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string>()
  const [formError, setFormError] = useState<string>()
  const [finalOpen, setFinalOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const phone = me.profile.phone
  const purgeDate = formatDateZh(projectedPurge(view.graceDays))

  const openFinal = () => {
    setFormError(undefined)
    const parsed = CancellationRequestSchema.safeParse({ confirm: understood ? true : undefined, code: code.trim() })
    if (!understood) {
      setFormError('请先阅读并勾选“我已了解”')
      return
    }
    if (!parsed.success) {
      setCodeError(parsed.error.issues.find((i) => i.path[0] === 'code')?.message ?? '请输入 6 位验证码')
      return
    }
    setCodeError(undefined)
    setFinalOpen(true)
  }

  const cancelNow = async () => {
    if (busy) return
    setBusy(true)
    try {
      const { purgeAfter } = await cancelAccount(code)
      setFinalOpen(false)
      // Every session of the account has ended on the server; forget this one here.
      endSession()
      const when = formatDateZh(purgeAfter) || purgeDate
      void Taro.reLaunch({ url: ROUTES.login })
      void Taro.showToast({ title: `账号已注销。${when}前重新登录可撤销`, icon: 'none', duration: 4000 })
    } catch (err) {
      setFinalOpen(false)
      if (isApiError(err) && err.code === 'VERIFICATION_FAILED') setCodeError(messageOf(err))
      else if (isApiError(err) && err.fieldErrors.some((e) => e.path.startsWith('code'))) setCodeError('请输入 6 位验证码')
      else if (isApiError(err) && err.code === 'RATE_LIMITED') setFormError(`尝试次数太多，请${err.retryAfterSeconds ? ` ${err.retryAfterSeconds} 秒` : '稍'}后再试`)
      else setFormError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Consequences graceDays={view.graceDays} purgeDate={purgeDate} />

      <View className='pv-notice pv-notice--info'>
        <Text className='pv-notice__title'>注销前，建议先导出您的数据</Text>
        <Text>导出的文件包含我们保存的您的全部信息，注销后将无法再导出。</Text>
        <Text className='pv-card__link' onClick={() => void Taro.navigateTo({ url: ROUTES.privacyData })} data-testid='cancel-go-export'>
          去导出我的数据 ›
        </Text>
      </View>

      <View className='pv-card'>
        <Text className='pv-card__title'>确认注销</Text>
        <Checkbox
          className='cancel__check'
          checked={understood}
          onChange={(on) => {
            setUnderstood(on)
            setFormError(undefined)
          }}
          data-testid='cancel-understand'
        >
          <Text className='cancel__check-label'>我已了解注销的后果，确认注销我的账号</Text>
        </Checkbox>
        <View className='cancel__verify'>
          <Text className='pv-muted' data-testid='cancel-phone'>
            {phone ? `为确认是您本人操作，验证码将发送到 ${maskPhone(phone)}` : '您的账号未绑定手机号，无法通过短信核验身份。请联系客服注销账号。'}
          </Text>
          <SmsCodeField
            target={phone ? { phone } : { problem: '账号未绑定手机号' }}
            send={sendOwnPhoneCode}
            code={code}
            onCode={(v) => {
              setCode(v)
              setCodeError(undefined)
            }}
            error={codeError}
            disabled={busy}
            testIdPrefix='cancel'
          />
        </View>
        {formError ? (
          <Text className='pv-error' data-testid='cancel-error'>
            {formError}
          </Text>
        ) : null}
        <Button block type='danger' disabled={busy || !phone} onClick={openFinal} data-testid='cancel-submit'>
          注销账号
        </Button>
      </View>

      <Popup visible={finalOpen} position='bottom' round closeOnOverlayClick={!busy} onClose={() => !busy && setFinalOpen(false)}>
        {finalOpen ? (
          <View className='pv-sheet' data-testid='cancel-final-dialog'>
            <Text className='pv-sheet__title'>确定注销账号吗？</Text>
            <Text className='pv-text'>确定后，您将立即退出登录。</Text>
            <Text className='pv-text'>{`${purgeDate} 之前用本手机号重新登录，可以撤销注销；之后您的个人信息将被删除或匿名化，无法恢复。`}</Text>
            <SheetActions
              block='pv-sheet'
              cancelText='再想想'
              confirmText='确定注销'
              confirmType='danger'
              busy={busy}
              onCancel={() => setFinalOpen(false)}
              onConfirm={() => void cancelNow()}
              cancelTestId='cancel-final-back'
              confirmTestId='cancel-final-confirm'
            />
          </View>
        ) : null}
      </Popup>
    </>
  )
}

/** Signed in again during the grace period: when the data goes, and 撤销注销. */
function Cancelling({ view }: { view: CancellationView }) {
  const [undoOpen, setUndoOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const left = daysUntil(view.purgeAfter)
  const date = formatDateZh(view.purgeAfter)

  const undo = async () => {
    if (busy) return
    setBusy(true)
    setError(undefined)
    try {
      await undoCancellation()
      const state = await loadSession(true)
      setUndoOpen(false)
      void Taro.showToast({ title: '已撤销注销，账号已恢复', icon: 'success' })
      if (state.phase === 'ready') goToWhereUserBelongs(state.me)
      else void Taro.reLaunch({ url: ROUTES.me })
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const leave = async () => {
    await signOut().catch(() => undefined)
    void Taro.reLaunch({ url: ROUTES.me })
  }

  return (
    <>
      <View className='pv-notice pv-notice--danger' data-testid='cancel-pending'>
        <Text className='pv-notice__title' data-testid='cancel-pending-title'>
          {date ? `账号注销中（将于 ${date} 删除）` : '账号注销中'}
        </Text>
        {view.requestedAt ? <Text>申请注销时间：{formatShanghai(view.requestedAt)}</Text> : null}
        <Text>
          {left !== null && left > 0 ? `还有 ${left} 天。` : ''}
          在此之前撤销注销，账号和所有信息恢复原状；到期后您的个人信息将被删除或匿名化，无法恢复。
        </Text>
      </View>
      <View className='pv-card'>
        <Text className='pv-text'>注销期间，报修、咨询、积分等功能暂停使用。</Text>
        {error ? (
          <Text className='pv-error' data-testid='cancel-undo-error'>
            {error}
          </Text>
        ) : null}
        <Button block type='primary' onClick={() => setUndoOpen(true)} data-testid='cancel-undo'>
          撤销注销
        </Button>
        <Button block fill='outline' onClick={() => void leave()} data-testid='cancel-signout'>
          保持注销，退出登录
        </Button>
      </View>

      <Popup visible={undoOpen} position='bottom' round closeOnOverlayClick={!busy} onClose={() => !busy && setUndoOpen(false)}>
        {undoOpen ? (
          <View className='pv-sheet' data-testid='cancel-undo-dialog'>
            <Text className='pv-sheet__title'>撤销注销？</Text>
            <Text className='pv-text'>撤销后，您的账号恢复正常，所有信息保留，可以继续使用报修等功能。</Text>
            {error ? <Text className='pv-error'>{error}</Text> : null}
            <SheetActions
              block='pv-sheet'
              confirmText='撤销注销'
              busy={busy}
              onCancel={() => setUndoOpen(false)}
              onConfirm={() => void undo()}
              cancelTestId='cancel-undo-back'
              confirmTestId='cancel-undo-confirm'
            />
          </View>
        ) : null}
      </Popup>
    </>
  )
}

function Cancel({ me }: { me: Me }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  const fetch = useCallback(async (quiet = false) => {
    if (!quiet) setLoad({ kind: 'loading' })
    try {
      setLoad({ kind: 'ready', view: await getCancellation() })
    } catch (error) {
      if (!quiet) setLoad({ kind: 'error', error })
    }
  }, [])
  usePageReload(fetch)

  return (
    <View className='pv-page cancel page-narrow' data-testid='cancel-page'>
      {load.kind === 'loading' ? <PageLoading rows={8} /> : null}
      {load.kind === 'error' ? <PageError error={load.error} onRetry={() => void fetch()} /> : null}
      {load.kind === 'ready' && (load.view.status === 'cancelling' || me.status === 'cancelling') ? <Cancelling view={load.view} /> : null}
      {load.kind === 'ready' && load.view.status !== 'cancelling' && me.status !== 'cancelling' ? <CancelForm me={me} view={load.view} /> : null}
    </View>
  )
}

/** 注销账号: what happens and when, 我已了解, an SMS code to one's own number, a final confirmation; or, while cancelling, 撤销注销. */
export default function CancelPage() {
  return <SessionGate className='pv-page cancel page-narrow'>{(me) => <Cancel me={me} />}</SessionGate>
}
