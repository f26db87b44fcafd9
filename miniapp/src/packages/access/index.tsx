import { useCallback, useEffect, useState, type ReactNode } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { AccessRequestCreateSchema, type AccessRequest } from '@shared/schemas/access.schema'
import type { DepartmentItem } from '@shared/schemas/directory.schema'
import type { Me } from '@shared/schemas/me.schema'
import Chips from '../../components/Chips'
import DepartmentChoices from '../../components/DepartmentChoices'
import Field from '../../components/Field'
import TextField from '../../components/Field/TextField'
import { PageEmpty, PageError, PageLoading } from '../../components/PageState'
import SessionGate from '../../components/SessionGate'
import { useFormSubmit } from '../../hooks/useFormSubmit'
import { ACCESS_STATUS_LABELS, ACCESS_STATUS_TAG, namesOf } from '../../labels/access.zh'
import { createAccessRequest, listMyAccessRequests } from '../../services/access'
import { isApiError } from '../../services/api-error'
import { listDepartments } from '../../services/directory'
import { messageOf } from '../../services/errors.zh'
import { loadSession } from '../../stores/session'
import { formatShanghai } from '../../utils/format'
import type { FieldErrors } from '../../utils/form'
import '../../components/Field/index.scss'
import './index.scss'

type Loadable<T> = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; value: T }

const FALLBACK_MESSAGES: FieldErrors = {
  departmentIds: '请至少选择一个科室',
  position: '请填写职务（最多 30 字）',
  reason: '请填写申请理由（2–300 字）',
}

function Intro() {
  return (
    <View className='access__card access-intro' data-testid='access-intro'>
      <Text className='access__card-title'>高级权限可以做什么</Text>
      <Text className='access-intro__item'>· 除本人提交的报修外，还可查看您所管理科室的同事提交的报修工单及维修进度。</Text>
      <Text className='access-intro__item'>· 同事的联系电话只显示后四位；工单可查看期限与普通权限相同。</Text>
      <Text className='access-intro__item'>· 适用于科主任、护士长、设备管理员等。申请由管理员审核，管理员可能只授予您申请的部分科室。</Text>
    </View>
  )
}

function Current({ me }: { me: Me }) {
  if (me.tier === 'advanced') {
    return (
      <View className='access__card access-current access-current--advanced' data-testid='access-current' data-tier='advanced'>
        <View className='access-current__head'>
          <Text className='access__card-title'>您已拥有高级权限</Text>
          <Tag type='success'>高级权限</Tag>
        </View>
        <Text className='access__muted'>您管理的科室：</Text>
        {me.managedDepartments.length > 0 ? (
          <Chips options={me.managedDepartments.map((d) => ({ key: d.id, label: d.name }))} selected={[]} testId='access-managed' optionTestId='access-managed-dept' />
        ) : (
          <Text className='access__muted'>暂无</Text>
        )}
      </View>
    )
  }
  return (
    <View className='access__card access-current' data-testid='access-current' data-tier='general'>
      <Text className='access__card-title'>当前为普通权限</Text>
      <Text className='access__muted'>您可以查看本人提交的报修工单。</Text>
    </View>
  )
}

