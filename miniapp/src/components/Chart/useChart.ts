import { useEffect, useRef } from 'react'
import type { EChartsType } from './echarts'
import type { ChartOption } from './types'

/**
 * The ECharts instance behind a Chart, on either platform: `start` hands it a
 * new instance and draws the latest option once; a new option afterwards
 * redraws it (not merged); `stop` forgets it (the caller disposes it).
 */
export function useChart(option: ChartOption) {
  const chart = useRef<EChartsType | null>(null)
  const latest = useRef(option)
  latest.current = option
  // The option last drawn: `start` draws it once, not again in the effect below.
  const drawn = useRef<ChartOption | null>(null)

  useEffect(() => {
    const instance = chart.current
    if (!instance || instance.isDisposed() || drawn.current === option) return
    instance.setOption(option, { notMerge: true })
    drawn.current = option
  }, [option])

  const start = (instance: EChartsType) => {
    chart.current = instance
    instance.setOption(latest.current, { notMerge: true })
    drawn.current = latest.current
  }

  const stop = () => {
    chart.current = null
    drawn.current = null
  }

  return { chart, start, stop }
}
