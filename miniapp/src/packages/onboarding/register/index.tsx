import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Radio } from '@nutui/nutui-react-taro'
import type { DepartmentItem } from '@shared/schemas/directory.schema'
import { GENDERS, type Gender, type Me } from '@shared/schemas/me.schema'
import { RegistrationSchema } from '@shared/schemas/registration.schema'
import DepartmentChoices from '../../../components/DepartmentChoices'
import Field from '../../../components/Field'
import TextField from '../../../components/Field/TextField'
import { PageError, PageLoading, PageNeedLogin } from '../../../components/PageState'
import { usePurposeConsent } from '../../../components/PurposeConsent'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { GENDER_LABELS } from '../../../labels/user.zh'
import { isApiError } from '../../../services/api-error'
import { listDepartments } from '../../../services/directory'
import { messageOf } from '../../../services/errors.zh'
import { submitRegistration } from '../../../services/registration'
import { loadSession, setMe, useSession } from '../../../stores/session'
import type { FieldErrors } from '../../../utils/form'
import { ROUTES } from '../../../routes'
import BadgePhoto, { type BadgeValue } from '../components/BadgePhoto'
import HospitalSearch, { type ChosenHospital } from '../components/HospitalSearch'
import '../../../components/Field/index.scss'
import './index.scss'

type Departments = { kind: 'none' } | { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; items: DepartmentItem[] }

const FALLBACK_MESSAGES: FieldErrors = {
  name: '请填写姓名',
  hospitalId: '请选择医院',
  departmentId: '请选择科室',
  position: '请填写职务',
  title: '职称最多 30 个字',
  gender: '请选择性别',
  badgeFileId: '请上传工牌或执业证照片',
}

const LOCATION_REASON = '为了按距离为您列出附近的医院，需要获取一次您当前的位置。'
const BADGE_REASON = '注册需要上传工牌或执业证照片，供管理员核实您是医疗机构工作人员。'

