import { useEffect, useState, type SetStateAction } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button, Switch, Tag } from '@nutui/nutui-react-taro'
import { GiftCreateSchema, GiftPatchSchema, MAX_GIFT_IMAGES } from '@shared/schemas/gifts.schema'
import DateInput from '../../../../components/DateInput'
import Field from '../../../../components/Field'
import { PageError, PageLoading, PagePrompt } from '../../../../components/PageState'
import { useFormSubmit } from '../../../../hooks/useFormSubmit'
import { useLeaveWarning } from '../../../../hooks/useLeaveWarning'
import { createGift, getAdminGift, giftSaveMessage, updateGift, type AdminGiftView } from '../../../../services/admin-gifts'
import { isApiError } from '../../../../services/api-error'
import { ROUTES } from '../../../../routes'
import { formatShanghai } from '../../../../utils/format'
import { DEACTIVATE_CONFIRM, SHELF_LABELS, SHELF_TAG, shelfState } from '../gift-view'
import GiftImages from './GiftImages'
import StockPanel from './StockPanel'
import { candidateOf, EMPTY_FORM, FALLBACK, formOf, snapshot, type GiftForm, type GiftImageItem } from './form'

type Load = { kind: 'loading' } | { kind: 'ready' } | { kind: 'not-found' } | { kind: 'error'; error: unknown }

interface NumberFieldProps {
  label: string
  field: 'pointsPrice' | 'valueYuan' | 'perPersonLimit' | 'stock'
  unit: string
  placeholder: string
  hint?: string
  form: GiftForm
  error?: string
  onChange: (field: 'pointsPrice' | 'valueYuan' | 'perPersonLimit' | 'stock', value: string) => void
}

function NumberField({ label, field, unit, placeholder, hint, form, error, onChange }: NumberFieldProps) {
  return (
    <Field label={label} required hint={hint} error={error} testId={`admin-gift-field-${field}`}>
      <Input className='text-input' type='number' maxlength={7} placeholder={placeholder} value={form[field]} onInput={(e) => onChange(field, e.detail.value)} />
      <Text className='gift-edit__unit'>{unit}</Text>
    </Field>
  )
}

/**
 * 新增 / 编辑礼品: name, description, points, value, per-person limit, the
 * shelf switch and window, images; the starting stock on create. Checked with
 * the shared schemas (Chinese messages under each field); a failed save keeps
 * everything typed. An existing gift also gets 库存调整 and its history.
 */
