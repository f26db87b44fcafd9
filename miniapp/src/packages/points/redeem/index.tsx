import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Popup, Skeleton } from '@nutui/nutui-react-taro'
import { MAX_QUANTITY_PER_ORDER, RedeemInputSchema } from '@shared/schemas/redemptions.schema'
import { PageError, PageLoading, PagePrompt } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import SheetActions from '../../../components/SheetActions'
import { GIFT_BLOCK_LABELS, REDEEM_REFUSAL_HINTS } from '../../../labels/points.zh'
import { preferredAddress, listAddresses, type AddressView } from '../../../services/addresses'
import { isApiError } from '../../../services/api-error'
import { messageForCode, messageOf } from '../../../services/errors.zh'
import { getGift, giftBlock, maxQuantity, type GiftView } from '../../../services/gifts'
import { getSubscriptions, type SubscriptionTemplate } from '../../../services/notifications'
import { getPointsSummary } from '../../../services/points'
import { redeemRefusalOf, startRedemption, type RedeemRefusal } from '../../../services/redemptions'
import { CAN_SUBSCRIBE, subscribeToTemplates } from '../../../services/subscriptions'
import { ROUTES } from '../../../routes'
import { takePickedAddress } from '../address-pick'
import AddressSummary from '../components/AddressSummary'
import GiftImage from '../components/GiftImage'
import QuantityStepper from '../components/QuantityStepper'
import { addressEditUrl, addressesUrl, orderUrl } from '../urls'
import '../components/parts.scss'
import './index.scss'

type GiftState = { kind: 'loading' } | { kind: 'ready'; gift: GiftView } | { kind: 'not-found' } | { kind: 'error'; error: unknown }
type Addresses = { kind: 'loading' } | { kind: 'ready'; items: AddressView[] } | { kind: 'error'; error: unknown }
type Problem = { kind: 'refusal'; code: RedeemRefusal } | { kind: 'duplicate' } | { kind: 'other'; message: string }

function clampQuantity(raw: string | undefined): number {
  const n = Number.parseInt(raw ?? '1', 10)
  return Number.isFinite(n) ? Math.min(MAX_QUANTITY_PER_ORDER, Math.max(1, n)) : 1
}

/** The WeChat template for order progress (weapp only), loaded ahead so the prompt can come straight from the tap. */
function useOrderTemplate(): SubscriptionTemplate | null {
  const [template, setTemplate] = useState<SubscriptionTemplate | null>(null)
  useEffect(() => {
    if (!CAN_SUBSCRIBE) return
    getSubscriptions()
      .then((view) => setTemplate(view.templates.find((t) => t.key === 'order_status' && t.templateId.length > 0) ?? null))
      .catch(() => undefined)
  }, [])
  return template
}

