import { useCallback, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Me } from '@shared/schemas/me.schema'
import Chips from '../../components/Chips'
import ConsoleTable, { type Column } from '../../components/ConsoleTable'
import { PageEmpty, PageError, PageLoading, PagePrompt } from '../../components/PageState'
import StatusTag from '../../components/StatusTag'
import { usePageReload } from '../../hooks/usePageReload'
import { ROUTES } from '../../routes'
import {
  COVERAGE_LABELS,
  COVERAGE_TAG,
  FLEET_SORTS,
  FLEET_SORT_DIRS,
  FLEET_SORT_LABELS,
  coveredUntilText,
  getFleet,
  isFleetForbidden,
  isFleetSort,
  totalsFacts,
  unitFacts,
  type Fleet,
  type FleetSort,
  type FleetUnit,
} from '../../services/fleet'
import { useWideLayout } from '../../utils/layout'
import { equipmentCategoryLabel } from '../../labels/equipment-categories.zh'

type Loaded = { kind: 'loading' } | { kind: 'ready'; value: Fleet } | { kind: 'forbidden' } | { kind: 'error'; error: unknown }

const ALL = 'all'

function CoverageTag({ unit }: { unit: FleetUnit }) {
  return <StatusTag className='fleet__tag' testId='fleet-coverage' status={unit.coverage} label={COVERAGE_LABELS[unit.coverage]} type={COVERAGE_TAG[unit.coverage]} />
}

/** A phone's card: model and coverage, serial and department, the year's repairs, cover end date. */
function UnitCard({ unit }: { unit: FleetUnit }) {
  const facts = unitFacts(unit)
  return (
    <View className='fleet-unit' data-testid='fleet-unit' data-serial={unit.serial} data-coverage={unit.coverage}>
      <View className='fleet-unit__head'>
        <View className='fleet-unit__title'>
          <Text className='fleet-unit__model'>{unit.model}</Text>
          <Text className='fleet__muted'>{equipmentCategoryLabel(unit.category)}</Text>
        </View>
        <CoverageTag unit={unit} />
      </View>
      <Text className='fleet-unit__serial'>
        序列号 {unit.serial}
        {unit.department ? ` · ${unit.department.name}` : ''}
      </Text>
      <View className='fleet-unit__facts'>
        {facts.map((f, i) => (
          <Text key={f} className={`fleet-unit__fact${(i === 1 && unit.daysOutOfService > 0) || (i === 2 && unit.openTickets > 0) ? ' fleet-unit__fact--alert' : ''}`}>
            {f}
          </Text>
        ))}
      </View>
      <Text className={`fleet-unit__cover fleet-unit__cover--${unit.coverage}`}>{coveredUntilText(unit)}</Text>
    </View>
  )
}

const COLUMNS: Column<FleetUnit>[] = [
  {
    key: 'model',
    title: '型号',
    render: (u) => (
      <View className='fleet__stack'>
        <Text className='fleet__strong'>{u.model}</Text>
        <Text className='fleet__muted'>{equipmentCategoryLabel(u.category)}</Text>
      </View>
    ),
  },
  {
    key: 'serial',
    title: '序列号',
    sortKey: 'serial',
    render: (u) => (
      <Text className='fleet__mono' data-testid='fleet-unit' data-serial={u.serial} data-coverage={u.coverage}>
        {u.serial}
      </Text>
    ),
  },
  { key: 'department', title: '科室', render: (u) => u.department?.name ?? '—' },
  { key: 'repairs', title: '近一年维修', sortKey: 'repairs', numeric: true, render: (u) => `${u.repairCount} 次` },
  {
    key: 'outOfService',
    title: '停机',
    sortKey: 'outOfService',
    numeric: true,
    render: (u) => <Text className={u.daysOutOfService > 0 ? 'fleet__alert' : undefined}>{u.daysOutOfService} 天</Text>,
  },
  { key: 'open', title: '在修', numeric: true, render: (u) => <Text className={u.openTickets > 0 ? 'fleet__alert' : undefined}>{u.openTickets} 单</Text> },
  {
    key: 'coverage',
    title: '保修',
    sortKey: 'coveredUntil',
    render: (u) => (
      <View className='fleet__cover-cell'>
        <CoverageTag unit={u} />
        <Text className='fleet__muted'>{u.coveredUntil ?? '未登记'}</Text>
      </View>
    ),
  },
]

/**
 * 设备概况 (advanced staff): every unit of the departments I manage with its
 * last year of repairs — how often, how many days out of service, what is
 * open now — and how long it stays under cover. Cards on a phone, a table on
 * a desk. Anyone else gets a friendly refusal (the server answers 403).
 */
