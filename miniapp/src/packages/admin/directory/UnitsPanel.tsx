import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Column, SortDir } from '../../../components/ConsoleTable'
import DateInput from '../../../components/DateInput'
import { PageEmpty } from '../../../components/PageState'
import { useKeysetList } from '../../../hooks/useKeysetList'
import { useSelection } from '../../../hooks/useSelection'
import { listHospitalDepartments, listUnits, MAX_LABELS, type AdminDepartment, type AdminUnit } from '../../../services/admin-directory'
import { messageOf } from '../../../services/errors.zh'
import { formatShanghai } from '../../../utils/format'
import HospitalPicker, { type HospitalRef } from './HospitalPicker'
import PanelList from './PanelList'
import Select from './Select'
import UnitDrawer from './UnitDrawer'
import { COVERAGE_NOTES, coverageOf, nextSort } from './directory-view'
import { usePanelFilters } from './usePanelFilters'
import type { ModelsState } from './useModels'

type SortKey = 'serial' | 'createdAt' | 'coveredUntil'

interface Filters {
  q: string
  hospital: HospitalRef | null
  departmentId: string
  modelId: string
  coveredBefore: string
  sort: SortKey
  dir: SortDir
}

const PAGE_SIZE = 50

const COLUMNS: Column<AdminUnit>[] = [
  {
    key: 'serial',
    title: '序列号',
    sortKey: 'serial',
    render: (u) => (
      <View className='dir-cell'>
        <Text className='dir-cell__strong dir-cell__mono'>{u.serial}</Text>
        <Text className='dir-cell__muted dir-cell__mono'>{u.labelCode}</Text>
      </View>
    ),
  },
  { key: 'model', title: '型号', render: (u) => u.model.name },
  {
    key: 'place',
    title: '医院 · 科室',
    render: (u) => (
      <View className='dir-cell'>
        <Text>{u.hospital.name}</Text>
        <Text className='dir-cell__muted'>{u.department?.name ?? '未指定科室'}</Text>
      </View>
    ),
  },
  {
    key: 'coveredUntil',
    title: '保修截止',
    sortKey: 'coveredUntil',
    render: (u) => {
      const state = coverageOf(u.coveredUntil)
      return (
        <View className={`dir-cell dir-coverage dir-coverage--${state}`} data-coverage={state}>
          <Text className='dir-cell__nowrap'>{u.coveredUntil ?? '—'}</Text>
          {state !== 'ok' ? <Text className='dir-coverage__note'>{COVERAGE_NOTES[state]}</Text> : null}
        </View>
      )
    },
  },
  { key: 'openTickets', title: '未结工单', numeric: true, render: (u) => u.openTickets },
  { key: 'createdAt', title: '登记时间', sortKey: 'createdAt', render: (u) => <Text className='dir-cell__nowrap'>{formatShanghai(u.createdAt)}</Text> },
]

type Departments = { phase: 'idle' | 'loading' | 'error' } | { phase: 'ready'; items: AdminDepartment[] }

interface Props {
  active: boolean
  models: ModelsState
  /** Opens the label sheet for these units. */
  onPrint: (unitIds: string[]) => void
}

/**
 * 设备: search by serial or label code, narrow by hospital (then department),
 * model and 保修截止; sorted by a header; rows ticked for 打印标签 (the
 * selection survives filter changes); a row opens its drawer.
 */
