import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'

/** The option of one chart: only the series and components registered in ./echarts.ts. */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

/**
 * The numbers a chart draws, as a small table under it: what screen readers
 * and the browser tests read, and what a user copies.
 */
export interface ChartSummary {
  columns: string[]
  rows: (string | number)[][]
}

export interface ChartProps {
  option: ChartOption
  /** CSS px (logical pixels); the width follows the container. */
  height: number
  /** The chart's accessible name (e.g. 在修工单 · 按状态). */
  label: string
  summary: ChartSummary
  /** On the drawing surface (H5: the chart's div, whose `data-rendered` turns true once drawn; weapp: the canvas). */
  testId?: string
}
