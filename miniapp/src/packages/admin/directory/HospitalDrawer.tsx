import { Input, Text, View } from '@tarojs/components'
import { HospitalInputSchema, SERVICE_TIER_VALUES } from '@shared/schemas/admin-directory.schema'
import Chips from '../../../components/Chips'
import Drawer from '../../../components/Drawer'
import Field from '../../../components/Field'
import { createHospital, saveMessage, updateHospital, type AdminHospital } from '../../../services/admin-directory'
import { formatShanghai } from '../../../utils/format'
import type { FieldErrors } from '../../../utils/form'
import DepartmentsEditor from './DepartmentsEditor'
import DrawerFooter from './DrawerFooter'
import { changedFields, regionHint, SERVICE_TIER_LABELS } from './directory-view'
import { useDrawerForm } from './useDrawerForm'

interface HospitalForm {
  name: string
  province: string
  city: string
  regionCode: string
  address: string
  latitude: string
  longitude: string
  serviceTier: 'standard' | 'premium'
}

const EMPTY: HospitalForm = { name: '', province: '', city: '', regionCode: '', address: '', latitude: '', longitude: '', serviceTier: 'standard' }

const FALLBACK: FieldErrors = {
  name: '医院名称为 2–100 个字',
  province: '省份为 2–20 个字',
  city: '城市为 2–20 个字',
  address: '地址为 2–200 个字',
  latitude: '纬度应在 3～54 之间',
  longitude: '经度应在 73～136 之间',
  serviceTier: '请选择服务等级',
}

const TIER_OPTIONS = SERVICE_TIER_VALUES.map((t) => ({ key: t, label: SERVICE_TIER_LABELS[t] }))

function formOf(h: AdminHospital): HospitalForm {
  return {
    name: h.name,
    province: h.province,
    city: h.city,
    regionCode: h.regionCode,
    address: h.address,
    latitude: String(h.latitude),
    longitude: String(h.longitude),
    serviceTier: h.serviceTier,
  }
}

interface Props {
  open: boolean
  /** The hospital to edit; null with `open` creates one. */
  hospital: AdminHospital | null
  onClose: () => void
  onSaved: (hospital: AdminHospital, created: boolean) => void
}

/**
 * A hospital beside the list: its fields (checked with the shared
 * HospitalInputSchema: six-digit region code, coordinates inside China,
 * 服务等级) and, once it exists, its departments.
 */
export default function HospitalDrawer({ open, hospital, onClose, onSaved }: Props) {
  const { form, dirty, edit, confirmClose, created, update, errors, formError, setFormError, submitting, submit } = useDrawerForm({
    open,
    recordId: hospital?.id,
    empty: EMPTY,
    initial: () => (hospital ? formOf(hospital) : EMPTY),
    fallback: FALLBACK,
  })

  const change = <K extends keyof HospitalForm>(key: K, value: HospitalForm[K]) => edit({ [key]: value } as Partial<HospitalForm>, key)
  const close = () => confirmClose(onClose)

  const save = () =>
    submit(
      HospitalInputSchema,
      form,
      async (body, key) => {
        if (!hospital) {
          const saved = await createHospital(body, key)
          created('医院已创建')
          onSaved(saved, true)
          return
        }
        // Only what changed goes in the PATCH (numbers compared as numbers, text as trimmed).
        const updated = await update(changedFields(hospital, body), (patch) => updateHospital(hospital.id, patch), formOf)
        if (updated) onSaved(updated, false)
      },
      (err) => setFormError(saveMessage('hospital', err)),
    )

  const region = regionHint(form.regionCode.trim())
  const regionDiffers = region !== null && (form.province.trim() !== region.province || form.city.trim() !== region.city)

  return (
    <Drawer
      open={open}
      title={hospital ? hospital.name : '新建医院'}
      onClose={() => void close()}
      testId='admin-hospital-drawer'
      footer={
        <DrawerFooter
          testIdPrefix='admin-hospital'
          error={formError}
          submitting={submitting}
          saveText={hospital ? '保存修改' : '创建医院'}
          onCancel={() => void close()}
          onSave={() => void save()}
        />
      }
    >
      <View className='dir-form' data-testid='admin-hospital-form' data-id={hospital?.id ?? ''}>
        {hospital ? (
          <Text className='dir-form__meta'>
            {hospital.departmentCount} 个科室 · {hospital.unitCount} 台设备 · 创建于 {formatShanghai(hospital.createdAt)}
          </Text>
        ) : null}
        <Field label='医院名称' required error={errors.name} testId='admin-hospital-field-name'>
          <Input className='text-input' maxlength={100} placeholder='如：上海市第六人民医院' value={form.name} onInput={(e) => change('name', e.detail.value)} />
        </Field>
        <Field
          label='行政区划代码'
          required
          error={errors.regionCode}
          hint={region ? `${region.text}` : '6 位县级行政区划代码（GB/T 2260），如徐汇区 310104'}
          testId='admin-hospital-field-regionCode'
        >
          <Input className='text-input' type='number' maxlength={6} placeholder='如：310104' value={form.regionCode} onInput={(e) => change('regionCode', e.detail.value.trim())} />
          {region && regionDiffers ? (
            <Text
              className='dir-form__link'
              data-testid='admin-hospital-fill-region'
              onClick={() => {
                change('province', region.province)
                change('city', region.city)
              }}
            >
              填入 {region.province === region.city ? region.city : `${region.province} ${region.city}`}
            </Text>
          ) : null}
        </Field>
        <View className='dir-form__row'>
          <Field label='省份' required error={errors.province} testId='admin-hospital-field-province'>
            <Input className='text-input' maxlength={20} placeholder='如：上海市' value={form.province} onInput={(e) => change('province', e.detail.value)} />
          </Field>
          <Field label='城市' required error={errors.city} testId='admin-hospital-field-city'>
            <Input className='text-input' maxlength={20} placeholder='如：上海市' value={form.city} onInput={(e) => change('city', e.detail.value)} />
          </Field>
        </View>
        <Field label='地址' required error={errors.address} testId='admin-hospital-field-address'>
          <Input className='text-input' maxlength={200} placeholder='街道和门牌号' value={form.address} onInput={(e) => change('address', e.detail.value)} />
        </Field>
        <View className='dir-form__row'>
          <Field label='纬度' required error={errors.latitude} hint='3～54，如 31.1766' testId='admin-hospital-field-latitude'>
            <Input className='text-input' type='digit' maxlength={12} placeholder='如：31.1766' value={form.latitude} onInput={(e) => change('latitude', e.detail.value.trim())} />
          </Field>
          <Field label='经度' required error={errors.longitude} hint='73～136，如 121.4231' testId='admin-hospital-field-longitude'>
            <Input className='text-input' type='digit' maxlength={12} placeholder='如：121.4231' value={form.longitude} onInput={(e) => change('longitude', e.detail.value.trim())} />
          </Field>
        </View>
        <Field label='服务等级' required error={errors.serviceTier} hint='决定报修的响应和解决时限（SLA）' testId='admin-hospital-field-serviceTier'>
          <Chips options={TIER_OPTIONS} selected={[form.serviceTier]} onToggle={(k) => change('serviceTier', k as HospitalForm['serviceTier'])} optionTestId='admin-hospital-tier-option' />
        </Field>
        {dirty ? <Text className='dir-form__dirty'>有未保存的修改</Text> : null}
      </View>

      {hospital ? <DepartmentsEditor hospital={hospital} /> : <Text className='dir-form__meta'>创建医院后，可在这里添加科室。</Text>}
    </Drawer>
  )
}
