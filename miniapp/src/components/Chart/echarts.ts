// ECharts, tree-shaken: the core, the three series types the dashboard draws, the
// grid/tooltip/legend components and the canvas renderer (the full build is ~1 MB).
import { init, setPlatformAPI, use, type EChartsType } from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { init, setPlatformAPI }
export type { EChartsType }
