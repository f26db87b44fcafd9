import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Popup, Radio } from '@nutui/nutui-react-taro'
import type { DepartmentItem } from '@shared/schemas/directory.schema'
import { GENDERS, type Gender, type Me } from '@shared/schemas/me.schema'
import DepartmentChoices from '../../../components/DepartmentChoices'
import Field from '../../../components/Field'
import TextField from '../../../components/Field/TextField'
import SheetActions from '../../../components/SheetActions'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { GENDER_LABELS } from '../../../labels/user.zh'
import { listDepartments } from '../../../services/directory'
import { profileChanges, ProfileCorrectionSchema, updateProfile } from '../../../services/my-data'
import type { FieldErrors } from '../../../utils/form'
import { ROUTES } from '../../../routes'
import HospitalPicker from './HospitalPicker'

type Departments = { kind: 'none' } | { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; items: DepartmentItem[] }

const FALLBACK: FieldErrors = {
  name: '请填写姓名（最多 30 个字）',
  position: '请填写职务（最多 30 个字）',
  title: '职称最多 30 个字',
  gender: '请选择性别',
  hospitalId: '请选择医院',
  departmentId: '请选择科室',
}

/** Statuses whose profile is corrected here (a rejected registration is corrected on the registration form). */
export function canEditProfile(me: Me): boolean {
  return me.status === 'active' || me.status === 'pending'
}

interface Props {
  me: Me
  open: boolean
  onClose: () => void
  onSaved: (me: Me) => void
}