function RegistrationForm({ me }: { me: Me }) {
  const p = me.profile
  const resubmitting = me.status === 'rejected'
  // Pre-filled from /me when a rejected registration is corrected.
  const [name, setName] = useState(p.name ?? '')
  const [hospital, setHospital] = useState<ChosenHospital | null>(p.hospital)
  const [departmentId, setDepartmentId] = useState<string | null>(p.department?.id ?? null)
  const [departments, setDepartments] = useState<Departments>({ kind: 'none' })
  const [position, setPosition] = useState(p.position ?? '')
  const [title, setTitle] = useState(p.title ?? '')
  const [gender, setGender] = useState<Gender | null>(p.gender)
  const [badge, setBadge] = useState<BadgeValue | null>(null)
  const [badgeBusy, setBadgeBusy] = useState(false)
  const form = useFormSubmit(FALLBACK_MESSAGES)
  const { errors, setErrors, formError, setFormError, submitting, clearError } = form
  const { ensure, dialog } = usePurposeConsent()

  const loadDepartments = async (hospitalId: string) => {
    setDepartments({ kind: 'loading' })
    try {
      const items = await listDepartments(hospitalId)
      setDepartments({ kind: 'ready', items })
      setDepartmentId((current) => (current && items.some((d) => d.id === current) ? current : null))
    } catch (error) {
      setDepartments({ kind: 'error', error })
    }
  }

  useEffect(() => {
    if (hospital) void loadDepartments(hospital.id)
    else {
      setDepartments({ kind: 'none' })
      setDepartmentId(null)
    }
  }, [hospital?.id])


  const submit = async () => {
    if (badgeBusy) return
    const candidate = {
      name,
      hospitalId: hospital?.id ?? '',
      departmentId: departmentId ?? '',
      position,
      title: title.trim() ? title : undefined,
      gender: gender ?? undefined,
      badgeFileId: badge?.fileId ?? '',
    }
    await form.submit(
      RegistrationSchema,
      candidate,
      async (body, key) => {
        const updated = await submitRegistration(body, key)
        setMe(updated)
        void Taro.redirectTo({ url: ROUTES.status })
      },
      async (err) => {
        if (isApiError(err) && err.code === 'CONSENT_REQUIRED') {
          setBadge(null)
          setErrors({ badgeFileId: '需要您同意使用工牌照片，请重新上传' })
        } else if (isApiError(err) && err.code === 'CONFLICT') {
          // Already submitted (another device, or a double tap that got through): show the status.
          const state = await loadSession(true)
          if (state.phase === 'ready' && state.me.status !== 'unregistered' && state.me.status !== 'rejected') {
            void Taro.redirectTo({ url: ROUTES.status })
            return
          }
          setFormError(messageOf(err))
        } else {
          setFormError(messageOf(err))
        }
      },
    )
  }

  return (
    <View className='register page-narrow' data-testid='register-page'>
      {resubmitting ? (
        <View className='register__notice register__notice--danger' data-testid='register-rejected'>
          <Text className='register__notice-title'>上次提交未通过审核</Text>
          {me.rejectionReason ? <Text>原因：{me.rejectionReason}</Text> : null}
          <Text>请根据原因修改信息，并重新上传工牌照片后提交。</Text>
        </View>
      ) : (
        <View className='register__notice'>
          <Text>请如实填写，提交后由管理员审核。审核通过后即可报修、查询工单。</Text>
        </View>
      )}

      <View className='register__card'>
        <TextField
          label='姓名' required
          error={errors.name}
          testId='reg-name'
          placeholder='请输入真实姓名'
          maxlength={30}
          value={name}
          onChange={(v) => {
            setName(v)
            clearError('name')
          }}
        />

        <Field label='医院' required error={errors.hospitalId} testId='reg-hospital'>
          <HospitalSearch
            value={hospital}
            onChange={(h) => {
              setHospital(h)
              clearError('hospitalId')
            }}
            ensureLocationConsent={() => ensure('location', LOCATION_REASON)}
          />
        </Field>

        <Field label='科室' required error={errors.departmentId} testId='reg-department'>
          <DepartmentChoices
            state={departments}
            options={departments.kind === 'ready' ? departments.items : []}
            selected={departmentId ? [departmentId] : []}
            onToggle={(id) => {
              setDepartmentId(id)
              clearError('departmentId')
            }}
            onRetry={() => hospital && void loadDepartments(hospital.id)}
            classPrefix='register'
            testId='reg-department-options'
            optionTestId='reg-department-option'
          />
        </Field>

        <TextField
          label='职务' required
          error={errors.position}
          testId='reg-position'
          placeholder='如 护士长、内镜中心技师、设备科工程师'
          maxlength={30}
          value={position}
          onChange={(v) => {
            setPosition(v)
            clearError('position')
          }}
        />

        <TextField
          label='职称'
          error={errors.title}
          testId='reg-title'
          placeholder='如 主治医师、主管护师'
          maxlength={30}
          value={title}
          onChange={(v) => {
            setTitle(v)
            clearError('title')
          }}
        />

        <Field label='性别' required error={errors.gender} testId='reg-gender'>
          <Radio.Group
            direction='horizontal'
            value={gender ?? ''}
            onChange={(v) => {
              setGender(GENDERS.find((g) => g === v) ?? null)
              clearError('gender')
            }}
          >
            {GENDERS.map((g) => (
              <Radio key={g} value={g} className={`reg-gender-${g}`}>
                {GENDER_LABELS[g]}
              </Radio>
            ))}
          </Radio.Group>
        </Field>

        <Field
          label='工牌或执业证照片'
          required
          error={errors.badgeFileId}
          testId='reg-badge-field'
          hint='仅用于核实您的医务人员身份，只有审核人员可以查看'
        >
          <BadgePhoto
            value={badge}
            onChange={(v) => {
              setBadge(v)
              clearError('badgeFileId')
            }}
            onBusyChange={setBadgeBusy}
            ensureConsent={(force) => ensure('badge_photo', BADGE_REASON, { force })}
            hint={resubmitting && p.hasBadge ? '出于隐私保护，之前的照片不再显示，请重新上传' : undefined}
          />
        </Field>
      </View>

      {formError ? (
        <Text className='register__error' data-testid='reg-form-error'>
          {formError}
        </Text>
      ) : null}

      <View className='register__submit'>
        <Button block type='primary' loading={submitting} disabled={submitting || badgeBusy} onClick={() => void submit()} data-testid='reg-submit'>
          {resubmitting ? '重新提交审核' : '提交审核'}
        </Button>
      </View>
      {dialog}
    </View>
  )
}

/** Registration profile; also the correction form after a rejection. */
export default function Register() {
  const session = useSession()

  useEffect(() => {
    void loadSession()
  }, [])

  if (session.phase === 'loading') {
    return (
      <View className='register page-narrow'>
        <PageLoading rows={10} />
      </View>
    )
  }
  if (session.phase === 'anonymous') {
    return (
      <View className='register page-narrow'>
        <PageNeedLogin onLogin={() => void Taro.redirectTo({ url: ROUTES.login })} />
      </View>
    )
  }
  if (session.phase === 'error') {
    return (
      <View className='register page-narrow'>
        <PageError error={session.error} onRetry={() => void loadSession(true)} />
      </View>
    )
  }
  const { me } = session
  if (me.status === 'pending' || me.status === 'active' || me.status === 'cancelling') {
    return (
      <View className='register page-narrow'>
        <View className='register__notice'>
          <Text>{me.status === 'pending' ? '您的注册信息已提交，正在审核中。' : '您的注册已通过审核，无需再次提交。'}</Text>
        </View>
        <Button block type='primary' onClick={() => void Taro.redirectTo({ url: ROUTES.status })}>
          查看审核状态
        </Button>
      </View>
    )
  }
  return <RegistrationForm key={me.id} me={me} />
}
