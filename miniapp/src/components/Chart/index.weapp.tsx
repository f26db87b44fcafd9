import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, Text, View } from '@tarojs/components'
import { init, type EChartsType } from './echarts'
import { CanvasNodeWrapper, pixelRatio, preparePlatform, touchEnd, touchMove, touchStart, type CanvasNode } from './wx-canvas'
import type { ChartProps, ChartSummary } from './types'
import { useChart } from './useChart'
import './index.scss'

let lastId = 0

/** The chart's numbers as rows of text under it (read by the screen reader too). */
function SummaryList({ label, summary }: { label: string; summary: ChartSummary }) {
  return (
    <View className='chart__summary' aria-label={`${label}（数据）`}>
      <View className='chart-rows chart-rows--head'>
        {summary.columns.map((c, i) => (
          <Text key={c} className={`chart-rows__cell${i > 0 ? ' chart-rows__cell--num' : ''}`}>
            {c}
          </Text>
        ))}
      </View>
      {summary.rows.map((row, r) => (
        <View key={r} className='chart-rows'>
          {row.map((cell, i) => (
            <Text key={i} className={`chart-rows__cell${i > 0 ? ' chart-rows__cell--num' : ''}`}>
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}

interface Measured {
  node?: CanvasNode
  width?: number
  height?: number
}

/** The canvas node and its laid-out size; the node may not be there on the first try after a render. */
function queryCanvas(id: string, onFound: (found: Required<Measured>) => void, cancelled: () => boolean, attempt = 0): void {
  Taro.createSelectorQuery()
    .select(`#${id}`)
    .fields({ node: true, size: true })
    .exec((res: (Measured | null)[]) => {
      if (cancelled()) return
      const hit = res?.[0]
      if (hit?.node && hit.width && hit.height) {
        onFound({ node: hit.node, width: hit.width, height: hit.height })
      } else if (attempt < 5) {
        setTimeout(() => queryCanvas(id, onFound, cancelled, attempt + 1), 60 * (attempt + 1))
      }
    })
}

/**
 * weapp: a `<Canvas type="2d">`, found with a SelectorQuery once Taro has
 * rendered it, wrapped so zrender can draw on it, and handed to
 * `echarts.init(wrapper, null, { width, height, devicePixelRatio })`. Touches
 * go to the chart's handler (tap → tooltip). A new height draws a new chart;
 * leaving the page disposes it.
 *
 * The page-level SelectorQuery finds the canvas only within Taro's template
 * depth (base.wxml: 16 levels from the page root; deeper nodes sit in its
 * `comp` component): keep charts shallow.
 *
 * Not run here: WeChat DevTools has no Linux build. It compiles, and follows
 * echarts-for-weixin's ec-canvas (canvas 2d path).
 */
export default function Chart({ option, height, label, summary, testId }: ChartProps) {
  const [canvasId] = useState(() => `sd-chart-${++lastId}`)
  const { chart, start, stop } = useChart(option)

  useEffect(() => {
    let cancelled = false
    let instance: EChartsType | null = null
    const setUp = () =>
      queryCanvas(
        canvasId,
        ({ node, width, height: h }) => {
          const canvas = new CanvasNodeWrapper(node)
          preparePlatform(canvas)
          instance = init(canvas as unknown as HTMLElement, undefined, { width, height: h, devicePixelRatio: pixelRatio() })
          start(instance)
        },
        () => cancelled,
      )
    // After Taro's setData for this render has reached the view layer.
    Taro.nextTick(setUp)
    return () => {
      cancelled = true
      instance?.dispose()
      stop()
    }
  }, [canvasId, height])

  return (
    <View className='chart'>
      <Canvas
        type='2d'
        id={canvasId}
        className='chart__canvas'
        style={{ width: '100%', height: `${height}px` }}
        aria-label={label}
        data-testid={testId}
        onTouchStart={(e) => touchStart(chart.current, e)}
        onTouchMove={(e) => touchMove(chart.current, e)}
        onTouchEnd={(e) => touchEnd(chart.current, e)}
      />
      <SummaryList label={label} summary={summary} />
    </View>
  )
}
