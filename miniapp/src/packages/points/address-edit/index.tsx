import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Cascader, Switch } from '@nutui/nutui-react-taro'
import { AddressInputSchema } from '@shared/schemas/addresses.schema'
import { regionLabel, regionNames } from '@shared/china-regions'
import type { Me } from '@shared/schemas/me.schema'
import Field from '../../../components/Field'
import TextField from '../../../components/Field/TextField'
import { PageError, PageLoading, PagePrompt } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { createAddress, listAddresses, updateAddress, type AddressView } from '../../../services/addresses'
import type { FieldErrors } from '../../../utils/form'
import { pickAddress } from '../address-pick'
import { clearDraft, differs, readDraft, saveDraft, type AddressFields } from './draft'
import { codesOfPath, pathOfCodes, regionTree, type RegionCodes } from './regions'
import '../../../components/Field/index.scss'
import '../components/parts.scss'
import './index.scss'

const FALLBACK: FieldErrors = {
  recipientName: '请填写收件人',
  phone: '请输入 11 位手机号',
  provinceCode: '请选择所在地区',
  cityCode: '请选择所在地区',
  districtCode: '请选择所在地区',
  detail: '请填写详细地址（街道、门牌号）',
}

const EMPTY: AddressFields = { recipientName: '', phone: '', region: null, detail: '', isDefault: false }

function fieldsOf(a: AddressView): AddressFields {
  return {
    recipientName: a.recipientName,
    phone: a.phone,
    region: { provinceCode: a.provinceCode, cityCode: a.cityCode, districtCode: a.districtCode },
    detail: a.detail,
    isDefault: a.isDefault,
  }
}

function regionText(region: RegionCodes | null): string | null {
  if (!region) return null
  const names = regionNames(region.provinceCode, region.cityCode, region.districtCode)
  return names ? regionLabel(names) : null
}

interface FormProps {
  me: Me
  /** Editing this address, or null for a new one. */
  address: AddressView | null
  /** A new address with no other saved: it becomes the default unless switched off. */
  firstAddress: boolean
  /** Hand the saved address to the redeem page and close this many pages. */
  pickBack: number
}

function AddressForm({ me, address, firstAddress, pickBack }: FormProps) {
  const addressId = address?.id ?? null
  const base = useRef<AddressFields>(address ? fieldsOf(address) : { ...EMPTY, isDefault: firstAddress }).current
  const [restored] = useState(() => readDraft(me.id, addressId))
  const start = restored ?? base
  const [showRestored, setShowRestored] = useState(restored !== null && differs(restored, base))
  const [recipientName, setRecipientName] = useState(start.recipientName)
  const [phone, setPhone] = useState(start.phone)
  const [region, setRegion] = useState<RegionCodes | null>(start.region)
  const [detail, setDetail] = useState(start.detail)
  const [isDefault, setIsDefault] = useState(start.isDefault)
  const [regionOpen, setRegionOpen] = useState(false)
  const [saved, setSaved] = useState(false)
  // The provinces only; the Cascader reads a province's cities and a city's districts when they are chosen.
  const options = useMemo(regionTree, [])
  // A stable value: the Cascader copies it into its own state whenever it changes while closed.
  const regionPath = useMemo(() => pathOfCodes(region ?? {}), [region])
  const form = useFormSubmit(FALLBACK)
  const { errors, formError, submitting, clearError } = form

  // Only this form's draft: opening another address must not drop what was typed there.
  const clearOwnDraft = () => {
    if (readDraft(me.id, addressId)) clearDraft()
  }

  // Every keystroke is kept on the device until the address is saved.
  useEffect(() => {
    if (saved) return
    const fields: AddressFields = { recipientName, phone, region, detail, isDefault }
    if (differs(fields, base)) saveDraft({ v: 1, userId: me.id, addressId, ...fields })
    else clearOwnDraft()
  }, [recipientName, phone, region, detail, isDefault, saved])

  const reset = () => {
    clearOwnDraft()
    setShowRestored(false)
    setRecipientName(base.recipientName)
    setPhone(base.phone)
    setRegion(base.region)
    setDetail(base.detail)
    setIsDefault(base.isDefault)
    form.setErrors({})
    form.setFormError(undefined)
  }

  const submit = async () => {
    const candidate = {
      recipientName,
      phone: phone.trim(),
      provinceCode: region?.provinceCode ?? '',
      cityCode: region?.cityCode ?? '',
      districtCode: region?.districtCode ?? '',
      detail,
      isDefault,
    }
    await form.submit(AddressInputSchema, candidate, async (body, key) => {
      const result = address ? await updateAddress(address.id, body) : await createAddress(body, key)
      setSaved(true)
      clearOwnDraft()
      if (pickBack > 0) {
        pickAddress(result)
        void Taro.navigateBack({ delta: pickBack })
      } else {
        void Taro.showToast({ title: '地址已保存', icon: 'success' })
        void Taro.navigateBack()
      }
    })
  }

  const regionError = errors.provinceCode ?? errors.cityCode ?? errors.districtCode
  const label = regionText(region)
  return (
    <View className='address-form' data-testid='address-form' data-mode={address ? 'edit' : 'new'}>
      {showRestored ? (
        <View className='address-form__notice' data-testid='address-draft-restored'>
          <Text>已恢复上次未保存的内容</Text>
          <Text className='address-form__notice-action' onClick={reset} data-testid='address-draft-clear'>
            {address ? '还原' : '清空'}
          </Text>
        </View>
      ) : null}

      <View className='pts-card address-form__card'>
        <TextField
          label='收件人'
          required
          error={errors.recipientName}
          testId='address-recipient'
          placeholder='收件人姓名'
          maxlength={20}
          value={recipientName}
          onChange={(v) => {
            setRecipientName(v)
            clearError('recipientName')
          }}
        />
        <TextField
          label='手机号'
          required
          error={errors.phone}
          testId='address-phone'
          placeholder='11 位手机号，快递员联系用'
          type='number'
          maxlength={11}
          value={phone}
          onChange={(v) => {
            setPhone(v.replace(/\D/g, '').slice(0, 11))
            clearError('phone')
          }}
        />
        <Field label='所在地区' required error={regionError} testId='address-region'>
          <View
            className={`text-input address-form__region${label ? '' : ' address-form__region--empty'}`}
            onClick={() => setRegionOpen(true)}
            data-testid='address-region-open'
          >
            <Text className='address-form__region-text' data-testid='address-region-text'>
              {label ?? '请选择省 / 市 / 区'}
            </Text>
            <Text className='address-form__region-arrow'>›</Text>
          </View>
        </Field>
        <Field label='详细地址' required error={errors.detail} testId='address-detail'>
          <View className={`address-form__textarea-box${errors.detail ? ' address-form__textarea-box--error' : ''}`}>
            <Textarea
              className='address-form__textarea'
              placeholder='街道、门牌号、楼层、科室等'
              maxlength={120}
              value={detail}
              onInput={(e) => {
                setDetail(e.detail.value)
                clearError('detail')
              }}
            />
          </View>
        </Field>
        <View className='address-form__switch-row' data-testid='address-default'>
          <View className='address-form__switch-text'>
            <Text className='address-form__switch-title'>设为默认地址</Text>
            <Text className='pts-muted'>兑换礼品时自动选用</Text>
          </View>
          <Switch checked={isDefault} onChange={setIsDefault} />
        </View>
      </View>

      {formError ? (
        <Text className='address-form__error' data-testid='address-form-error'>
          {formError}
        </Text>
      ) : null}

      <Button block type='primary' loading={submitting} disabled={submitting} onClick={() => void submit()} data-testid='address-save'>
        {pickBack > 0 ? '保存并使用' : '保存'}
      </Button>

      <Cascader
        visible={regionOpen}
        title='选择所在地区'
        closeable
        activeColor='#1668dc'
        options={options}
        value={regionPath}
        onClose={() => setRegionOpen(false)}
        onChange={(value) => {
          const codes = codesOfPath(value)
          setRegionOpen(false)
          if (!codes) return
          setRegion(codes)
          for (const key of ['provinceCode', 'cityCode', 'districtCode']) clearError(key)
        }}
      />
    </View>
  )
}

