import { useEffect, useRef } from 'react'
import { View } from '@tarojs/components'
import { init } from './echarts'
import type { ChartProps, ChartSummary } from './types'
import { useChart } from './useChart'
import './index.scss'

/** The chart's numbers as a real table: screen readers announce it, tests read it. */
function SummaryTable({ label, summary }: { label: string; summary: ChartSummary }) {
  return (
    <View className='chart__summary'>
      <table className='chart-table'>
        <caption className='chart-table__caption'>{label}（数据）</caption>
        <thead>
          <tr>
            {summary.columns.map((c, i) => (
              <th key={c} scope='col' className={i > 0 ? 'chart-table__num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope='row'>
                    {cell}
                  </th>
                ) : (
                  <td key={i} className='chart-table__num'>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  )
}

/**
 * H5: ECharts draws on a div (canvas renderer), follows the window and its
 * container's size (ResizeObserver), and is disposed when the page goes. The
 * drawing is an image to assistive technology; the table under it has the numbers.
 */
export default function Chart({ option, height, label, summary, testId }: ChartProps) {
  const host = useRef<HTMLDivElement>(null)
  const { start, stop } = useChart(option)

  useEffect(() => {
    const el = host.current
    if (!el) return undefined
    const instance = init(el, undefined, { renderer: 'canvas' })
    instance.on('finished', () => el.setAttribute('data-rendered', 'true'))
    start(instance)

    let frame = 0
    const resize = () => {
      cancelAnimationFrame(frame)
      // Next frame: resizing inside a ResizeObserver callback would loop.
      frame = requestAnimationFrame(() => {
        if (!instance.isDisposed()) instance.resize()
      })
    }
    window.addEventListener('resize', resize)
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : null
    observer?.observe(el)
    return () => {
      cancelAnimationFrame(frame)
      window.removeEventListener('resize', resize)
      observer?.disconnect()
      instance.dispose()
      stop()
    }
  }, [])

  return (
    <View className='chart'>
      <div ref={host} className='chart__canvas' style={{ height: `${height}px` }} role='img' aria-label={label} data-testid={testId} />
      <SummaryTable label={label} summary={summary} />
    </View>
  )
}