function AddressSection({ addresses, chosen, onRetry }: { addresses: Addresses; chosen: AddressView | null; onRetry: () => void }) {
  if (addresses.kind === 'loading') {
    return (
      <View className='pts-card'>
        <Skeleton rows={2} animated />
      </View>
    )
  }
  if (addresses.kind === 'error') {
    return (
      <View className='pts-card redeem__address-error' data-testid='redeem-address-error'>
        <Text>收货地址加载失败：{messageOf(addresses.error)}</Text>
        <Button size='small' onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  }
  if (!chosen) {
    return (
      <View
        className='pts-card redeem__address-add'
        onClick={() => void Taro.navigateTo({ url: addressEditUrl({ pickBack: 1 }) })}
        data-testid='redeem-add-address'
      >
        <Text className='redeem__address-add-icon'>+</Text>
        <Text className='redeem__address-add-text'>新增收货地址</Text>
        <Text className='pts-muted'>礼品将寄到您填写的地址</Text>
      </View>
    )
  }
  return (
    <View
      className='pts-card redeem__address'
      onClick={() => void Taro.navigateTo({ url: addressesUrl({ selectedId: chosen.id }) })}
      data-testid='redeem-address'
      data-address-id={chosen.id}
    >
      <View className='pts-card__head'>
        <Text className='pts-card__title'>收货地址</Text>
        <Text className='pts-card__link' data-testid='redeem-choose-address'>
          选择地址 ›
        </Text>
      </View>
      <AddressSummary address={chosen} isDefault={chosen.isDefault} />
    </View>
  )
}

function Redeem({ giftId, initialQuantity }: { giftId: string; initialQuantity: number }) {
  const [giftState, setGiftState] = useState<GiftState>({ kind: 'loading' })
  const [balance, setBalance] = useState<number | null>(null)
  const [addresses, setAddresses] = useState<Addresses>({ kind: 'loading' })
  const [chosen, setChosen] = useState<AddressView | null>(null)
  const [quantity, setQuantity] = useState(initialQuantity)
  const [confirming, setConfirming] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  // One key for this visit: a double tap or a retry returns the first order (services/redemptions.ts).
  const [attempt] = useState(startRedemption)
  const sending = useRef(false)
  const firstShow = useRef(true)
  const template = useOrderTemplate()

  const loadGift = useCallback(
    async (quiet = false) => {
      if (!quiet) setGiftState({ kind: 'loading' })
      // Both at once; the balance is optional (the server still refuses too little), the gift is not.
      const summary = getPointsSummary().then(
        (s) => s.balance,
        () => null,
      )
      try {
        const gift = await getGift(giftId)
        const known = await summary
        if (known !== null) setBalance(known)
        setGiftState({ kind: 'ready', gift })
      } catch (error) {
        if (quiet) return
        const missing = isApiError(error) && (error.code === 'NOT_FOUND' || error.status === 400)
        setGiftState(missing ? { kind: 'not-found' } : { kind: 'error', error })
      }
    },
    [giftId],
  )

  /** Loads the saved addresses; keeps the chosen one if it still exists (fresh copy), else takes the default. */
  const loadAddresses = useCallback(async (quiet = false) => {
    if (!quiet) setAddresses({ kind: 'loading' })
    try {
      const items = await listAddresses()
      setAddresses({ kind: 'ready', items })
      setChosen((current) => (current ? items.find((a) => a.id === current.id) ?? preferredAddress(items) : preferredAddress(items)))
    } catch (error) {
      if (!quiet) setAddresses({ kind: 'error', error })
    }
  }, [])

  useEffect(() => {
    void loadGift()
    void loadAddresses()
  }, [loadGift, loadAddresses])

  // Back from the address list or form: take the chosen (or new) address, then reread the list (edits, deletions).
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    const picked = takePickedAddress()
    if (picked) {
      setChosen(picked)
      setProblem(null)
    }
    void loadAddresses(true)
  })

  const gift = giftState.kind === 'ready' ? giftState.gift : null
  const max = gift ? maxQuantity(gift, balance) : MAX_QUANTITY_PER_ORDER
  useEffect(() => {
    if (gift && quantity > max) setQuantity(max)
  }, [gift, max])

  if (giftState.kind === 'loading') return <PageLoading rows={8} />
  if (giftState.kind === 'error') return <PageError error={giftState.error} onRetry={() => void loadGift()} />
  if (giftState.kind === 'not-found' || !gift) {
    return <PagePrompt testId='redeem-gift-missing' title='礼品不存在或已下架' action={{ text: '返回礼品列表', onClick: () => void Taro.redirectTo({ url: ROUTES.gifts }) }} />
  }

  const block = giftBlock(gift, balance)
  const total = gift.pointsPrice * quantity
  const after = balance === null ? null : balance - total
  const short = after !== null && after < 0
  const blocker = block ? GIFT_BLOCK_LABELS[block] : short ? '积分不足' : !chosen ? '请先添加收货地址' : null

  const openConfirm = () => {
    if (submitting) return
    if (!chosen) {
      void Taro.showToast({ title: '请先添加收货地址', icon: 'none' })
      return
    }
    setConfirming(true)
  }

  const send = async () => {
    if (sending.current || !chosen) return
    // weapp: ask for the shipping notice straight from this tap (no await before it); the answer does not hold up the order.
    if (template) void subscribeToTemplates([template]).catch(() => undefined)
    const parsed = RedeemInputSchema.safeParse({ giftId: gift.id, quantity, addressId: chosen.id })
    if (!parsed.success) {
      setConfirming(false)
      setProblem({ kind: 'other', message: parsed.error.issues[0]?.message ?? '请检查兑换信息' })
      return
    }
    sending.current = true
    setSubmitting(true)
    setProblem(null)
    try {
      const order = await attempt.send(parsed.data)
      void Taro.showToast({ title: '兑换成功', icon: 'success' })
      void Taro.redirectTo({ url: orderUrl(order.id, true) })
    } catch (err) {
      setConfirming(false)
      const refusal = redeemRefusalOf(err)
      if (refusal) {
        setProblem({ kind: 'refusal', code: refusal })
        // Show what changed (balance, stock, 已兑) beside the reason.
        void loadGift(true)
      } else if (isApiError(err) && err.code === 'IDEMPOTENCY_CONFLICT') {
        setProblem({ kind: 'duplicate' })
      } else {
        if (isApiError(err) && err.code === 'NOT_FOUND') void loadAddresses(true)
        setProblem({ kind: 'other', message: messageOf(err) })
      }
    } finally {
      sending.current = false
      setSubmitting(false)
    }
  }

  return (
    <View className='redeem__content'>
      <AddressSection addresses={addresses} chosen={chosen} onRetry={() => void loadAddresses()} />

      <View className='pts-card' data-testid='redeem-gift'>
        <View className='pts-gift'>
          <GiftImage url={gift.images[0]?.url} alt={gift.name} className='pts-gift__cover' />
          <View className='pts-gift__info'>
            <Text className='pts-gift__name' data-testid='redeem-gift-name'>
              {gift.name}
            </Text>
            <Text className='pts-price'>
              {gift.pointsPrice}
              <Text className='pts-price__unit'>积分 / 件</Text>
            </Text>
            <Text className='pts-muted'>参考价值 ¥{gift.valueYuan} / 件</Text>
          </View>
        </View>
        <View className='pts-row redeem__qty-row'>
          <Text className='pts-row__label'>数量</Text>
          <QuantityStepper
            value={quantity}
            max={max}
            disabled={submitting || block !== null}
            onChange={(q) => {
              setQuantity(q)
              setProblem(null)
            }}
            testIdPrefix='redeem-qty'
          />
        </View>
      </View>

      <View className='pts-card' data-testid='redeem-sum'>
        <View className='pts-row'>
          <Text className='pts-row__label'>合计</Text>
          <Text className='pts-row__value redeem__total' data-testid='redeem-total'>
            {total} 积分
          </Text>
        </View>
        <View className='pts-row'>
          <Text className='pts-row__label'>当前积分</Text>
          <Text className='pts-row__value' data-testid='redeem-balance'>
            {balance ?? '—'}
          </Text>
        </View>
        <View className='pts-row'>
          <Text className='pts-row__label'>兑换后剩余</Text>
          <Text className={`pts-row__value${short ? ' redeem__short' : ''}`} data-testid='redeem-balance-after'>
            {after === null ? '—' : after}
          </Text>
        </View>
        <View className='pts-row'>
          <Text className='pts-row__label'>礼品参考价值</Text>
          <Text className='pts-row__value'>¥{gift.valueYuan * quantity}（计入本年度上限）</Text>
        </View>
      </View>

      {problem ? (
        <View className='redeem__problem' data-testid='redeem-error' data-code={problem.kind === 'refusal' ? problem.code : problem.kind}>
          {problem.kind === 'refusal' ? (
            <>
              <Text className='redeem__problem-title' data-testid='redeem-error-title'>
                {messageForCode(problem.code)}
              </Text>
              <Text>{REDEEM_REFUSAL_HINTS[problem.code]}</Text>
            </>
          ) : problem.kind === 'duplicate' ? (
            <>
              <Text className='redeem__problem-title' data-testid='redeem-error-title'>
                这次兑换已提交过
              </Text>
              <Text>为避免重复兑换，本页不会再次提交。请在「我的兑换」中查看订单。</Text>
              <Text className='pts-card__link' onClick={() => void Taro.redirectTo({ url: ROUTES.orders })} data-testid='redeem-go-orders'>
                查看我的兑换 ›
              </Text>
            </>
          ) : (
            <>
              <Text className='redeem__problem-title' data-testid='redeem-error-title'>
                {problem.message}
              </Text>
              <Text>可直接再次提交，不会重复兑换。</Text>
            </>
          )}
        </View>
      ) : null}

      <Text className='pts-muted redeem__note'>提交后立即扣除积分；发货前可在「我的兑换」中取消，积分全额退回。</Text>

      <View className='pts-bar'>
        <View className='pts-bar__info'>
          <Text className='pts-bar__main'>
            共 <Text className='pts-price'>{total}</Text> 积分
          </Text>
          {blocker ? (
            <Text className='pts-bar__warn' data-testid='redeem-blocker'>
              {blocker}
            </Text>
          ) : (
            <Text className='pts-bar__sub'>兑换后剩余 {after ?? '—'} 积分</Text>
          )}
        </View>
        <View className='pts-bar__btn'>
          <Button
            block
            type='primary'
            loading={submitting}
            disabled={submitting || block !== null || short || problem?.kind === 'duplicate'}
            onClick={openConfirm}
            data-testid='redeem-submit'
          >
            确认兑换
          </Button>
        </View>
      </View>

      <Popup visible={confirming} position='bottom' round closeOnOverlayClick={!submitting} onClose={() => !submitting && setConfirming(false)}>
        {confirming && chosen ? (
          <View className='redeem-confirm' data-testid='redeem-confirm-dialog'>
            <Text className='redeem-confirm__title'>确认兑换</Text>
            <Text className='redeem-confirm__line'>
              {gift.name} × {quantity}，共 {total} 积分
            </Text>
            <Text className='redeem-confirm__line'>
              寄往：{chosen.recipientName} {chosen.phone}
            </Text>
            <Text className='pts-muted'>确认后立即扣除积分；发货前可取消，积分全额退回。</Text>
            <SheetActions
              block='redeem-confirm'
              cancelText='再想想'
              confirmText='确认兑换'
              busy={submitting}
              onCancel={() => setConfirming(false)}
              onConfirm={() => void send()}
              cancelTestId='redeem-confirm-cancel'
              confirmTestId='redeem-confirm-ok'
            />
          </View>
        ) : null}
      </Popup>
    </View>
  )
}

/** 确认兑换: address, gift and quantity, the points it costs and what is left, then one order per visit. */
export default function RedeemPage() {
  const { params } = useRouter()
  const giftId = typeof params.giftId === 'string' ? decodeURIComponent(params.giftId) : ''
  const quantity = clampQuantity(typeof params.quantity === 'string' ? params.quantity : undefined)
  return (
    <SessionGate className='pts-page redeem page-narrow' permission='gifts.redeem' denied={{ title: '暂不能兑换礼品' }} rows={8}>
      {() => (
        <View className='pts-page pts-page--with-bar redeem page-narrow' data-testid='redeem-page'>
          {giftId ? <Redeem giftId={giftId} initialQuantity={quantity} /> : <PagePrompt testId='redeem-gift-missing' title='请先选择礼品' />}
        </View>
      )}
    </SessionGate>
  )
}
