import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { EngineerCreateSchema } from '@shared/schemas/access.schema'
import { AdminCreateSchema } from '@shared/schemas/admin-users.schema'
import TextField from '../../../components/Field/TextField'
import SheetActions from '../../../components/SheetActions'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { createAccount, createAccountMessage, type NewAccountRole } from '../../../services/admin-users'

const FALLBACK = { name: '请填写姓名（最多 30 个字）', phone: '请输入 11 位手机号' }

const COPY: Record<NewAccountRole, { title: string; hint: string; confirm: string }> = {
  engineer: {
    title: '新建工程师',
    hint: '账号立即可用：工程师用此手机号通过短信验证码登录，可使用工程师工作台和咨询接待。',
    confirm: '创建工程师账号',
  },
  admin: {
    title: '新建管理员',
    hint: '管理员可使用全部管理功能，包括用户管理和隐私合规，请确认对方身份后再创建。账号用此手机号通过短信验证码登录。',
    confirm: '创建管理员账号',
  },
}

interface Props {
  /** The kind of account being created; null when closed. */
  role: NewAccountRole | null
  onCreated: (account: { id: string; name: string; phone: string }, role: NewAccountRole) => void
  onClose: () => void
}

/** 新建工程师 / 新建管理员: name and phone, checked with the shared schemas; one phone, one account. */
export default function CreateAccountDialog({ role, onCreated, onClose }: Props) {
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const form = useFormSubmit(FALLBACK)

  useEffect(() => {
    if (!role) return
    setName('')
    setPhone('')
    form.setErrors({})
    form.setFormError(undefined)
  }, [role])

  const close = () => {
    if (!form.submitting) onClose()
  }

  const confirm = () => {
    if (!role) return
    const schema = role === 'engineer' ? EngineerCreateSchema : AdminCreateSchema
    void form.submit(
      schema,
      { name, phone: phone.replace(/[\s-]/g, '') },
      async (body, key) => {
        const created = await createAccount(role, body, key)
        onCreated({ id: created.id, name: body.name, phone: body.phone }, role)
      },
      (err) => form.setFormError(createAccountMessage(err)),
    )
  }

  const copy = role ? COPY[role] : null
  return (
    <Popup visible={role !== null} position='bottom' round closeOnOverlayClick={!form.submitting} onClose={close}>
      {role && copy ? (
        <View className='user-dialog' data-testid='admin-create-account-dialog' data-role={role}>
          <Text className='user-dialog__title'>{copy.title}</Text>
          <Text className='user-dialog__hint'>{copy.hint}</Text>
          <TextField
            label='姓名'
            required
            error={form.errors.name}
            testId='admin-create-account-name'
            maxlength={30}
            placeholder='真实姓名'
            value={name}
            onChange={(v) => {
              setName(v)
              form.clearError('name')
            }}
          />
          <TextField
            label='手机号'
            required
            error={form.errors.phone}
            testId='admin-create-account-phone'
            type='number'
            maxlength={11}
            placeholder='11 位手机号，用于登录'
            value={phone}
            onChange={(v) => {
              setPhone(v)
              form.clearError('phone')
            }}
          />
          {form.formError ? (
            <Text className='user-dialog__error' data-testid='admin-create-account-error'>
              {form.formError}
            </Text>
          ) : null}
          <SheetActions
            block='user-dialog'
            confirmText={copy.confirm}
            busy={form.submitting}
            onCancel={close}
            onConfirm={confirm}
            cancelTestId='admin-create-account-cancel'
            confirmTestId='admin-create-account-confirm'
          />
        </View>
      ) : null}
    </Popup>
  )
}
