import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { EQUIPMENT_CATEGORIES, EquipmentModelInputSchema } from '@shared/schemas/admin-directory.schema'
import Chips from '../../../components/Chips'
import ConsoleTable, { type Column, type SortDir } from '../../../components/ConsoleTable'
import Drawer from '../../../components/Drawer'
import Field from '../../../components/Field'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import { EQUIPMENT_CATEGORY_LABELS, equipmentCategoryLabel, type EquipmentCategory } from '../../../labels/equipment-categories.zh'
import { createModel, saveMessage, updateModel, type AdminEquipmentModel } from '../../../services/admin-directory'
import { messageOf } from '../../../services/errors.zh'
import type { FieldErrors } from '../../../utils/form'
import DrawerFooter from './DrawerFooter'
import { changedFields, nextSort } from './directory-view'
import { useDrawerForm } from './useDrawerForm'
import type { ModelsState } from './useModels'

type SortKey = 'name' | 'category' | 'manufacturer' | 'unitCount'

const CATEGORY_OPTIONS = EQUIPMENT_CATEGORIES.map((c) => ({ key: c, label: EQUIPMENT_CATEGORY_LABELS[c] }))
const FALLBACK: FieldErrors = { name: '型号为 2–60 个字', category: '请选择设备类别', manufacturer: '厂家为 2–60 个字' }

const COLUMNS: Column<AdminEquipmentModel>[] = [
  { key: 'name', title: '型号', sortKey: 'name', render: (m) => <Text className='dir-cell__strong'>{m.name}</Text> },
  { key: 'category', title: '类别', sortKey: 'category', render: (m) => equipmentCategoryLabel(m.category) },
  { key: 'manufacturer', title: '厂家', sortKey: 'manufacturer', render: (m) => m.manufacturer },
  { key: 'unitCount', title: '设备数', sortKey: 'unitCount', numeric: true, render: (m) => m.unitCount },
]

interface ModelForm {
  name: string
  category: EquipmentCategory | ''
  manufacturer: string
}

const EMPTY: ModelForm = { name: '', category: '', manufacturer: '' }

/** A model's drawer: it closes once saved, and closes without asking (three short fields). */
function ModelDrawer({ open, model, onClose, onSaved }: { open: boolean; model: AdminEquipmentModel | null; onClose: () => void; onSaved: (m: AdminEquipmentModel) => void }) {
  const { form, edit, errors, formError, setFormError, submitting, submit } = useDrawerForm({
    open,
    recordId: model?.id,
    empty: EMPTY,
    initial: () => (model ? { name: model.name, category: model.category, manufacturer: model.manufacturer } : EMPTY),
    fallback: FALLBACK,
  })

  const change = <K extends keyof ModelForm>(key: K, value: ModelForm[K]) => edit({ [key]: value } as Partial<ModelForm>, key)

  const save = () =>
    submit(
      EquipmentModelInputSchema,
      form,
      async (body, key) => {
        if (!model) {
          const created = await createModel(body, key)
          void Taro.showToast({ title: '型号已创建', icon: 'success' })
          onSaved(created)
          onClose()
          return
        }
        const patch = changedFields(model, body)
        if (Object.keys(patch).length > 0) {
          onSaved(await updateModel(model.id, patch))
          void Taro.showToast({ title: '已保存', icon: 'success' })
        }
        onClose()
      },
      (err) => setFormError(saveMessage('model', err)),
    )

  return (
    <Drawer
      open={open}
      title={model ? `型号 ${model.name}` : '新建型号'}
      onClose={() => !submitting && onClose()}
      testId='admin-model-drawer'
      footer={
        <DrawerFooter
          testIdPrefix='admin-model'
          error={formError}
          submitting={submitting}
          saveText={model ? '保存修改' : '创建型号'}
          onCancel={onClose}
          onSave={() => void save()}
        />
      }
    >
      <View className='dir-form' data-testid='admin-model-form' data-id={model?.id ?? ''}>
        {model ? <Text className='dir-form__meta'>已登记 {model.unitCount} 台设备；修改型号名称会同步显示在这些设备和它们的标签上。</Text> : null}
        <Field label='型号' required error={errors.name} testId='admin-model-field-name'>
          <Input className='text-input' maxlength={60} placeholder='如：GIF-H290' value={form.name} onInput={(e) => change('name', e.detail.value)} />
        </Field>
        <Field label='类别' required error={errors.category} testId='admin-model-field-category'>
          <Chips options={CATEGORY_OPTIONS} selected={[form.category]} onToggle={(c) => change('category', c as EquipmentCategory)} optionTestId='admin-model-category-option' />
        </Field>
        <Field label='厂家' required error={errors.manufacturer} testId='admin-model-field-manufacturer'>
          <Input className='text-input' maxlength={60} placeholder='如：奥林巴斯' value={form.manufacturer} onInput={(e) => change('manufacturer', e.detail.value)} />
        </Field>
      </View>
    </Drawer>
  )
}

/** 设备型号: the whole (short) list, sorted in the page; a row opens its drawer, 新建型号 adds one. */
export default function ModelsPanel({ models }: { models: ModelsState }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'name', dir: 'asc' })
  const [drawer, setDrawer] = useState<{ model: AdminEquipmentModel | null } | null>(null)

  const rows = useMemo(() => {
    const factor = sort.dir === 'asc' ? 1 : -1
    const value = (m: AdminEquipmentModel) => (sort.key === 'category' ? equipmentCategoryLabel(m.category) : m[sort.key])
    return [...models.items].sort((a, b) => {
      const x = value(a)
      const y = value(b)
      return factor * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN'))
    })
  }, [models.items, sort])

  return (
    <View className='dir-panel' data-testid='admin-models-panel'>
      <View className='dir-panel__filters'>
        <Text className='dir-panel__muted'>{models.phase === 'ready' ? `共 ${models.items.length} 个型号` : ''}</Text>
        <View className='dir-panel__grow' />
        <Button fill='outline' size='small' onClick={() => void models.reload()} data-testid='admin-models-refresh'>
          刷新
        </Button>
        <Button type='primary' size='small' onClick={() => setDrawer({ model: null })} data-testid='admin-model-new'>
          新建型号
        </Button>
      </View>
      {models.phase === 'ready' && models.error ? <Text className='dir-panel__more-error'>刷新失败：{messageOf(models.error)}</Text> : null}
      {models.phase === 'loading' ? <PageLoading rows={4} /> : null}
      {models.phase === 'error' ? <PageError error={models.error} onRetry={() => void models.reload()} /> : null}
      {models.phase === 'ready' ? (
        <ConsoleTable
          testId='admin-models'
          rows={rows}
          rowKey={(m) => m.id}
          columns={COLUMNS}
          sort={sort}
          onSort={(k) => setSort((s) => nextSort(s, k as SortKey))}
          onRowClick={(m) => setDrawer({ model: m })}
          empty={<PageEmpty title='还没有设备型号' description='点击“新建型号”添加；登记设备前需要先有型号' />}
        />
      ) : null}
      <ModelDrawer open={drawer !== null} model={drawer?.model ?? null} onClose={() => setDrawer(null)} onSaved={models.upsert} />
    </View>
  )
}
