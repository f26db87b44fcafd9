import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { StockChangeInputSchema } from '@shared/schemas/gifts.schema'
import Chips from '../../../../components/Chips'
import Field from '../../../../components/Field'
import ListFooter from '../../../../components/ListFooter'
import { PageError } from '../../../../components/PageState'
import { useCursorLists } from '../../../../hooks/useCursorLists'
import { useFormSubmit } from '../../../../hooks/useFormSubmit'
import { STOCK_REASON_LABELS } from '../../../../labels/orders.admin.zh'
import { addStockChange, listStockChanges, stockChangeMessage, type AdminGiftView, type StockChangeView } from '../../../../services/admin-gifts'
import { formatShanghai } from '../../../../utils/format'
import { StockCount } from '../GiftParts'

type Direction = 'in' | 'out'

const DIRECTIONS = [
  { key: 'in', label: '入库（增加）' },
  { key: 'out', label: '出库（减少）' },
]
const FALLBACK = { delta: '请填写数量（正整数）', note: '请填写变动原因（2–200 字）' }
const HISTORY = 'history'

/** `order:<id>` / `redemption:<id>` → `订单 0190…`; other references as they are. */
function referenceText(reference: string | null): string {
  if (!reference) return ''
  const m = /^(?:order|redemption):(.+)$/.exec(reference)
  return m ? `订单 ${m[1]!.slice(0, 8)}…` : reference
}

function HistoryRow({ change }: { change: StockChangeView }) {
  const ref = referenceText(change.reference)
  return (
    <View className='stock-history__row' data-testid='admin-stock-row' data-id={change.id} data-delta={change.delta}>
      <Text>{formatShanghai(change.createdAt)}</Text>
      <Text className={change.delta > 0 ? 'stock-history__plus' : 'stock-history__minus'}>{change.delta > 0 ? `+${change.delta}` : `−${-change.delta}`}</Text>
      <Text>结余 {change.stockAfter}</Text>
      <View className='stock-history__reason'>
        <Text>{STOCK_REASON_LABELS[change.reason]}</Text>
        {change.note ? <Text className='stock-history__note'>：{change.note}</Text> : null}
        {ref ? <Text className='stock-history__mono'>（{ref}）</Text> : null}
      </View>
      <Text className='stock-history__mono' data-testid='admin-stock-actor'>
        {change.actorId ? change.actorId.slice(0, 8) : '—'}
      </Text>
    </View>
  )
}

interface Props {
  gift: AdminGiftView
  /** After an adjustment: the page reloads the gift (stock, 已兑). */
  onAdjusted: () => Promise<void>
}

/**
 * 库存调整 on an existing gift: add or take out units with a required note
 * (入库、盘点、破损…), one idempotency key per distinct adjustment; and the
 * stock history (time, change, balance, reason, who), newest first.
 */
export default function StockPanel({ gift, onAdjusted }: Props) {
  const [direction, setDirection] = useState<Direction>('in')
  const [quantity, setQuantity] = useState('')
  const [note, setNote] = useState('')
  const form = useFormSubmit(FALLBACK)
  const lists = useCursorLists<StockChangeView>((_key, cursor) => listStockChanges(gift.id, { cursor }), (c) => c.id)
  const history = lists.get(HISTORY)

  useEffect(() => {
    void lists.load(HISTORY)
  }, [gift.id])

  const submit = () => {
    const t = quantity.trim()
    const amount = t === '' ? undefined : Number(t)
    const delta = amount === undefined ? undefined : direction === 'out' ? -amount : amount
    void form.submit(
      StockChangeInputSchema,
      { delta, note },
      async (body, key) => {
        if (body.delta < 0 && -body.delta > gift.stock) {
          form.setErrors({ delta: `当前库存只有 ${gift.stock} 件，不能减少 ${-body.delta} 件` })
          form.setFormError('请检查标红的项')
          return
        }
        await addStockChange(gift.id, body, key)
        setQuantity('')
        setNote('')
        void Taro.showToast({ title: body.delta > 0 ? `已入库 ${body.delta} 件` : `已出库 ${-body.delta} 件`, icon: 'success' })
        await Promise.all([onAdjusted(), lists.load(HISTORY, { quiet: true })])
      },
      (err) => form.setFormError(stockChangeMessage(err)),
    )
  }

  return (
    <View className='gift-stock-panel' data-testid='admin-stock-panel'>
      <Text className='gift-edit__section-title'>库存调整</Text>
      <View className='gift-stock-panel__now'>
        <Text>当前库存</Text>
        <View className='gift-stock-panel__big' data-testid='admin-stock-now'>
          <StockCount stock={gift.stock} />
        </View>
        <Text>已兑 {gift.redeemedCount} 件</Text>
      </View>

      <View className='gift-stock-panel__form'>
        <Field label='调整方向' required>
          <Chips options={DIRECTIONS} selected={[direction]} onToggle={(k) => setDirection(k === 'out' ? 'out' : 'in')} testId='admin-stock-direction' optionTestId='admin-stock-direction-option' />
        </Field>
        <Field label='数量（件）' required error={form.errors.delta} testId='admin-stock-quantity'>
          <Input
            className='text-input'
            type='number'
            maxlength={7}
            placeholder={direction === 'in' ? '如：20' : '如：2'}
            value={quantity}
            onInput={(e) => {
              setQuantity(e.detail.value)
              form.clearError('delta')
              form.setFormError(undefined)
            }}
          />
        </Field>
        <Field label='原因 / 备注' required error={form.errors.note} testId='admin-stock-note'>
          <View className='gift-edit__textarea-box'>
            <Textarea
              className='gift-edit__textarea'
              maxlength={200}
              placeholder='如：新到货入库、月末盘点、运输破损'
              value={note}
              onInput={(e) => {
                setNote(e.detail.value)
                form.clearError('note')
                form.setFormError(undefined)
              }}
            />
          </View>
        </Field>
        {form.formError ? (
          <Text className='gift-stock-panel__error' data-testid='admin-stock-error'>
            {form.formError}
          </Text>
        ) : null}
        <View className='gift-stock-panel__submit'>
          <Button type='primary' loading={form.submitting} disabled={form.submitting} onClick={submit} data-testid='admin-stock-submit'>
            {direction === 'in' ? '确认入库' : '确认出库'}
          </Button>
        </View>
      </View>

      <Text className='gift-edit__section-title'>库存记录</Text>
      {history.phase === 'idle' || history.phase === 'loading' ? <Text className='admin-gifts__muted'>加载中…</Text> : null}
      {history.phase === 'error' ? <PageError error={history.error} onRetry={() => void lists.load(HISTORY)} /> : null}
      {history.phase === 'ready' && history.items.length === 0 ? <Text className='admin-gifts__muted'>还没有库存记录</Text> : null}
      {history.phase === 'ready' && history.items.length > 0 ? (
        <View className='stock-history' data-testid='admin-stock-history'>
          <View className='stock-history__row stock-history__row--head'>
            <Text>时间</Text>
            <Text>变动</Text>
            <Text>结余</Text>
            <Text>原因 / 备注</Text>
            <Text>操作人</Text>
          </View>
          {history.items.map((c) => (
            <HistoryRow key={c.id} change={c} />
          ))}
        </View>
      ) : null}
      <ListFooter list={history} onMore={() => void lists.loadMore(HISTORY)} testId='admin-stock-more' />
    </View>
  )
}
