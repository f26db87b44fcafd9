import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { DealerCreateSchema, DealerStaffCreateSchema } from '@shared/schemas/access.schema'
import { DELEGATION_PURPOSES, type DelegationPurpose } from '@shared/tickets'
import Chips from '../../../components/Chips'
import ConsoleTable, { type Column } from '../../../components/ConsoleTable'
import Drawer from '../../../components/Drawer'
import Field from '../../../components/Field'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { DELEGATION_PURPOSE_LABELS } from '../../../labels/ticket.zh'
import { createDealer, createDealerStaff, listDealers, saveMessage, type Account, type Dealer } from '../../../services/admin-directory'
import type { FieldErrors } from '../../../utils/form'

const PURPOSE_OPTIONS = DELEGATION_PURPOSES.map((p) => ({ key: p, label: DELEGATION_PURPOSE_LABELS[p] }))
const DEALER_FALLBACK: FieldErrors = { name: '名称为 2–100 个字', contractRef: '请填写委托合同编号', purposes: '请至少选择一项委托范围' }
const STAFF_FALLBACK: FieldErrors = { name: '请填写姓名（最多 30 个字）', phone: '请输入 11 位手机号' }

function purposesText(purposes: readonly string[]): string {
  return purposes.map((p) => (DELEGATION_PURPOSE_LABELS as Record<string, string>)[p] ?? p).join('、')
}

const COLUMNS: Column<Dealer>[] = [
  { key: 'name', title: '经销商', render: (d) => <Text className='dir-cell__strong'>{d.name}</Text> },
  { key: 'contractRef', title: '委托合同', render: (d) => <Text className='dir-cell__mono'>{d.contractRef}</Text> },
  { key: 'purposes', title: '委托范围', render: (d) => purposesText(d.purposes) },
  {
    key: 'active',
    title: '状态',
    render: (d) => (
      <View className='dir-cell__tag' data-active={d.active ? 'true' : 'false'}>
        {d.active ? <Tag type='success'>合作中</Tag> : <Tag background='#f2f3f5' color='#86909c'>已停用</Tag>}
      </View>
    ),
  },
]

/** A new dealer: name, contract and what it is entrusted with (上门检查, 取送设备). */
function DealerCreateForm({ onCreated, onCancel }: { onCreated: (d: Dealer) => void; onCancel: () => void }) {
  const [form, setForm] = useState<{ name: string; contractRef: string; purposes: DelegationPurpose[] }>({ name: '', contractRef: '', purposes: [] })
  const { errors, formError, setFormError, submitting, clearError, submit } = useFormSubmit(DEALER_FALLBACK)

  const save = () =>
    submit(
      DealerCreateSchema,
      form,
      async (body, key) => {
        const created = await createDealer(body, key)
        void Taro.showToast({ title: '经销商已创建', icon: 'success' })
        onCreated(created)
      },
      (err) => setFormError(saveMessage('dealer', err)),
    )

  return (
    <View className='dir-form' data-testid='admin-dealer-form'>
      <Field label='经销商名称' required error={errors.name} testId='admin-dealer-field-name'>
        <Input
          className='text-input'
          maxlength={100}
          placeholder='营业执照上的全称'
          value={form.name}
          onInput={(e) => {
            setForm((f) => ({ ...f, name: e.detail.value }))
            clearError('name')
          }}
        />
      </Field>
      <Field label='委托合同编号' required error={errors.contractRef} hint='个人信息委托处理的依据，会记录在提供记录中' testId='admin-dealer-field-contractRef'>
        <Input
          className='text-input'
          maxlength={60}
          placeholder='如：HT-2026-018'
          value={form.contractRef}
          onInput={(e) => {
            setForm((f) => ({ ...f, contractRef: e.detail.value }))
            clearError('contractRef')
          }}
        />
      </Field>
      <Field label='委托范围' required error={errors.purposes} testId='admin-dealer-field-purposes'>
        <Chips
          options={PURPOSE_OPTIONS}
          selected={form.purposes}
          onToggle={(p) => {
            setForm((f) => ({ ...f, purposes: f.purposes.includes(p as DelegationPurpose) ? f.purposes.filter((x) => x !== p) : [...f.purposes, p as DelegationPurpose] }))
            clearError('purposes')
          }}
          optionTestId='admin-dealer-purpose-option'
        />
      </Field>
      {formError ? (
        <Text className='dir-form__error' data-testid='admin-dealer-error'>
          {formError}
        </Text>
      ) : null}
      <View className='dir-form__actions'>
        <Button fill='outline' disabled={submitting} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={submitting} disabled={submitting} onClick={() => void save()} data-testid='admin-dealer-save'>
          创建经销商
        </Button>
      </View>
    </View>
  )
}

