import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { DepartmentInputSchema, DepartmentPatchSchema } from '@shared/schemas/admin-directory.schema'
import { PageError } from '../../../components/PageState'
import { isApiError } from '../../../services/api-error'
import { createDepartment, listHospitalDepartments, renameDepartment, saveMessage, type AdminDepartment, type AdminHospital } from '../../../services/admin-directory'
import { createIdempotencyKey } from '../../../services/idempotency'

type Load = { phase: 'loading' } | { phase: 'ready'; items: AdminDepartment[] } | { phase: 'error'; error: unknown }

const NAME_RULE = '科室名称为 2–50 个字'

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  const message = result.error?.issues[0]?.message ?? ''
  return /[\u4e00-\u9fa5]/.test(message) ? message : NAME_RULE
}

function errorText(err: unknown): string {
  if (isApiError(err) && err.fieldErrors.length > 0) {
    const m = err.fieldErrors[0]?.message ?? ''
    return /[\u4e00-\u9fa5]/.test(m) ? m : NAME_RULE
  }
  return saveMessage('department', err)
}

/** A hospital's departments in its drawer: each with staff and unit counts, 重命名 in place, 添加科室 below. */
export default function DepartmentsEditor({ hospital }: { hospital: AdminHospital }) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' })
  const [adding, setAdding] = useState('')
  const [addError, setAddError] = useState<string>()
  const [addBusy, setAddBusy] = useState(false)
  const addKey = useRef<{ name: string; key: string } | null>(null)
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null)
  const [editError, setEditError] = useState<string>()
  const [editBusy, setEditBusy] = useState(false)

  const reload = useCallback(async () => {
    setLoad({ phase: 'loading' })
    try {
      setLoad({ phase: 'ready', items: await listHospitalDepartments(hospital.id) })
    } catch (error) {
      setLoad({ phase: 'error', error })
    }
  }, [hospital.id])

  useEffect(() => {
    setEditing(null)
    setAdding('')
    setAddError(undefined)
    void reload()
  }, [reload])

  const add = async () => {
    if (addBusy) return
    const parsed = DepartmentInputSchema.safeParse({ hospitalId: hospital.id, name: adding })
    if (!parsed.success) {
      setAddError(firstMessage(parsed))
      return
    }
    // A resent add (timeout, double tap) with the same name creates one department.
    if (!addKey.current || addKey.current.name !== parsed.data.name) addKey.current = { name: parsed.data.name, key: createIdempotencyKey() }
    setAddBusy(true)
    setAddError(undefined)
    try {
      const created = await createDepartment(parsed.data, addKey.current.key)
      addKey.current = null
      setLoad((l) => (l.phase === 'ready' ? { phase: 'ready', items: [...l.items, created] } : l))
      setAdding('')
      void Taro.showToast({ title: '科室已添加', icon: 'success' })
    } catch (err) {
      setAddError(errorText(err))
    } finally {
      setAddBusy(false)
    }
  }

  const rename = async () => {
    if (!editing || editBusy) return
    const parsed = DepartmentPatchSchema.safeParse({ name: editing.name })
    if (!parsed.success) {
      setEditError(firstMessage(parsed))
      return
    }
    setEditBusy(true)
    setEditError(undefined)
    try {
      const updated = await renameDepartment(editing.id, parsed.data)
      setLoad((l) => (l.phase === 'ready' ? { phase: 'ready', items: l.items.map((d) => (d.id === updated.id ? updated : d)) } : l))
      setEditing(null)
      void Taro.showToast({ title: '已重命名', icon: 'success' })
    } catch (err) {
      setEditError(errorText(err))
    } finally {
      setEditBusy(false)
    }
  }

  return (
    <View className='dir-departments' data-testid='admin-hospital-departments'>
      <Text className='dir-departments__title'>科室{load.phase === 'ready' ? `（${load.items.length}）` : ''}</Text>
      {load.phase === 'loading' ? <Text className='dir-form__meta'>正在加载科室…</Text> : null}
      {load.phase === 'error' ? <PageError error={load.error} onRetry={() => void reload()} /> : null}
      {load.phase === 'ready' && load.items.length === 0 ? <Text className='dir-form__meta'>还没有科室，请在下面添加。</Text> : null}
      {load.phase === 'ready'
        ? load.items.map((d) =>
            editing?.id === d.id ? (
              <View key={d.id} className='dir-departments__item dir-departments__item--editing' data-testid='admin-department' data-id={d.id}>
                <View className='dir-departments__edit'>
                  <View className='dir-departments__input' data-testid='admin-department-rename-input'>
                    <Input
                      className='text-input'
                      maxlength={50}
                      focus
                      value={editing.name}
                      onInput={(e) => {
                        setEditing({ id: d.id, name: e.detail.value })
                        setEditError(undefined)
                      }}
                      onConfirm={() => void rename()}
                    />
                  </View>
                  <Button size='small' type='primary' loading={editBusy} disabled={editBusy} onClick={() => void rename()} data-testid='admin-department-rename-save'>
                    保存
                  </Button>
                  <Button size='small' fill='outline' disabled={editBusy} onClick={() => setEditing(null)}>
                    取消
                  </Button>
                </View>
                {editError ? (
                  <Text className='dir-form__error' data-testid='admin-department-rename-error'>
                    {editError}
                  </Text>
                ) : null}
              </View>
            ) : (
              <View key={d.id} className='dir-departments__item' data-testid='admin-department' data-id={d.id}>
                <Text className='dir-departments__name'>{d.name}</Text>
                <Text className='dir-departments__meta'>
                  {d.staffCount} 名人员 · {d.unitCount} 台设备
                </Text>
                <Text
                  className='dir-form__link'
                  data-testid='admin-department-rename'
                  onClick={() => {
                    setEditing({ id: d.id, name: d.name })
                    setEditError(undefined)
                  }}
                >
                  重命名
                </Text>
              </View>
            ),
          )
        : null}
      {load.phase === 'ready' ? (
        <View className='dir-departments__add'>
          <View className='dir-departments__edit'>
            <View className='dir-departments__input' data-testid='admin-department-new'>
              <Input
                className='text-input'
                maxlength={50}
                placeholder='新科室名称，如：消化内镜中心'
                value={adding}
                onInput={(e) => {
                  setAdding(e.detail.value)
                  setAddError(undefined)
                }}
                onConfirm={() => void add()}
              />
            </View>
            <Button size='small' type='primary' loading={addBusy} disabled={addBusy} onClick={() => void add()} data-testid='admin-department-add'>
              添加科室
            </Button>
          </View>
          {addError ? (
            <Text className='dir-form__error' data-testid='admin-department-add-error'>
              {addError}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
