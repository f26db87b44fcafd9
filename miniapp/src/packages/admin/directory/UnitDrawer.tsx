import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { UnitInputSchema, UnitPatchSchema } from '@shared/schemas/admin-directory.schema'
import DateInput from '../../../components/DateInput'
import Drawer from '../../../components/Drawer'
import Field from '../../../components/Field'
import { createUnit, listHospitalDepartments, saveMessage, updateUnit, type AdminDepartment, type AdminEquipmentModel, type AdminUnit } from '../../../services/admin-directory'
import { messageOf } from '../../../services/errors.zh'
import { formatShanghai } from '../../../utils/format'
import type { FieldErrors } from '../../../utils/form'
import HospitalPicker, { type HospitalRef } from './HospitalPicker'
import Select from './Select'
import DrawerFooter from './DrawerFooter'
import { COVERAGE_NOTES, coverageOf } from './directory-view'
import { useDrawerForm } from './useDrawerForm'

interface UnitForm {
  modelId: string
  serial: string
  hospital: HospitalRef | null
  /** '' = no department. */
  departmentId: string
  /** '' = not recorded. */
  coveredUntil: string
}

const EMPTY: UnitForm = { modelId: '', serial: '', hospital: null, departmentId: '', coveredUntil: '' }

const FALLBACK: FieldErrors = {
  modelId: '请选择型号',
  serial: '序列号为 3–40 位字母、数字或 -',
  hospitalId: '请选择医院',
  departmentId: '请选择科室',
  coveredUntil: '日期格式应为 YYYY-MM-DD',
}

function formOf(u: AdminUnit): UnitForm {
  return { modelId: u.model.id, serial: u.serial, hospital: u.hospital, departmentId: u.department?.id ?? '', coveredUntil: u.coveredUntil ?? '' }
}

type Departments = { phase: 'idle' | 'loading' } | { phase: 'ready'; items: AdminDepartment[] } | { phase: 'error'; message: string }

interface Props {
  open: boolean
  /** The unit to edit; null with `open` registers a new one. */
  unit: AdminUnit | null
  models: readonly AdminEquipmentModel[]
  modelsError?: string
  onClose: () => void
  onSaved: (unit: AdminUnit, created: boolean) => void
  onPrint: (unit: AdminUnit) => void
}

/**
 * A unit beside the list: where it is (hospital, department), its model and
 * 保修截止; a new unit also takes its serial (fixed afterwards: the label
 * code and the QR follow the unit).
 */