/** 添加员工账号: the person signs in by SMS with this phone and sees only the tickets delegated to this dealer. */
function StaffForm({ dealer }: { dealer: Dealer }) {
  const [form, setForm] = useState({ name: '', phone: '' })
  const [created, setCreated] = useState<Account[]>([])
  const { errors, setErrors, formError, setFormError, submitting, clearError, submit } = useFormSubmit(STAFF_FALLBACK)

  useEffect(() => {
    setForm({ name: '', phone: '' })
    setCreated([])
    setErrors({})
    setFormError(undefined)
  }, [dealer.id])

  const save = () =>
    submit(
      DealerStaffCreateSchema,
      form,
      async (body, key) => {
        const account = await createDealerStaff(dealer.id, body, key)
        setCreated((list) => [account, ...list])
        setForm({ name: '', phone: '' })
        void Taro.showToast({ title: '账号已创建', icon: 'success' })
      },
      (err) => setFormError(saveMessage('staff', err)),
    )

  return (
    <View className='dir-departments' data-testid='admin-dealer-staff'>
      <Text className='dir-departments__title'>添加员工账号</Text>
      <Text className='dir-form__meta'>员工用这个手机号短信登录，只能看到委托给 {dealer.name} 的工单。</Text>
      <View className='dir-form__row'>
        <Field label='姓名' required error={errors.name} testId='admin-dealer-staff-name'>
          <Input
            className='text-input'
            maxlength={30}
            placeholder='如：王工'
            value={form.name}
            onInput={(e) => {
              setForm((f) => ({ ...f, name: e.detail.value }))
              clearError('name')
            }}
          />
        </Field>
        <Field label='手机号' required error={errors.phone} testId='admin-dealer-staff-phone'>
          <Input
            className='text-input'
            type='number'
            maxlength={11}
            placeholder='11 位手机号'
            value={form.phone}
            onInput={(e) => {
              setForm((f) => ({ ...f, phone: e.detail.value.trim() }))
              clearError('phone')
            }}
          />
        </Field>
      </View>
      {formError ? (
        <Text className='dir-form__error' data-testid='admin-dealer-staff-error'>
          {formError}
        </Text>
      ) : null}
      <View className='dir-form__actions'>
        <Button type='primary' loading={submitting} disabled={submitting || !dealer.active} onClick={() => void save()} data-testid='admin-dealer-staff-save'>
          创建账号
        </Button>
      </View>
      {!dealer.active ? <Text className='dir-form__meta'>该经销商已停用，不能再添加账号。</Text> : null}
      {created.map((a) => (
        <View key={a.id} className='dir-departments__item' data-testid='admin-dealer-staff-created' data-id={a.id}>
          <Text className='dir-departments__name'>{a.name}</Text>
          <Text className='dir-departments__meta'>{a.phone} · 已创建</Text>
        </View>
      ))}
    </View>
  )
}

type Load = { phase: 'loading' } | { phase: 'ready'; items: Dealer[] } | { phase: 'error'; error: unknown }

/** 经销商: the organisations entrusted with on-site checks and pick-ups; 新建经销商, and staff accounts per dealer. */
export default function DealersPanel({ active }: { active: boolean }) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' })
  const [started, setStarted] = useState(false)
  const [drawer, setDrawer] = useState<{ dealer: Dealer | null } | null>(null)

  const reload = useCallback(async () => {
    setLoad((l) => (l.phase === 'ready' ? l : { phase: 'loading' }))
    try {
      setLoad({ phase: 'ready', items: await listDealers() })
    } catch (error) {
      setLoad({ phase: 'error', error })
    }
  }, [])

  useEffect(() => {
    if (active && !started) {
      setStarted(true)
      void reload()
    }
  }, [active, started])

  return (
    <View className='dir-panel' data-testid='admin-dealers-panel'>
      <View className='dir-panel__filters'>
        <Text className='dir-panel__muted'>{load.phase === 'ready' ? `共 ${load.items.length} 家经销商` : ''}</Text>
        <View className='dir-panel__grow' />
        <Button fill='outline' size='small' onClick={() => void reload()} data-testid='admin-dealers-refresh'>
          刷新
        </Button>
        <Button type='primary' size='small' onClick={() => setDrawer({ dealer: null })} data-testid='admin-dealer-new'>
          新建经销商
        </Button>
      </View>
      {load.phase === 'loading' ? <PageLoading rows={4} /> : null}
      {load.phase === 'error' ? <PageError error={load.error} onRetry={() => void reload()} /> : null}
      {load.phase === 'ready' ? (
        <ConsoleTable
          testId='admin-dealers'
          rows={load.items}
          rowKey={(d) => d.id}
          columns={COLUMNS}
          onRowClick={(d) => setDrawer({ dealer: d })}
          empty={<PageEmpty title='还没有经销商' description='点击“新建经销商”，登记委托合同后再为其员工创建账号' />}
        />
      ) : null}
      <Drawer open={drawer !== null} title={drawer?.dealer ? drawer.dealer.name : '新建经销商'} onClose={() => setDrawer(null)} testId='admin-dealer-drawer'>
        {drawer?.dealer ? (
          <View className='dir-form' data-id={drawer.dealer.id}>
            <Text className='dir-form__meta'>委托合同 {drawer.dealer.contractRef}</Text>
            <Text className='dir-form__meta'>委托范围 {purposesText(drawer.dealer.purposes)}</Text>
            <StaffForm dealer={drawer.dealer} />
          </View>
        ) : drawer ? (
          <DealerCreateForm
            onCancel={() => setDrawer(null)}
            onCreated={(d) => {
              setLoad((l) => (l.phase === 'ready' ? { phase: 'ready', items: [...l.items, d] } : l))
              // Straight on to its first staff account.
              setDrawer({ dealer: d })
            }}
          />
        ) : null}
      </Drawer>
    </View>
  )
}