function RequestCard({ item }: { item: AccessRequest }) {
  const notGranted = item.requested.filter((r) => !item.granted.some((g) => g.id === r.id))
  return (
    <View className='access-request' data-testid='access-request' data-status={item.status} data-request-id={item.id}>
      <View className='access-request__head'>
        <Text className='access-request__time'>提交于 {formatShanghai(item.createdAt)}</Text>
        <View data-testid='access-request-status'>
          <Tag type={ACCESS_STATUS_TAG[item.status]}>{ACCESS_STATUS_LABELS[item.status]}</Tag>
        </View>
      </View>
      <View className='access-request__row'>
        <Text className='access-request__label'>申请科室</Text>
        <Text className='access-request__value' data-testid='access-request-requested'>
          {namesOf(item.requested)}
        </Text>
      </View>
      <View className='access-request__row'>
        <Text className='access-request__label'>职务</Text>
        <Text className='access-request__value'>{item.position}</Text>
      </View>
      <View className='access-request__row'>
        <Text className='access-request__label'>申请理由</Text>
        <Text className='access-request__value'>{item.reason}</Text>
      </View>
      {item.status === 'approved' ? (
        <View className='access-request__row'>
          <Text className='access-request__label'>已授予</Text>
          <Text className='access-request__value access-request__value--ok' data-testid='access-request-granted'>
            {namesOf(item.granted)}
          </Text>
        </View>
      ) : null}
      {item.status === 'approved' && notGranted.length > 0 ? (
        <Text className='access-request__note' data-testid='access-request-narrowed'>
          管理员仅授予了您申请的部分科室，未授予：{namesOf(notGranted)}
          {item.decisionReason ? `。说明：${item.decisionReason}` : ''}
        </Text>
      ) : null}
      {item.status === 'rejected' ? (
        <Text className='access-request__note access-request__note--danger' data-testid='access-request-reason'>
          驳回原因：{item.decisionReason ?? '未说明'}
        </Text>
      ) : null}
      {item.status === 'pending' ? <Text className='access-request__time'>等待管理员审核</Text> : null}
      {item.decidedAt ? <Text className='access-request__time'>审核于 {formatShanghai(item.decidedAt)}</Text> : null}
    </View>
  )
}

