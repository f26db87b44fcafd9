import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import QueueTabs, { type QueueTab } from '../../../components/QueueTabs'
import { stashLabelRequest } from '../../../services/admin-directory'
import { ROUTES } from '../../../routes'
import DealersPanel from './DealersPanel'
import HospitalsPanel from './HospitalsPanel'
import ModelsPanel from './ModelsPanel'
import UnitsPanel from './UnitsPanel'
import { useModels } from './useModels'

const TABS = ['hospitals', 'units', 'models', 'dealers'] as const
type Tab = (typeof TABS)[number]
const TAB_LABELS: Record<Tab, string> = { hospitals: '医院', units: '设备', models: '设备型号', dealers: '经销商' }

/**
 * 医院与设备: hospitals (with departments), equipment units (with 打印标签),
 * equipment models and dealers, one tab each. `?tab=units` opens a tab. A
 * tab keeps its filters and rows while another is shown.
 */
export default function DirectoryConsole() {
  const { params } = useRouter()
  const initial = TABS.find((t) => t === params.tab) ?? 'hospitals'
  const [tab, setTab] = useState<Tab>(initial)
  const [visited, setVisited] = useState<Set<Tab>>(new Set([initial]))
  const models = useModels()

  const open = (t: Tab) => {
    setTab(t)
    setVisited((v) => (v.has(t) ? v : new Set([...v, t])))
  }

  /** The ids travel through storage (two hundred do not fit in a URL); back returns to the list with its ticks. */
  const printLabels = (unitIds: string[]) => {
    const token = stashLabelRequest({ unitIds, from: 'directory' })
    void Taro.navigateTo({ url: `${ROUTES.adminLabels}?req=${encodeURIComponent(token)}` })
  }

  const tabs: QueueTab<Tab>[] = TABS.map((t) => ({ key: t, label: TAB_LABELS[t] }))
  const panel = (t: Tab, node: JSX.Element) =>
    visited.has(t) ? (
      <View key={t} className={tab === t ? 'admin-directory__panel' : 'admin-directory__panel admin-directory__panel--hidden'}>
        {node}
      </View>
    ) : null

  return (
    <View className='admin-directory' data-testid='admin-directory-page' data-tab={tab}>
      <QueueTabs tabs={tabs} active={tab} onChange={open} testId='admin-directory-tabs' tabTestIdPrefix='admin-directory-tab-' />
      <View className='admin-directory__inner'>
        <View className='admin-directory__toolbar'>
          <Text className='admin-directory__heading'>医院与设备</Text>
          <View className='admin-directory__grow' />
          {/* redirectTo, like the sidebar: hopping between console areas must not stack pages. */}
          <Text className='admin-directory__link' onClick={() => void Taro.redirectTo({ url: ROUTES.adminImport })} data-testid='admin-directory-import'>
            批量导入（CSV）›
          </Text>
        </View>
        {panel('hospitals', <HospitalsPanel active={tab === 'hospitals'} />)}
        {panel('units', <UnitsPanel active={tab === 'units'} models={models} onPrint={printLabels} />)}
        {panel('models', <ModelsPanel models={models} />)}
        {panel('dealers', <DealersPanel active={tab === 'dealers'} />)}
      </View>
    </View>
  )
}
