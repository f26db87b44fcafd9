import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { provinces } from '@shared/china-regions'
import { SERVICE_TIER_VALUES } from '@shared/schemas/admin-directory.schema'
import Chips from '../../../components/Chips'
import type { Column, SortDir } from '../../../components/ConsoleTable'
import { PageEmpty } from '../../../components/PageState'
import { useKeysetList } from '../../../hooks/useKeysetList'
import { listHospitals, type AdminHospital } from '../../../services/admin-directory'
import { formatShanghai } from '../../../utils/format'
import HospitalDrawer from './HospitalDrawer'
import PanelList from './PanelList'
import Select from './Select'
import { nextSort, tierLabel, SERVICE_TIER_LABELS } from './directory-view'
import { usePanelFilters } from './usePanelFilters'

type SortKey = 'name' | 'unitCount' | 'createdAt'
type Tier = '' | (typeof SERVICE_TIER_VALUES)[number]

interface Filters {
  q: string
  province: string
  tier: Tier
  sort: SortKey
  dir: SortDir
}

const PAGE_SIZE = 50
const PROVINCE_OPTIONS = provinces().map((p) => ({ key: p.code.slice(0, 2), label: p.name }))
const TIER_OPTIONS = [{ key: '', label: '全部等级' }, ...SERVICE_TIER_VALUES.map((t) => ({ key: t, label: SERVICE_TIER_LABELS[t] }))]

const COLUMNS: Column<AdminHospital>[] = [
  {
    key: 'name',
    title: '医院',
    sortKey: 'name',
    render: (h) => (
      <View className='dir-cell'>
        <Text className='dir-cell__strong'>{h.name}</Text>
        <Text className='dir-cell__muted'>{h.address}</Text>
      </View>
    ),
  },
  { key: 'region', title: '地区', render: (h) => <Text>{h.province === h.city ? h.city : `${h.province} ${h.city}`}</Text> },
  { key: 'regionCode', title: '区划代码', render: (h) => <Text className='dir-cell__mono'>{h.regionCode}</Text> },
  {
    key: 'tier',
    title: '服务等级',
    render: (h) => (
      <View className='dir-cell__tag' data-tier={h.serviceTier}>
        <Tag type={h.serviceTier === 'premium' ? 'warning' : 'default'}>{tierLabel(h.serviceTier)}</Tag>
      </View>
    ),
  },
  { key: 'departmentCount', title: '科室', numeric: true, render: (h) => h.departmentCount },
  { key: 'unitCount', title: '设备', numeric: true, sortKey: 'unitCount', render: (h) => h.unitCount },
  { key: 'createdAt', title: '创建时间', sortKey: 'createdAt', render: (h) => <Text className='dir-cell__nowrap'>{formatShanghai(h.createdAt)}</Text> },
]

/** 医院: search by name, province and 服务等级, sorted by a header, 加载更多; a row opens its drawer. */
export default function HospitalsPanel({ active }: { active: boolean }) {
  const { input, setInput, filters, set, clear } = usePanelFilters<Filters>({ q: '', province: '', tier: '', sort: 'name', dir: 'asc' })
  const [drawer, setDrawer] = useState<{ hospital: AdminHospital | null } | null>(null)

  const keyset = useKeysetList<AdminHospital>(
    JSON.stringify(filters),
    async (key, cursor) => {
      const f = JSON.parse(key) as Filters
      return listHospitals({ q: f.q || undefined, province: f.province || undefined, tier: f.tier || undefined, sort: f.sort, dir: f.dir, limit: PAGE_SIZE, cursor })
    },
    (h) => h.id,
    { active },
  )
  const filtered = Boolean(filters.q || filters.province || filters.tier)

  const saved = (h: AdminHospital, created: boolean) => {
    // A new hospital: its place in the sort is the server's to say; reload, and keep it open for departments.
    if (created) void keyset.added()
    else keyset.replace(h)
    setDrawer({ hospital: h })
  }

  return (
    <View className='dir-panel' data-testid='admin-hospitals-panel'>
      <View className='dir-panel__filters'>
        <View className='dir-panel__search' data-testid='admin-hospitals-search'>
          <Input className='dir-panel__search-input' placeholder='按医院名称搜索' maxlength={50} value={input} onInput={(e) => setInput(e.detail.value)} />
        </View>
        <View className='dir-panel__filter'>
          <Select label='省份' value={filters.province} options={PROVINCE_OPTIONS} emptyLabel='全部省份' onChange={(province) => set({ province })} testId='admin-hospitals-province' />
        </View>
        <Chips options={TIER_OPTIONS} selected={[filters.tier]} onToggle={(tier) => set({ tier: tier as Tier })} testId='admin-hospitals-tier' optionTestId='admin-hospitals-tier-option' />
        {filtered ? (
          <Text className='dir-panel__link' data-testid='admin-hospitals-clear' onClick={() => clear({ province: '', tier: '' })}>
            清除筛选
          </Text>
        ) : null}
        <View className='dir-panel__grow' />
        <Button fill='outline' size='small' loading={keyset.list.refreshing} onClick={() => void keyset.refresh()} data-testid='admin-hospitals-refresh'>
          刷新
        </Button>
        <Button type='primary' size='small' onClick={() => setDrawer({ hospital: null })} data-testid='admin-hospital-new'>
          新建医院
        </Button>
      </View>

      <PanelList
        keyset={keyset}
        testId='admin-hospitals'
        rowKey={(h) => h.id}
        columns={COLUMNS}
        sort={{ key: filters.sort, dir: filters.dir }}
        onSort={(k) => {
          const next = nextSort({ key: filters.sort, dir: filters.dir }, k as SortKey)
          set({ sort: next.key, dir: next.dir })
        }}
        onRowClick={(h) => setDrawer({ hospital: h })}
        empty={
          <PageEmpty
            title={filtered ? '没有符合条件的医院' : '还没有医院'}
            description={filtered ? '请调整搜索或筛选条件' : '点击“新建医院”，或在“批量导入”中上传医院 CSV'}
          />
        }
      />

      <HospitalDrawer open={drawer !== null} hospital={drawer?.hospital ?? null} onClose={() => setDrawer(null)} onSaved={saved} />
    </View>
  )
}