function Apply({ me }: { me: Me }) {
  const hospital = me.profile.hospital
  const [requests, setRequests] = useState<Loadable<AccessRequest[]>>({ kind: 'loading' })
  const [departments, setDepartments] = useState<Loadable<DepartmentItem[]>>({ kind: 'loading' })
  const [selected, setSelected] = useState<string[]>([])
  const [position, setPosition] = useState(me.profile.position ?? '')
  const [reason, setReason] = useState('')
  const form = useFormSubmit(FALLBACK_MESSAGES)
  const { errors, formError, submitting, clearError } = form

  const loadRequests = useCallback(async () => {
    try {
      setRequests({ kind: 'ready', value: await listMyAccessRequests() })
    } catch (error) {
      setRequests({ kind: 'error', error })
    }
  }, [])

  const loadDepartmentList = useCallback(async () => {
    if (!hospital) return
    setDepartments({ kind: 'loading' })
    try {
      setDepartments({ kind: 'ready', value: await listDepartments(hospital.id) })
    } catch (error) {
      setDepartments({ kind: 'error', error })
    }
  }, [hospital?.id])

  useEffect(() => {
    void loadRequests()
    void loadDepartmentList()
  }, [loadRequests, loadDepartmentList])

  usePullDownRefresh(() => {
    void Promise.all([loadSession(true), loadRequests()]).finally(() => Taro.stopPullDownRefresh())
  })

  const toggle = (id: string) => {
    setSelected((all) => (all.includes(id) ? all.filter((d) => d !== id) : [...all, id]))
    clearError('departmentIds')
  }

  const submit = () =>
    form.submit(
      AccessRequestCreateSchema,
      { departmentIds: selected, position, reason },
      async (body, key) => {
        const created = await createAccessRequest(body, key)
        setRequests((r) => ({ kind: 'ready', value: [created, ...(r.kind === 'ready' ? r.value.filter((x) => x.id !== created.id) : [])] }))
        setSelected([])
        setReason('')
        void Taro.showToast({ title: '申请已提交', icon: 'success' })
      },
      (err) => {
        if (isApiError(err) && err.code === 'CONFLICT') {
          // One is already pending (another device, or a double tap that got through): show it.
          form.setFormError('您已有一份待审核的申请，请等待审核结果')
          void loadRequests()
        } else {
          form.setFormError(messageOf(err))
        }
      },
    )

  const pending = requests.kind === 'ready' ? requests.value.find((r) => r.status === 'pending') : undefined
  const managed = new Set(me.managedDepartments.map((d) => d.id))
  const choices = departments.kind === 'ready' ? departments.value.filter((d) => !managed.has(d.id)) : []
  const advanced = me.tier === 'advanced'

  let formView: ReactNode = null
  if (requests.kind === 'loading') formView = null
  else if (pending) {
    formView = (
      <View className='access__notice' data-testid='access-pending'>
        <Text className='access__notice-title'>您的申请正在审核中</Text>
        <Text>审核结果会显示在下方的申请记录中。审核完成前不能再次提交。</Text>
      </View>
    )
  } else if (!hospital) {
    formView = <PageEmpty title='无法申请' description='您的账号未关联医院，请联系客服' />
  } else if (departments.kind === 'ready' && advanced && choices.length === 0) {
    formView = <Text className='access__muted'>您已管理本院的全部科室。</Text>
  } else {
    formView = (
      <View className='access__card access-form' data-testid='access-form'>
        <Text className='access__card-title'>{advanced ? '申请管理更多科室' : '申请高级权限'}</Text>
        <Field
          label='申请管理的科室'
          required
          error={errors.departmentIds}
          testId='access-departments'
          hint={`${hospital.name}，可多选`}
        >
          <DepartmentChoices
            state={departments}
            options={choices}
            selected={selected}
            onToggle={toggle}
            onRetry={() => void loadDepartmentList()}
            classPrefix='access'
            testId='access-department-options'
            optionTestId='access-department-option'
          />
        </Field>
        <TextField
          label='职务'
          required
          error={errors.position}
          testId='access-position'
          placeholder='如 科主任、护士长、设备管理员'
          maxlength={30}
          value={position}
          onChange={(v) => {
            setPosition(v)
            clearError('position')
          }}
        />
        <Field label='申请理由' required error={errors.reason} testId='access-reason' hint='说明您为什么需要查看这些科室的工单（2–300 字）'>
          <View className={`access__textarea-box${errors.reason ? ' access__textarea-box--error' : ''}`}>
            <Textarea
              className='access__textarea'
              placeholder='如：负责消化内镜中心和消化内科的设备管理，需要跟进两个科室的报修进度'
              maxlength={300}
              value={reason}
              onInput={(e) => {
                setReason(e.detail.value)
                clearError('reason')
              }}
            />
          </View>
        </Field>
        {formError ? (
          <Text className='access__error' data-testid='access-form-error'>
            {formError}
          </Text>
        ) : null}
        <View className='access__submit'>
          <Button block type='primary' loading={submitting} disabled={submitting} onClick={() => void submit()} data-testid='access-submit'>
            提交申请
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='access page-narrow' data-testid='access-page'>
      <Intro />
      <Current me={me} />
      {formView}
      <View className='access__section'>
        <Text className='access__section-title'>申请记录</Text>
        {requests.kind === 'loading' ? <PageLoading rows={3} /> : null}
        {requests.kind === 'error' ? <PageError error={requests.error} onRetry={() => void loadRequests()} /> : null}
        {requests.kind === 'ready' && requests.value.length === 0 ? <PageEmpty title='暂无申请记录' /> : null}
        {requests.kind === 'ready' && requests.value.length > 0 ? (
          <View className='access__requests' data-testid='access-requests'>
            {requests.value.map((r) => (
              <RequestCard key={r.id} item={r} />
            ))}
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** 我的 → 申请高级权限: what it gives, the application, and the user's requests with their outcome. */
export default function AccessRequestPage() {
  return (
    <SessionGate
      className='access page-narrow'
      permission='access.request'
      denied={{ title: '暂不能申请高级权限', description: '仅通过认证的医院员工可以申请高级权限' }}
    >
      {(me) =>
        me.roles.includes('staff') ? (
          <Apply key={me.id} me={me} />
        ) : (
          <View className='access page-narrow'>
            <PageEmpty title='暂不能申请高级权限' description='高级权限仅适用于医院员工账号' />
          </View>
        )
      }
    </SessionGate>
  )
}