/** 修改资料 (PATCH /me): name, position, title, gender; staff also hospital and department, which send an active account back to admin review (said before). */
export default function ProfileSheet({ me, open, onClose, onSaved }: Props) {
  const p = me.profile
  const [name, setName] = useState('')
  const [position, setPosition] = useState('')
  const [title, setTitle] = useState('')
  const [gender, setGender] = useState<Gender | null>(null)
  const [hospital, setHospital] = useState<{ id: string; name: string } | null>(null)
  const [picking, setPicking] = useState(false)
  const [departmentId, setDepartmentId] = useState<string | null>(null)
  const [departments, setDepartments] = useState<Departments>({ kind: 'none' })
  // Hospital and department: staff who registered with one (engineers and admins have none to correct).
  const affiliation = me.roles.includes('staff') && p.hospital !== null
  const form = useFormSubmit(FALLBACK)
  const { errors, formError, setFormError, submitting, clearError } = form

  const latestDepartments = useRef(0)
  const loadDepartments = async (hospitalId: string | undefined) => {
    const call = ++latestDepartments.current
    if (!hospitalId) {
      setDepartments({ kind: 'none' })
      return
    }
    setDepartments({ kind: 'loading' })
    try {
      const items = await listDepartments(hospitalId)
      if (call === latestDepartments.current) setDepartments({ kind: 'ready', items })
    } catch (error) {
      if (call === latestDepartments.current) setDepartments({ kind: 'error', error })
    }
  }

  useEffect(() => {
    if (!open) return
    setName(p.name ?? '')
    setPosition(p.position ?? '')
    setTitle(p.title ?? '')
    setGender(p.gender)
    setHospital(p.hospital)
    setPicking(false)
    setDepartmentId(p.department?.id ?? null)
    setFormError(undefined)
    if (affiliation) void loadDepartments(p.hospital?.id)
  }, [open])

  const current = { name: p.name, position: p.position, title: p.title, gender: p.gender, hospitalId: p.hospital?.id ?? null, departmentId: p.department?.id ?? null }
  const hospitalChanged = hospital !== null && hospital.id !== current.hospitalId
  const affiliationChanged = hospitalChanged || (departmentId !== null && departmentId !== current.departmentId)
  const goesToReview = affiliationChanged && me.status === 'active'

  const pickHospital = (h: { id: string; name: string }) => {
    setHospital(h)
    setPicking(false)
    setDepartmentId(h.id === current.hospitalId ? current.departmentId : null)
    clearError('hospitalId')
    void loadDepartments(h.id)
  }

  const save = async () => {
    const patch = profileChanges(current, { name, position, title, gender, hospitalId: hospital?.id ?? null, departmentId })
    if (Object.keys(patch).length === 0) {
      void Taro.showToast({ title: '没有修改', icon: 'none' })
      return
    }
    if (goesToReview) {
      const res = await Taro.showModal({
        title: hospitalChanged ? '更换医院需要重新审核' : '更换科室需要重新审核',
        content: '提交后，您的账号将回到“审核中”，由管理员重新核实；已有的高级权限将取消。审核通过前，报修、查看工单等功能暂停使用。确定更换吗？',
        confirmText: '确定更换',
        confirmColor: '#f53f3f',
      })
      if (!res.confirm) return
    }
    await form.submit(ProfileCorrectionSchema, patch, async (body) => {
      const updated = await updateProfile(body)
      onSaved(updated)
      void Taro.showToast({ title: updated.status === 'pending' && me.status === 'active' ? '已提交，等待审核' : '资料已更新', icon: 'success' })
    })
  }

  const close = () => {
    if (!submitting) onClose()
  }

  return (
    <Popup visible={open} position='bottom' round closeOnOverlayClick={!submitting} onClose={close}>
      {open ? (
        <View className='pv-sheet' data-testid='profile-sheet'>
          <Text className='pv-sheet__title'>修改资料</Text>
          <TextField
            label='姓名'
            required
            error={errors.name}
            testId='profile-name'
            maxlength={30}
            value={name}
            onChange={(v) => {
              setName(v)
              clearError('name')
            }}
          />
          <TextField
            label='职务'
            required
            error={errors.position}
            testId='profile-position'
            maxlength={30}
            placeholder='如：护士、医生、设备科工程师'
            value={position}
            onChange={(v) => {
              setPosition(v)
              clearError('position')
            }}
          />
          <TextField
            label='职称'
            error={errors.title}
            testId='profile-title'
            maxlength={30}
            placeholder='如：主管护师'
            value={title}
            onChange={(v) => {
              setTitle(v)
              clearError('title')
            }}
          />
          <Field label='性别' required error={errors.gender} testId='profile-gender'>
            <Radio.Group
              direction='horizontal'
              value={gender ?? ''}
              onChange={(v) => {
                setGender(GENDERS.find((g) => g === v) ?? null)
                clearError('gender')
              }}
            >
              {GENDERS.map((g) => (
                <Radio key={g} value={g} className={`profile-gender-${g}`}>
                  {GENDER_LABELS[g]}
                </Radio>
              ))}
            </Radio.Group>
          </Field>
          {affiliation ? (
            <Field label='医院' required error={errors.hospitalId} testId='profile-hospital'>
              {picking ? (
                <HospitalPicker onPick={pickHospital} />
              ) : (
                <View className='profile-hospital'>
                  <Text data-testid='profile-hospital-name'>{hospital?.name ?? '未选择'}</Text>
                  <Text className='pv-card__link' onClick={() => setPicking(true)} data-testid='profile-hospital-change'>
                    更换医院
                  </Text>
                </View>
              )}
            </Field>
          ) : null}
          {affiliation && hospital ? (
            <Field label='科室' required error={errors.departmentId} hint={`${hospital.name}的科室`} testId='profile-department'>
              <DepartmentChoices
                state={departments.kind === 'ready' ? { kind: 'ready' } : departments}
                options={departments.kind === 'ready' ? departments.items : []}
                selected={departmentId ? [departmentId] : []}
                onToggle={(id) => {
                  setDepartmentId(id)
                  clearError('departmentId')
                }}
                onRetry={() => void loadDepartments(hospital.id)}
                classPrefix='profile-sheet'
                testId='profile-departments'
                optionTestId='profile-department-option'
              />
            </Field>
          ) : null}
          {goesToReview ? (
            <View className='pv-notice' data-testid='profile-review-warning'>
              <Text className='pv-notice__title'>{hospitalChanged ? '更换医院需要重新审核' : '更换科室需要重新审核'}</Text>
              <Text>保存后账号将回到“审核中”，由管理员重新核实；审核通过前报修等功能暂停使用，已有的高级权限将取消。</Text>
            </View>
          ) : null}
          {affiliation ? (
            <Text className='pv-muted'>
              找不到您的医院或科室？请
              <Text
                className='pv-card__link'
                onClick={() => {
                  onClose()
                  void Taro.navigateTo({ url: `${ROUTES.privacyRequestNew}?type=correction` })
                }}
                data-testid='profile-correction-request'
              >
                提交更正申请
              </Text>
              ，由工作人员核实后更改。
            </Text>
          ) : null}
          {formError ? (
            <Text className='pv-error' data-testid='profile-error'>
              {formError}
            </Text>
          ) : null}
          <SheetActions
            block='pv-sheet'
            confirmText={goesToReview ? '保存并重新审核' : '保存'}
            busy={submitting}
            onCancel={close}
            onConfirm={() => void save()}
            cancelTestId='profile-cancel'
            confirmTestId='profile-save'
          />
        </View>
      ) : null}
    </Popup>
  )
}