export default function GiftEditor() {
  const { params } = useRouter()
  const giftId = typeof params.id === 'string' && params.id ? decodeURIComponent(params.id) : null
  const [load, setLoad] = useState<Load>(giftId ? { kind: 'loading' } : { kind: 'ready' })
  const [gift, setGift] = useState<AdminGiftView | null>(null)
  const [form, setForm] = useState<GiftForm>(EMPTY_FORM)
  const [saved, setSaved] = useState(snapshot(EMPTY_FORM))
  const submitter = useFormSubmit(FALLBACK)
  const { errors, formError, setFormError, submitting, clearError } = submitter
  const dirty = snapshot(form) !== saved

  const fetchGift = async (id: string) => {
    setLoad({ kind: 'loading' })
    try {
      const loaded = await getAdminGift(id)
      setGift(loaded)
      const f = formOf(loaded)
      setForm(f)
      setSaved(snapshot(f))
      setLoad({ kind: 'ready' })
    } catch (error) {
      setLoad(isApiError(error) && (error.code === 'NOT_FOUND' || error.status === 400 || error.status === 422) ? { kind: 'not-found' } : { kind: 'error', error })
    }
  }

  useEffect(() => {
    if (giftId) void fetchGift(giftId)
    void Taro.setNavigationBarTitle({ title: giftId ? '编辑礼品' : '新增礼品' }).catch(() => undefined)
  }, [])

  // H5: leaving the page (reload, closing the tab) with unsaved changes asks first.
  useLeaveWarning(dirty)

  const change = <K extends keyof GiftForm>(key: K, value: GiftForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    clearError(key === 'images' ? 'imageIds' : key)
    if (key === 'activeFrom') clearError('activeUntil')
    setFormError(undefined)
  }
  const setImages = (next: SetStateAction<GiftImageItem[]>) => setForm((f) => ({ ...f, images: typeof next === 'function' ? next(f.images) : next }))

  const save = async () => {
    if (form.images.some((i) => i.state === 'uploading')) {
      setFormError('图片还在上传，请稍候再保存')
      return
    }
    if (form.images.some((i) => i.state === 'failed')) {
      setFormError('有图片上传失败，请点击重试或移除后再保存')
      return
    }
    const candidate = candidateOf(form, gift)
    if (gift) {
      await submitter.submit(
        GiftPatchSchema,
        candidate,
        async (body) => {
          // Switching it off takes it away from staff at once: asked first.
          if (gift.active && body.active === false && !(await Taro.showModal(DEACTIVATE_CONFIRM(body.name ?? gift.name))).confirm) return
          const updated = await updateGift(gift.id, body)
          setGift(updated)
          setSaved(snapshot(form))
          void Taro.showToast({ title: '已保存', icon: 'success' })
        },
        (err) => setFormError(giftSaveMessage(err)),
      )
      return
    }
    await submitter.submit(
      GiftCreateSchema,
      candidate,
      async (body, key) => {
        const created = await createGift(body, key)
        setSaved(snapshot(form))
        void Taro.showToast({ title: '礼品已创建', icon: 'success' })
        // The edit page of the new gift: its stock history and 库存调整 live there.
        void Taro.redirectTo({ url: `${ROUTES.adminGiftEdit}?id=${encodeURIComponent(created.id)}` })
      },
      (err) => setFormError(giftSaveMessage(err)),
    )
  }

  const back = async () => {
    if (dirty) {
      const res = await Taro.showModal({ title: '有未保存的修改', content: '离开后，本页填写的内容不会保存。确定离开吗？', confirmText: '离开' })
      if (!res.confirm) return
    }
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: ROUTES.adminGifts })
  }

  const reloadGift = async () => {
    if (!gift) return
    try {
      const fresh = await getAdminGift(gift.id)
      // Only the bookkeeping moves: what the admin is typing stays.
      setGift(fresh)
    } catch {
      // The stock panel already said it worked; the numbers catch up on the next load.
    }
  }

  if (load.kind === 'loading') return <PageLoading rows={10} />
  if (load.kind === 'error') return <PageError error={load.error} onRetry={() => giftId && void fetchGift(giftId)} />
  if (load.kind === 'not-found') {
    return <PagePrompt testId='admin-gift-not-found' title='礼品不存在' action={{ text: '返回礼品管理', onClick: () => void Taro.redirectTo({ url: ROUTES.adminGifts }) }} />
  }

  const setNumber = (field: 'pointsPrice' | 'valueYuan' | 'perPersonLimit' | 'stock', value: string) => change(field, value)
  const shelf = gift ? shelfState(gift) : null

  return (
    <View className='admin-gifts' data-testid='admin-gift-edit-page' data-id={gift?.id ?? ''}>
      <View className='admin-gifts__inner'>
        <View className='admin-gifts__toolbar'>
          <Text className='admin-gifts__link' onClick={() => void back()} data-testid='admin-gift-back'>
            ‹ 礼品列表
          </Text>
          <Text className='admin-gifts__heading'>{gift ? '编辑礼品' : '新增礼品'}</Text>
          {shelf ? (
            <View data-testid='admin-gift-shelf-state' data-state={shelf}>
              <Tag type={SHELF_TAG[shelf]}>{SHELF_LABELS[shelf]}</Tag>
            </View>
          ) : null}
          {dirty ? <Text className='admin-gifts__dirty'>有未保存的修改</Text> : gift ? <Text className='admin-gifts__muted'>保存于 {formatShanghai(gift.updatedAt)}</Text> : null}
        </View>

        <View className='gift-edit'>
          <View className='gift-edit__main'>
            <Field label='礼品名称' required error={errors.name} testId='admin-gift-field-name'>
              <Input className='text-input' maxlength={60} placeholder='如：不锈钢保温杯 500 ml' value={form.name} onInput={(e) => change('name', e.detail.value)} />
            </Field>
            <Field label='礼品介绍' error={errors.description} testId='admin-gift-field-description'>
              <View className='gift-edit__textarea-box'>
                <Textarea
                  className='gift-edit__textarea'
                  maxlength={300}
                  placeholder='材质、规格、颜色等，员工兑换前会看到'
                  value={form.description}
                  onInput={(e) => change('description', e.detail.value)}
                />
              </View>
            </Field>
            <View className='gift-edit__row'>
              <NumberField label='兑换积分' field='pointsPrice' unit='积分' placeholder='如：300' form={form} error={errors.pointsPrice} onChange={setNumber} />
              <NumberField
                label='礼品价值'
                field='valueYuan'
                unit='元'
                placeholder='如：40'
                hint='市场价，计入每人每年的礼品价值上限'
                form={form}
                error={errors.valueYuan}
                onChange={setNumber}
              />
            </View>
            <View className='gift-edit__row'>
              <NumberField label='每人限兑' field='perPersonLimit' unit='件' placeholder='1–100' form={form} error={errors.perPersonLimit} onChange={setNumber} />
              {gift ? null : (
                <NumberField
                  label='初始库存'
                  field='stock'
                  unit='件'
                  placeholder='如：50'
                  hint='创建后请在“库存调整”中增减库存'
                  form={form}
                  error={errors.stock}
                  onChange={setNumber}
                />
              )}
            </View>
            <Field label={`礼品图片（第一张为封面，最多 ${MAX_GIFT_IMAGES} 张）`} error={errors.imageIds} testId='admin-gift-field-images'>
              <GiftImages
                images={form.images}
                setImages={setImages}
                disabled={submitting}
                onPickError={(message) => setFormError(message)}
                onChanged={() => {
                  clearError('imageIds')
                  setFormError(undefined)
                }}
              />
            </Field>
          </View>

          <View className='gift-edit__side'>
            <Field label='上架' required error={errors.active} testId='admin-gift-field-active'>
              <View className='gift-edit__switch' data-testid='admin-gift-active-switch' data-checked={form.active ? 'true' : 'false'}>
                <Text>{form.active ? '上架：员工可在时间范围内兑换' : '下架：员工看不到该礼品'}</Text>
                <Switch checked={form.active} loadingIcon={null} onChange={(value) => change('active', value)} />
              </View>
            </Field>
            <Field label='上架日期' error={errors.activeFrom} hint='从当天 0 点起可兑换；不填则立即生效' testId='admin-gift-field-activeFrom'>
              <DateInput value={form.activeFrom} onChange={(v) => change('activeFrom', v)} placeholder='不限' label='上架日期' max={form.activeUntil || undefined} testId='admin-gift-active-from-input' />
            </Field>
            <Field label='下架日期' error={errors.activeUntil} hint='含当天，到 24 点为止；不填则长期有效' testId='admin-gift-field-activeUntil'>
              <DateInput value={form.activeUntil} onChange={(v) => change('activeUntil', v)} placeholder='不限' label='下架日期' min={form.activeFrom || undefined} testId='admin-gift-active-until-input' />
            </Field>

            {formError ? (
              <Text className='gift-edit__form-error' data-testid='admin-gift-error'>
                {formError}
              </Text>
            ) : null}
            <View className='gift-edit__actions'>
              <Button block type='primary' loading={submitting} disabled={submitting} onClick={() => void save()} data-testid='admin-gift-save'>
                {gift ? '保存修改' : '创建礼品'}
              </Button>
              <Button block fill='outline' disabled={submitting} onClick={() => void back()} data-testid='admin-gift-cancel'>
                返回
              </Button>
            </View>
          </View>
        </View>

        {gift ? <StockPanel gift={gift} onAdjusted={reloadGift} /> : null}
      </View>
    </View>
  )
}
