import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { COMMON_CARRIERS, ShipInputSchema, type ShipInput } from '@shared/schemas/redemptions.schema'
import Chips from '../../../components/Chips'
import Field from '../../../components/Field'
import SheetActions from '../../../components/SheetActions'
import type { AdminOrderView } from '../../../services/admin-orders'
import { fieldErrorsOfZod, type FieldErrors } from '../../../utils/form'
import { addressText } from './order-view'

const LAST_CARRIER_KEY = 'scopedesk.admin.lastCarrier'
const CARRIER_OPTIONS = COMMON_CARRIERS.map((c) => ({ key: c, label: c }))
const FALLBACK: FieldErrors = { carrier: '请填写快递公司', trackingNo: '快递单号为 6–40 位字母或数字' }

/** What the page answers after trying to ship: errors to show (the dialog stays open), or nothing once done. */
export interface ShipOutcome {
  fieldErrors?: FieldErrors
  formError?: string
}

interface Props {
  /** The order being shipped; null when closed. */
  order: AdminOrderView | null
  onSubmit: (input: ShipInput) => Promise<ShipOutcome | undefined>
  onClose: () => void
}

function lastCarrier(): string {
  try {
    const value: unknown = Taro.getStorageSync(LAST_CARRIER_KEY)
    return typeof value === 'string' ? value : ''
  } catch {
    return ''
  }
}

/**
 * 发货: the carrier (the common ones one tap away, any other typed) and the
 * tracking number, checked with the shared ShipInputSchema. The last carrier
 * used is offered again: parcels usually go out with the same one.
 */
export default function ShipDialog({ order, onSubmit, onClose }: Props) {
  const open = order !== null
  const [carrier, setCarrier] = useState('')
  const [trackingNo, setTrackingNo] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)

  useEffect(() => {
    if (!open) return
    setCarrier(lastCarrier())
    setTrackingNo('')
    setErrors({})
    setFormError(undefined)
  }, [order?.id])

  const close = () => {
    if (!submitting) onClose()
  }

  const changeCarrier = (value: string) => {
    setCarrier(value)
    setErrors((e) => ({ ...e, carrier: undefined }))
    setFormError(undefined)
  }

  const confirm = async () => {
    if (submitting) return
    const parsed = ShipInputSchema.safeParse({ carrier, trackingNo })
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, FALLBACK))
      return
    }
    setSubmitting(true)
    try {
      const outcome = await onSubmit(parsed.data)
      if (outcome) {
        setErrors(outcome.fieldErrors ?? {})
        setFormError(outcome.formError)
      } else {
        try {
          Taro.setStorageSync(LAST_CARRIER_KEY, parsed.data.carrier)
        } catch {
          // Only a convenience.
        }
      }
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Popup visible={open} position='bottom' round closeOnOverlayClick={!submitting} onClose={close}>
      {order ? (
        <View className='ship-dialog' data-testid='admin-ship-dialog' data-id={order.id}>
          <Text className='ship-dialog__title'>发货 · {order.number}</Text>
          <View className='ship-dialog__summary'>
            <Text className='ship-dialog__strong'>
              {order.gift.name} ×{order.quantity}
            </Text>
            <Text>
              {order.address.recipientName} {order.address.phone}
            </Text>
            <Text>{addressText(order)}</Text>
          </View>

          <Field label='快递公司' required error={errors.carrier} testId='admin-ship-carrier'>
            <View className='ship-dialog__grow'>
              <Chips options={CARRIER_OPTIONS} selected={[carrier.trim()]} onToggle={changeCarrier} testId='admin-ship-carriers' optionTestId='admin-ship-carrier-option' />
              <View className='ship-dialog__input'>
                <Input className='text-input' maxlength={20} placeholder='选择上面的快递公司，或输入其他快递公司' value={carrier} onInput={(e) => changeCarrier(e.detail.value)} />
              </View>
            </View>
          </Field>

          <Field label='快递单号' required error={errors.trackingNo} testId='admin-ship-tracking'>
            <View className='ship-dialog__input ship-dialog__input--wide'>
              <Input
                className='text-input'
                maxlength={40}
                placeholder='6–40 位字母或数字'
                value={trackingNo}
                onInput={(e) => {
                  setTrackingNo(e.detail.value)
                  setErrors((er) => ({ ...er, trackingNo: undefined }))
                  setFormError(undefined)
                }}
              />
            </View>
          </Field>

          <Text className='ship-dialog__hint'>发货后，用户会在“我的兑换”中看到快递公司和单号，并收到通知。</Text>
          {formError ? (
            <Text className='ship-dialog__error' data-testid='admin-ship-error'>
              {formError}
            </Text>
          ) : null}
          <SheetActions
            block='ship-dialog'
            confirmText='确认发货'
            busy={submitting}
            onCancel={close}
            onConfirm={() => void confirm()}
            cancelTestId='admin-ship-cancel'
            confirmTestId='admin-ship-confirm'
          />
        </View>
      ) : null}
    </Popup>
  )
}
