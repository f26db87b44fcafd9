import { useEffect, useRef, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { ROLES, type Role } from '@shared/permissions'
import { RoleChangeSchema } from '@shared/schemas/admin-users.schema'
import Chips from '../../../components/Chips'
import Field from '../../../components/Field'
import SheetActions from '../../../components/SheetActions'
import { ROLE_LABELS } from '../../../labels/ticket.zh'
import { listDealerChoices, roleLine, type AdminUserDetail, type Dealer, type RoleChangeInput } from '../../../services/admin-users'
import { messageOf } from '../../../services/errors.zh'
import { fieldErrorsOfZod, type FieldErrors } from '../../../utils/form'

const ROLE_OPTIONS = ROLES.map((r) => ({ key: r, label: ROLE_LABELS[r] ?? r }))
const FALLBACK: FieldErrors = { role: '请选择角色', dealerId: '请选择经销商', reason: '请填写原因（2–200 字）' }

/** What a role means for the account, said before it changes. */
const ROLE_EFFECTS: Record<Role, string> = {
  staff: '医院员工：报修、查看本人（高级权限为所管科室）的工单，使用积分和资料库。需要已登记的医院和科室。',
  engineer: '工程师：使用工程师工作台接单、处理工单，接待在线咨询。',
  dealer: '经销商：只能查看委托给所属经销商的工单，并记录上门检查。',
  admin: '管理员：可使用全部管理功能，包括审核、用户管理、隐私合规和审计日志。',
}

type Dealers = { kind: 'idle' | 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: Dealer[] }

interface Props {
  /** The user whose role changes; null when closed. */
  user: AdminUserDetail | null
  /** Resolves to a message to show (the dialog stays open), or nothing once done. */
  onSubmit: (input: RoleChangeInput) => Promise<string | undefined>
  onClose: () => void
}

/** 修改角色: the new role (a dealer account names its dealer organisation) and why, checked with the shared RoleChangeSchema. */
export default function RoleDialog({ user, onSubmit, onClose }: Props) {
  const open = user !== null
  const [role, setRole] = useState<Role>('staff')
  const [dealerId, setDealerId] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)
  const [dealers, setDealers] = useState<Dealers>({ kind: 'idle' })
  const dealerCall = useRef(0)

  useEffect(() => {
    if (!user) return
    setRole(user.role)
    setDealerId(user.dealer?.id ?? '')
    setReason('')
    setErrors({})
    setFormError(undefined)
  }, [user?.id, open])

  const loadDealers = async () => {
    const call = ++dealerCall.current
    setDealers({ kind: 'loading' })
    try {
      const items = await listDealerChoices()
      if (call === dealerCall.current) setDealers({ kind: 'ready', items })
    } catch (err) {
      if (call === dealerCall.current) setDealers({ kind: 'error', message: messageOf(err) })
    }
  }

  useEffect(() => {
    if (open && role === 'dealer' && dealers.kind === 'idle') void loadDealers()
  }, [open, role, dealers.kind])

  const close = () => {
    if (!submitting) onClose()
  }

  const confirm = async () => {
    if (!user || submitting) return
    const candidate = { role, dealerId: role === 'dealer' ? dealerId || undefined : undefined, reason }
    const parsed = RoleChangeSchema.safeParse(candidate)
    const found: FieldErrors = parsed.success ? {} : fieldErrorsOfZod(parsed.error, FALLBACK)
    if (role === 'dealer' && !dealerId) found.dealerId = FALLBACK.dealerId
    if (role === user.role && (role !== 'dealer' || dealerId === (user.dealer?.id ?? ''))) found.role = '请选择与当前不同的角色'
    if (!parsed.success || Object.values(found).some(Boolean)) {
      setErrors(found)
      return
    }
    setSubmitting(true)
    try {
      setFormError(await onSubmit(parsed.data))
    } finally {
      setSubmitting(false)
    }
  }

  const clear = (key: string) => {
    setErrors((e) => ({ ...e, [key]: undefined }))
    setFormError(undefined)
  }

  return (
    <Popup visible={open} position='bottom' round closeOnOverlayClick={!submitting} onClose={close}>
      {user ? (
        <View className='user-dialog' data-testid='admin-user-role-dialog' data-id={user.id}>
          <Text className='user-dialog__title'>修改角色 · {user.name ?? '未填写姓名'}</Text>
          <Text className='user-dialog__hint'>当前：{roleLine(user)}。修改立即生效，原因会记入审计日志。</Text>

          <Field label='新角色' required error={errors.role} testId='admin-user-role-field'>
            <Chips
              options={ROLE_OPTIONS}
              selected={[role]}
              onToggle={(k) => {
                setRole(k as Role)
                clear('role')
              }}
              testId='admin-user-role-options'
              optionTestId='admin-user-role-option'
            />
          </Field>
          <Text className='user-dialog__note' data-testid='admin-user-role-effect'>
            {ROLE_EFFECTS[role]}
          </Text>

          {role === 'dealer' ? (
            <Field label='所属经销商' required error={errors.dealerId} testId='admin-user-role-dealer'>
              {dealers.kind === 'ready' && dealers.items.length > 0 ? (
                <Chips
                  options={dealers.items.map((d) => ({ key: d.id, label: d.name }))}
                  selected={[dealerId]}
                  onToggle={(k) => {
                    setDealerId(k)
                    clear('dealerId')
                  }}
                  testId='admin-user-role-dealers'
                  optionTestId='admin-user-role-dealer-option'
                />
              ) : null}
              {dealers.kind === 'ready' && dealers.items.length === 0 ? <Text className='user-dialog__hint'>还没有登记的经销商，请先在“医院与设备”中登记经销商</Text> : null}
              {dealers.kind === 'loading' || dealers.kind === 'idle' ? <Text className='user-dialog__hint'>正在加载经销商…</Text> : null}
              {dealers.kind === 'error' ? (
                <View className='user-dialog__inline-error'>
                  <Text>{dealers.message}</Text>
                  <Button size='small' onClick={() => void loadDealers()}>
                    重试
                  </Button>
                </View>
              ) : null}
            </Field>
          ) : null}

          <Field label='原因' required error={errors.reason} testId='admin-user-role-reason'>
            <View className={`user-dialog__textarea-box${errors.reason ? ' user-dialog__textarea-box--error' : ''}`}>
              <Textarea
                className='user-dialog__textarea'
                placeholder='如：转岗为公司工程师，经部门负责人确认'
                maxlength={200}
                value={reason}
                onInput={(e) => {
                  setReason(e.detail.value)
                  clear('reason')
                }}
              />
            </View>
          </Field>

          {formError ? (
            <Text className='user-dialog__error' data-testid='admin-user-role-error'>
              {formError}
            </Text>
          ) : null}
          <SheetActions
            block='user-dialog'
            confirmText='确认修改'
            busy={submitting}
            onCancel={close}
            onConfirm={() => void confirm()}
            cancelTestId='admin-user-role-cancel'
            confirmTestId='admin-user-role-confirm'
          />
        </View>
      ) : null}
    </Popup>
  )
}
