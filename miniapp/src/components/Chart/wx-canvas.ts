import Taro from '@tarojs/taro'
import type { CanvasTouchEvent } from '@tarojs/components/types/common'
import { setPlatformAPI, type EChartsType } from './echarts'

/**
 * weapp: ECharts on a `<Canvas type="2d">` node. zrender draws on anything
 * that looks like a canvas element: `getContext('2d')` and writable
 * `width`/`height` (the backing store, logical size × pixel ratio). With no
 * `nodeName` and no `style` it treats the object as a single canvas and never
 * touches the DOM. The same idea as echarts-for-weixin's ec-canvas, written
 * for our one use (no legacy canvas-id API, base library ≥ 2.9.0).
 */

/** What WeChat's canvas node (from SelectorQuery `fields({ node: true })`) offers us. */
export interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): CanvasRenderingContext2D
}

export class CanvasNodeWrapper {
  private readonly ctx: CanvasRenderingContext2D

  constructor(private readonly node: CanvasNode) {
    this.ctx = node.getContext('2d')
  }

  getContext(type: string): CanvasRenderingContext2D | null {
    return type === '2d' ? this.ctx : null
  }

  // zrender sizes the backing store through these.
  get width(): number {
    return this.node.width
  }

  set width(value: number) {
    this.node.width = value
  }

  get height(): number {
    return this.node.height
  }

  set height(value: number) {
    this.node.height = value
  }

  // zrender's DOM event proxy is off in the mini-program (no DOM); touches come from the Canvas's handlers below.
  addEventListener(): void {}

  removeEventListener(): void {}
}

// ---------------------------------------------------------------------------
// Text measuring: zrender measures labels on a canvas it creates with
// `document.createElement('canvas')`, which in a Taro mini-program is Taro's
// element shim without getContext. Give it WeChat's offscreen canvas (base
// library ≥ 2.16.1) or, on older clients, the canvas being set up.
// ---------------------------------------------------------------------------

let measuringCanvas: unknown = null
let platformReady = false

export function preparePlatform(fallback: CanvasNodeWrapper): void {
  if (!measuringCanvas) {
    try {
      measuringCanvas = typeof Taro.createOffscreenCanvas === 'function' ? Taro.createOffscreenCanvas({ type: '2d', width: 1, height: 1 }) : null
    } catch {
      measuringCanvas = null
    }
    if (!measuringCanvas) measuringCanvas = fallback
  }
  if (platformReady) return
  platformReady = true
  setPlatformAPI({ createCanvas: () => measuringCanvas as HTMLCanvasElement })
}

export function pixelRatio(): number {
  try {
    if (typeof Taro.getWindowInfo === 'function') return Taro.getWindowInfo().pixelRatio || 2
  } catch {
    // Older base libraries: below.
  }
  return Taro.getSystemInfoSync().pixelRatio || 2
}

// ---------------------------------------------------------------------------
// Touches → zrender's handler (as mouse events: tap shows the tooltip).
// A canvas touch carries x/y relative to the canvas.
// ---------------------------------------------------------------------------

interface ZrHandler {
  dispatch(name: string, event: { zrX: number; zrY: number }): void
  processGesture(event: unknown, stage: 'start' | 'change' | 'end'): void
}

function handlerOf(chart: EChartsType | null): ZrHandler | null {
  if (!chart || chart.isDisposed()) return null
  return (chart.getZr() as unknown as { handler: ZrHandler }).handler
}

/** zrender's gesture code reads offsetX/offsetY. */
function withOffsets(event: CanvasTouchEvent): unknown {
  const touches = Array.from(event.touches ?? [], (t) => ({ ...t, offsetX: t.x, offsetY: t.y }))
  return { ...event, touches }
}

export function touchStart(chart: EChartsType | null, event: CanvasTouchEvent): void {
  const handler = handlerOf(chart)
  const touch = event.touches?.[0]
  if (!handler || !touch) return
  handler.dispatch('mousedown', { zrX: touch.x, zrY: touch.y })
  handler.dispatch('mousemove', { zrX: touch.x, zrY: touch.y })
  handler.processGesture(withOffsets(event), 'start')
}

export function touchMove(chart: EChartsType | null, event: CanvasTouchEvent): void {
  const handler = handlerOf(chart)
  const touch = event.touches?.[0]
  if (!handler || !touch) return
  handler.dispatch('mousemove', { zrX: touch.x, zrY: touch.y })
  handler.processGesture(withOffsets(event), 'change')
}

export function touchEnd(chart: EChartsType | null, event: CanvasTouchEvent): void {
  const handler = handlerOf(chart)
  if (!handler) return
  const touch = event.changedTouches?.[0]
  const at = { zrX: touch?.x ?? 0, zrY: touch?.y ?? 0 }
  handler.dispatch('mouseup', at)
  handler.dispatch('click', at)
  handler.processGesture(withOffsets(event), 'end')
}