type Load = { kind: 'loading' } | { kind: 'ready'; address: AddressView | null; firstAddress: boolean } | { kind: 'missing' } | { kind: 'error'; error: unknown }

/** Reads the saved addresses: the one to edit, or (for a new one) whether it is the first. */
function AddressEditor({ me, id, pickBack }: { me: Me; id: string | null; pickBack: number }) {
  const [state, setState] = useState<Load>(id ? { kind: 'loading' } : { kind: 'ready', address: null, firstAddress: false })
  const [firstKnown, setFirstKnown] = useState<boolean | null>(null)

  const load = async () => {
    if (!id) {
      // A new address needs nothing loaded; the list only tells whether it will be the first (then default).
      listAddresses()
        .then((items) => setFirstKnown(items.length === 0))
        .catch(() => setFirstKnown(false))
      return
    }
    setState({ kind: 'loading' })
    try {
      const found = (await listAddresses()).find((a) => a.id === id)
      setState(found ? { kind: 'ready', address: found, firstAddress: false } : { kind: 'missing' })
    } catch (error) {
      setState({ kind: 'error', error })
    }
  }

  useEffect(() => {
    void load()
  }, [id])

  if (state.kind === 'loading') return <PageLoading rows={6} />
  if (state.kind === 'error') return <PageError error={state.error} onRetry={() => void load()} />
  if (state.kind === 'missing') return <PagePrompt testId='address-missing' title='地址不存在或已删除' action={{ text: '返回', onClick: () => void Taro.navigateBack() }} />
  // A new form waits for the count (quick) so 设为默认 starts right; it never blocks on a failure.
  if (!id && firstKnown === null) return <PageLoading rows={6} />
  return <AddressForm key={state.address?.id ?? 'new'} me={me} address={state.address} firstAddress={firstKnown === true} pickBack={pickBack} />
}

/** 新增 / 编辑收货地址: recipient, phone, region (province → city → district), street, default. */
export default function AddressEditPage() {
  const { params } = useRouter()
  const id = typeof params.id === 'string' && params.id ? decodeURIComponent(params.id) : null
  const pickBack = Math.max(0, Math.min(3, Number.parseInt(typeof params.pickBack === 'string' ? params.pickBack : '0', 10) || 0))
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑地址' : '新增地址' }).catch(() => undefined)
  }, [id])
  return (
    <SessionGate className='pts-page address-edit page-narrow' permission='gifts.redeem' denied={{ title: '暂不能管理收货地址' }}>
      {(me) => (
        <View className='pts-page address-edit page-narrow' data-testid='address-edit-page'>
          <AddressEditor me={me} id={id} pickBack={pickBack} />
        </View>
      )}
    </SessionGate>
  )
}
