// Platform entry for index.h5.tsx (ECharts on a div, resized with the window) /
// index.weapp.tsx (ECharts on a <Canvas type="2d"> node through a small wrapper).
// Both draw with the same option and put the numbers in a table under the chart.
import type { ComponentType } from 'react'
import type { ChartProps } from './types'

export type { ChartOption, ChartProps, ChartSummary } from './types'

declare const Chart: ComponentType<ChartProps>
export default Chart