export default function UnitDrawer({ open, unit, models, modelsError, onClose, onSaved, onPrint }: Props) {
  const [departments, setDepartments] = useState<Departments>({ phase: 'idle' })
  const { form, dirty, edit, confirmClose, created, update, errors, formError, setFormError, submitting, submit } = useDrawerForm({
    open,
    recordId: unit?.id,
    empty: EMPTY,
    initial: () => (unit ? formOf(unit) : EMPTY),
    fallback: FALLBACK,
  })
  const hospitalId = form.hospital?.id ?? ''
  const departmentsCall = useRef(0)

  /** The chosen hospital's departments; an answer for a hospital no longer chosen is dropped. */
  const loadDepartments = async (id: string) => {
    const call = ++departmentsCall.current
    setDepartments({ phase: 'loading' })
    try {
      const items = await listHospitalDepartments(id)
      if (call === departmentsCall.current) setDepartments({ phase: 'ready', items })
    } catch (err) {
      if (call === departmentsCall.current) setDepartments({ phase: 'error', message: messageOf(err) })
    }
  }

  useEffect(() => {
    if (!open || !hospitalId) {
      departmentsCall.current += 1
      setDepartments({ phase: 'idle' })
      return
    }
    void loadDepartments(hospitalId)
  }, [open, hospitalId])

  // Another hospital: its departments are not this one's.
  const change = <K extends keyof UnitForm>(key: K, value: UnitForm[K]) =>
    edit({ [key]: value, ...(key === 'hospital' ? { departmentId: '' } : {}) } as Partial<UnitForm>, key === 'hospital' ? 'hospitalId' : key)
  const close = () => confirmClose(onClose)

  const candidate = {
    modelId: form.modelId,
    hospitalId: form.hospital?.id ?? '',
    departmentId: form.departmentId || null,
    coveredUntil: form.coveredUntil || null,
  }

  const save = async () => {
    if (!unit) {
      await submit(
        UnitInputSchema,
        { ...candidate, serial: form.serial },
        async (body, key) => {
          const saved = await createUnit(body, key)
          created('设备已登记')
          onSaved(saved, true)
        },
        (err) => setFormError(saveMessage('unit', err)),
      )
      return
    }
    await submit(
      UnitPatchSchema,
      candidate,
      async (body) => {
        const before = { modelId: unit.model.id, hospitalId: unit.hospital.id, departmentId: unit.department?.id ?? null, coveredUntil: unit.coveredUntil }
        const patch = Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== undefined && v !== before[k as keyof typeof before]))
        const updated = await update(patch, (p) => updateUnit(unit.id, p), formOf)
        if (updated) onSaved(updated, false)
      },
      (err) => setFormError(saveMessage('unit', err)),
    )
  }

  const modelOptions = models.map((m) => ({ key: m.id, label: `${m.name}（${m.manufacturer}）` }))
  const departmentOptions = departments.phase === 'ready' ? departments.items.map((d) => ({ key: d.id, label: d.name })) : []
  const coverage = coverageOf(form.coveredUntil || null)

  return (
    <Drawer
      open={open}
      title={unit ? `设备 ${unit.serial}` : '登记设备'}
      onClose={() => void close()}
      testId='admin-unit-drawer'
      footer={
        <DrawerFooter
          testIdPrefix='admin-unit'
          error={formError}
          submitting={submitting}
          saveText={unit ? '保存修改' : '登记设备'}
          onCancel={() => void close()}
          onSave={() => void save()}
        >
          {unit ? (
            <Button fill='outline' disabled={submitting} onClick={() => onPrint(unit)} data-testid='admin-unit-print'>
              打印标签
            </Button>
          ) : null}
        </DrawerFooter>
      }
    >
      <View className='dir-form' data-testid='admin-unit-form' data-id={unit?.id ?? ''}>
        {unit ? (
          <View className='dir-form__facts'>
            <Text className='dir-form__meta'>
              标签码 <Text className='dir-cell__mono'>{unit.labelCode}</Text>
            </Text>
            <Text className='dir-form__meta'>
              未结工单 {unit.openTickets} · 登记于 {formatShanghai(unit.createdAt)}
            </Text>
          </View>
        ) : null}
        <Field label='序列号' required error={errors.serial} hint={unit ? '序列号登记后不能修改' : '字母、数字和 -，3–40 位'} testId='admin-unit-field-serial'>
          {unit ? (
            <Text className='dir-cell__mono dir-form__static'>{unit.serial}</Text>
          ) : (
            <Input className='text-input' maxlength={40} placeholder='如：GIF-H290-2401537' value={form.serial} onInput={(e) => change('serial', e.detail.value.trim())} />
          )}
        </Field>
        <Field label='型号' required error={errors.modelId ?? modelsError} testId='admin-unit-field-modelId'>
          <Select label='型号' value={form.modelId} options={modelOptions} placeholder='请选择型号' onChange={(v) => change('modelId', v)} testId='admin-unit-model' />
        </Field>
        <Field label='医院' required error={errors.hospitalId} testId='admin-unit-field-hospitalId'>
          <HospitalPicker value={form.hospital} onChange={(h) => change('hospital', h)} testId='admin-unit-hospital' />
        </Field>
        <Field label='科室' error={errors.departmentId} testId='admin-unit-field-departmentId'>
          {!form.hospital ? <Text className='dir-form__meta'>请先选择医院</Text> : null}
          {departments.phase === 'loading' ? <Text className='dir-form__meta'>正在加载科室…</Text> : null}
          {departments.phase === 'error' ? (
            <View className='dir-form__inline-error'>
              <Text>{departments.message}</Text>
              <Text className='dir-form__link' onClick={() => void loadDepartments(hospitalId)}>
                重试
              </Text>
            </View>
          ) : null}
          {departments.phase === 'ready' ? (
            departments.items.length > 0 ? (
              <Select label='科室' value={form.departmentId} options={departmentOptions} emptyLabel='不指定科室' onChange={(v) => change('departmentId', v)} testId='admin-unit-department' />
            ) : (
              <Text className='dir-form__meta'>该医院还没有科室（可在“医院”中添加）</Text>
            )
          ) : null}
        </Field>
        <Field
          label='保修截止'
          error={errors.coveredUntil}
          hint={form.coveredUntil && COVERAGE_NOTES[coverage] ? COVERAGE_NOTES[coverage] : '保修或服务合同的最后一天（北京时间）'}
          testId='admin-unit-field-coveredUntil'
        >
          <DateInput value={form.coveredUntil} onChange={(v) => change('coveredUntil', v)} placeholder='未登记' label='保修截止' testId='admin-unit-covered-until' />
        </Field>
        {dirty ? <Text className='dir-form__dirty'>有未保存的修改</Text> : null}
      </View>
    </Drawer>
  )
}