export default function FleetView({ me }: { me: Me }) {
  const wide = useWideLayout()
  const [department, setDepartment] = useState(ALL)
  const [sort, setSort] = useState<FleetSort>('outOfService')
  const [state, setState] = useState<Loaded>({ kind: 'loading' })
  // The chips stay while another department loads.
  const [departments, setDepartments] = useState<Fleet['departments']>([])
  const calls = useRef(0)

  const load = useCallback(
    async (quiet = false) => {
      const call = ++calls.current
      if (!quiet) setState((s) => (s.kind === 'forbidden' ? s : { kind: 'loading' }))
      try {
        const value = await getFleet({ departmentId: department === ALL ? undefined : department, sort })
        if (call !== calls.current) return
        setDepartments(value.departments)
        setState({ kind: 'ready', value })
      } catch (error) {
        if (call !== calls.current) return
        if (isFleetForbidden(error)) setState({ kind: 'forbidden' })
        else setState((s) => (quiet && s.kind === 'ready' ? s : { kind: 'error', error }))
      }
    },
    [department, sort],
  )
  usePageReload(load)

  const departmentOptions = useMemo(() => [{ key: ALL, label: '全部' }, ...departments.map((d) => ({ key: d.id, label: d.name }))], [departments])
  const sortOptions = FLEET_SORTS.map((key) => ({ key, label: FLEET_SORT_LABELS[key] }))

  if (state.kind === 'forbidden') {
    const canApply = me.status === 'active' && me.roles.includes('staff') && me.permissions.includes('access.request')
    return (
      <View className='fleet' data-testid='fleet' data-state='forbidden'>
        <PagePrompt
          testId='fleet-forbidden'
          title='仅高级权限用户可查看'
          message='设备概况展示您所管理科室的设备维修与保修情况，供科室负责人、设备管理员使用。'
          action={canApply ? { text: '申请高级权限', onClick: () => void Taro.navigateTo({ url: ROUTES.accessRequest }) } : undefined}
        />
      </View>
    )
  }

  const fleet = state.kind === 'ready' ? state.value : null
  return (
    <View className='fleet' data-testid='fleet' data-state={state.kind} data-wide={wide ? 'true' : 'false'}>
      <View className='fleet__inner'>
        <View className='fleet__toolbar'>
          <Text className='fleet__heading'>设备概况</Text>
          <View className='fleet__grow' />
          <Text className='fleet__muted'>近一年（365 天）的维修记录</Text>
        </View>

        {departments.length > 0 ? (
          <Chips options={departmentOptions} selected={[department]} onToggle={setDepartment} scroll testId='fleet-departments' optionTestId='fleet-department' />
        ) : null}
        <View className='fleet__sorts'>
          <Text className='fleet__muted fleet__sorts-label'>排序</Text>
          <Chips options={sortOptions} selected={[sort]} onToggle={(key) => isFleetSort(key) && setSort(key)} scroll testId='fleet-sorts' optionTestId='fleet-sort' />
        </View>

        {state.kind === 'loading' ? <PageLoading rows={6} /> : null}
        {state.kind === 'error' ? <PageError error={state.error} onRetry={() => void load()} /> : null}
        {fleet ? (
          <>
            <View className='fleet__totals' data-testid='fleet-totals' data-units={fleet.totals.units}>
              {totalsFacts(fleet.totals).map((t) => (
                <View key={t.key} className={`fleet-total${t.alert ? ' fleet-total--alert' : ''}`} data-testid={`fleet-total-${t.key}`} data-value={t.value}>
                  <Text className='fleet-total__value'>{t.value}</Text>
                  <Text className='fleet-total__label'>{t.label}</Text>
                </View>
              ))}
            </View>
            {fleet.units.length === 0 ? (
              <PageEmpty
                title={department === ALL ? '所管理的科室还没有登记设备' : '这个科室还没有登记设备'}
                description='设备由管理员在“医院与设备”中登记；如有遗漏，请联系管理员。'
              />
            ) : wide ? (
              <ConsoleTable
                testId='fleet-table'
                rows={fleet.units}
                rowKey={(u) => u.id}
                columns={COLUMNS}
                sort={{ key: sort, dir: FLEET_SORT_DIRS[sort] }}
                onSort={(key) => isFleetSort(key) && setSort(key)}
              />
            ) : (
              <View className='fleet__cards'>
                {fleet.units.map((u) => (
                  <UnitCard key={u.id} unit={u} />
                ))}
              </View>
            )}
          </>
        ) : null}
      </View>
    </View>
  )
}