export default function UnitsPanel({ active, models, onPrint }: Props) {
  const { input, setInput, filters, set, clear } = usePanelFilters<Filters>({ q: '', hospital: null, departmentId: '', modelId: '', coveredBefore: '', sort: 'serial', dir: 'asc' })
  const { selected, toggle, toggleAll, clear: clearSelection } = useSelection()
  const [drawer, setDrawer] = useState<{ unit: AdminUnit | null } | null>(null)
  const [departments, setDepartments] = useState<Departments>({ phase: 'idle' })
  const departmentsCall = useRef(0)

  const query = (f: Filters) => ({
    q: f.q || undefined,
    hospitalId: f.hospital?.id,
    departmentId: f.departmentId || undefined,
    modelId: f.modelId || undefined,
    coveredBefore: f.coveredBefore || undefined,
    sort: f.sort,
    dir: f.dir,
  })
  const keyset = useKeysetList<AdminUnit>(
    JSON.stringify(query(filters)),
    (k, cursor) => listUnits({ ...(JSON.parse(k) as ReturnType<typeof query>), limit: PAGE_SIZE, cursor }),
    (u) => u.id,
    { active },
  )

  // A hospital chosen in the filter offers its departments.
  const hospitalId = filters.hospital?.id
  useEffect(() => {
    const call = ++departmentsCall.current
    if (!hospitalId) {
      setDepartments({ phase: 'idle' })
      return
    }
    setDepartments({ phase: 'loading' })
    listHospitalDepartments(hospitalId).then(
      (items) => call === departmentsCall.current && setDepartments({ phase: 'ready', items }),
      () => call === departmentsCall.current && setDepartments({ phase: 'error' }),
    )
  }, [hospitalId])

  const filtered = Boolean(filters.q || filters.hospital || filters.modelId || filters.coveredBefore)

  const print = () => {
    if (selected.size === 0) {
      void Taro.showToast({ title: '请先勾选要打印标签的设备', icon: 'none' })
      return
    }
    if (selected.size > MAX_LABELS) {
      void Taro.showToast({ title: `一次最多打印 ${MAX_LABELS} 张，请减少勾选`, icon: 'none', duration: 3000 })
      return
    }
    onPrint([...selected])
  }

  const saved = (u: AdminUnit, created: boolean) => {
    if (created) void keyset.added()
    else keyset.replace(u)
    setDrawer({ unit: u })
    void models.reload()
  }

  const modelOptions = models.items.map((m) => ({ key: m.id, label: m.name }))
  const departmentOptions = departments.phase === 'ready' ? departments.items.map((d) => ({ key: d.id, label: d.name })) : []

  return (
    <View className='dir-panel' data-testid='admin-units-panel'>
      <View className='dir-panel__filters'>
        <View className='dir-panel__search' data-testid='admin-units-search'>
          <Input className='dir-panel__search-input' placeholder='按序列号或标签码搜索（开头几位即可）' maxlength={80} value={input} onInput={(e) => setInput(e.detail.value)} />
        </View>
        <View className='dir-panel__filter dir-panel__filter--wide'>
          <HospitalPicker value={filters.hospital} onChange={(hospital) => set({ hospital, departmentId: '' })} clearable placeholder='全部医院（输入名称筛选）' testId='admin-units-hospital' />
        </View>
        {filters.hospital && departments.phase === 'ready' && departments.items.length > 0 ? (
          <View className='dir-panel__filter'>
            <Select label='科室' value={filters.departmentId} options={departmentOptions} emptyLabel='全部科室' onChange={(departmentId) => set({ departmentId })} testId='admin-units-department' />
          </View>
        ) : null}
        <View className='dir-panel__filter'>
          <Select label='型号' value={filters.modelId} options={modelOptions} emptyLabel={models.phase === 'loading' ? '型号加载中…' : '全部型号'} onChange={(modelId) => set({ modelId })} testId='admin-units-model' />
        </View>
        <View className='dir-panel__filter dir-panel__filter--date'>
          <Text className='dir-panel__label'>保修截止不晚于</Text>
          <DateInput value={filters.coveredBefore} onChange={(coveredBefore) => set({ coveredBefore })} placeholder='不限' label='保修截止不晚于' testId='admin-units-covered-before' />
        </View>
        {filtered ? (
          <Text
            className='dir-panel__link'
            data-testid='admin-units-clear'
            onClick={() => clear({ hospital: null, departmentId: '', modelId: '', coveredBefore: '' })}
          >
            清除筛选
          </Text>
        ) : null}
      </View>

      <View className='dir-panel__filters'>
        <View className='dir-panel__selection' data-testid='admin-units-selection' data-count={selected.size}>
          <Text>{selected.size > 0 ? `已选 ${selected.size} 台` : '勾选设备后可批量打印标签'}</Text>
          {selected.size > 0 ? (
            <Text className='dir-panel__link' onClick={clearSelection} data-testid='admin-units-selection-clear'>
              清除选择
            </Text>
          ) : null}
        </View>
        <View className='dir-panel__grow' />
        <Button fill='outline' size='small' loading={keyset.list.refreshing} onClick={() => void keyset.refresh()} data-testid='admin-units-refresh'>
          刷新
        </Button>
        <Button fill='outline' size='small' disabled={selected.size === 0} onClick={print} data-testid='admin-units-print'>
          打印标签{selected.size > 0 ? `（${selected.size}）` : ''}
        </Button>
        <Button type='primary' size='small' onClick={() => setDrawer({ unit: null })} data-testid='admin-unit-new'>
          登记设备
        </Button>
      </View>
      {models.phase === 'error' ? <Text className='dir-panel__more-error'>型号列表加载失败：{messageOf(models.error)}</Text> : null}

      <PanelList
        keyset={keyset}
        testId='admin-units'
        rowKey={(u) => u.id}
        columns={COLUMNS}
        sort={{ key: filters.sort, dir: filters.dir }}
        onSort={(k) => {
          const next = nextSort({ key: filters.sort, dir: filters.dir }, k as SortKey)
          set({ sort: next.key, dir: next.dir })
        }}
        selected={selected}
        onToggle={toggle}
        onToggleAll={toggleAll}
        onRowClick={(u) => setDrawer({ unit: u })}
        empty={
          <PageEmpty
            title={filtered ? '没有符合条件的设备' : '还没有设备'}
            description={filtered ? '请调整搜索或筛选条件' : '点击“登记设备”，或在“批量导入”中上传设备 CSV'}
          />
        }
      />

      <UnitDrawer
        open={drawer !== null}
        unit={drawer?.unit ?? null}
        models={models.items}
        modelsError={models.phase === 'error' ? '型号列表加载失败，请刷新页面' : undefined}
        onClose={() => setDrawer(null)}
        onSaved={saved}
        onPrint={(u) => onPrint([u.id])}
      />
    </View>
  )
}
