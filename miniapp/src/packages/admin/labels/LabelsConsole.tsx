import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PageEmpty, PageError } from '../../../components/PageState'
import {
  fetchLabels,
  labelPages,
  MAX_LABELS,
  parseSerialList,
  readLabelRequest,
  stashLabelRequest,
  type Label,
  type LabelRequest,
} from '../../../services/admin-directory'
import { CAN_PRINT, enterPrintScope, printPage } from '../../../services/print'
import { ROUTES } from '../../../routes'
import { formatShanghai } from '../../../utils/format'
import LabelQr from './LabelQr'

/** 3 columns × 8 rows of 70 × 36 mm on A4 (a common 24-up label sheet). */
export const LABELS_PER_PAGE = 24
const PRINT_SCOPE = 'print-labels'

interface Source {
  unitIds: string[]
  serials: string[]
  from: LabelRequest['from']
}

type Load =
  | { phase: 'none' }
  | { phase: 'expired' }
  | { phase: 'loading'; count: number }
  | { phase: 'ready'; labels: Label[]; missing: string[]; dropped: number }
  | { phase: 'error'; error: unknown }

const splitParam = (value: string | undefined) => (value ? decodeURIComponent(value).split(',').map((s) => s.trim()).filter(Boolean) : [])

/** What to print: `?ids=` or `?serials=` (a few, typed into a link), else the request stored under `?req=`. */
function sourceOf(params: Partial<Record<string, string>>): Source | 'expired' | null {
  const ids = splitParam(params.ids)
  const serials = splitParam(params.serials)
  if (ids.length > 0 || serials.length > 0) return { unitIds: ids, serials, from: 'manual' }
  if (!params.req) return null
  const stored = readLabelRequest(decodeURIComponent(params.req))
  return stored ? { unitIds: stored.unitIds, serials: stored.serials, from: stored.from } : 'expired'
}

function LabelCard({ label }: { label: Label }) {
  return (
    <View className='label' data-testid='admin-label' data-code={label.labelCode} data-unit={label.unitId}>
      <View className='label__qr'>
        <LabelQr svg={label.qrSvg} code={label.labelCode} />
      </View>
      <View className='label__text'>
        <Text className='label__caption'>扫码报修</Text>
        <Text className='label__model'>{label.model}</Text>
        <Text className='label__serial'>SN {label.serial}</Text>
        <Text className='label__place'>{label.department ? `${label.hospital} · ${label.department}` : label.hospital}</Text>
        <Text className='label__code'>{label.labelCode}</Text>
      </View>
    </View>
  )
}

/**
 * 设备标签: the QR label sheet for units chosen in 医院与设备 (ids) or just
 * imported (serials, looked up first), as A4 pages of 24 labels; 打印 opens
 * the browser's print dialog, which prints the pages alone. Without a
 * selection, serials can be typed or pasted here.
 */
export default function LabelsConsole() {
  const { params } = useRouter()
  const [source, setSource] = useState<Source | 'expired' | null>(() => sourceOf(params))
  const [load, setLoad] = useState<Load>({ phase: 'none' })
  const [typed, setTyped] = useState('')
  const [typedError, setTypedError] = useState<string>()
  const call = useRef(0)
  // Opened from the sidebar: the last request, to open again.
  const [last] = useState(() => (source === null ? readLabelRequest() : null))

  useEffect(() => enterPrintScope(PRINT_SCOPE), [])

  const run = useCallback(async (s: Source) => {
    const mine = ++call.current
    try {
      const total = new Set(s.unitIds).size + new Set(s.serials).size
      const dropped = Math.max(0, total - MAX_LABELS)
      if (total === 0) {
        setLoad({ phase: 'ready', labels: [], missing: [], dropped: 0 })
        return
      }
      setLoad({ phase: 'loading', count: total - dropped })
      const { labels, missing } = await fetchLabels(s)
      if (mine === call.current) setLoad({ phase: 'ready', labels, missing, dropped })
    } catch (error) {
      if (mine === call.current) setLoad({ phase: 'error', error })
    }
  }, [])

  useEffect(() => {
    if (source === 'expired') setLoad({ phase: 'expired' })
    else if (source) void run(source)
    else setLoad({ phase: 'none' })
  }, [source])

  const printTyped = () => {
    const serials = parseSerialList(typed)
    if (serials.length === 0) {
      setTypedError('请输入至少一个序列号')
      return
    }
    if (serials.length > MAX_LABELS) {
      setTypedError(`一次最多 ${MAX_LABELS} 个序列号`)
      return
    }
    setTypedError(undefined)
    // Stored too, so that reloading the page does not lose what was pasted.
    stashLabelRequest({ serials, from: 'manual' })
    setSource({ unitIds: [], serials, from: 'manual' })
  }

  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: `${ROUTES.adminDirectory}?tab=units` })
  }

  const print = () => {
    if (!CAN_PRINT) {
      void Taro.showToast({ title: '请在电脑端管理后台打印标签', icon: 'none', duration: 3000 })
      return
    }
    printPage()
  }

  const labels = load.phase === 'ready' ? load.labels : []
  const pages = labelPages(labels, LABELS_PER_PAGE)

  const manual = (
    <View className='labels-manual' data-testid='admin-labels-manual'>
      <Text className='labels-manual__title'>按序列号打印</Text>
      <Text className='labels-manual__hint'>每行一个序列号（也可用逗号或空格分隔），可从 Excel 中整列复制粘贴。</Text>
      <View className='labels-manual__box' data-testid='admin-labels-serials'>
        <Textarea
          className='labels-manual__textarea'
          maxlength={-1}
          placeholder={'GIF-H290-2401537\nCF-H290I-2309921'}
          value={typed}
          onInput={(e) => {
            setTyped(e.detail.value)
            setTypedError(undefined)
          }}
        />
      </View>
      {typedError ? <Text className='labels-manual__error'>{typedError}</Text> : null}
      <View className='labels-manual__actions'>
        <Button type='primary' onClick={printTyped} data-testid='admin-labels-serials-submit'>
          生成标签
        </Button>
        <Button fill='outline' onClick={() => void Taro.redirectTo({ url: `${ROUTES.adminDirectory}?tab=units` })}>
          去“医院与设备”勾选设备
        </Button>
      </View>
    </View>
  )

  return (
    <View className='admin-labels' data-testid='admin-labels-page' data-phase={load.phase}>
      <View className='admin-labels__inner'>
        <View className='admin-labels__toolbar admin-labels__screen'>
          <Text className='admin-labels__link' onClick={back} data-testid='admin-labels-back'>
            ‹ 返回
          </Text>
          <Text className='admin-labels__heading'>设备标签</Text>
          {load.phase === 'ready' && labels.length > 0 ? (
            <Text className='admin-labels__muted' data-testid='admin-labels-count' data-count={labels.length}>
              共 {labels.length} 张 · {pages.length} 页 A4（每页 3 × 8 张，70 × 36 mm）
            </Text>
          ) : null}
          <View className='admin-labels__grow' />
          {load.phase === 'ready' && labels.length > 0 && CAN_PRINT ? (
            <Button type='primary' onClick={print} data-testid='admin-labels-print'>
              打印
            </Button>
          ) : null}
        </View>

        {!CAN_PRINT ? (
          <View className='admin-labels__notice admin-labels__screen' data-testid='admin-labels-weapp-notice'>
            <Text>小程序中只能预览标签。打印请在电脑浏览器中打开管理后台：医院与设备 → 设备，勾选设备后点“打印标签”。</Text>
          </View>
        ) : null}

        {load.phase === 'loading' ? (
          <Text className='admin-labels__progress admin-labels__screen' data-testid='admin-labels-progress'>
            正在生成 {load.count} 张标签…
          </Text>
        ) : null}
        {load.phase === 'error' ? (
          <View className='admin-labels__screen'>
            <PageError error={load.error} onRetry={() => source && source !== 'expired' && void run(source)} />
          </View>
        ) : null}
        {load.phase === 'expired' ? (
          <View className='admin-labels__screen'>
            <PageEmpty title='找不到要打印的设备' description='打印请求已失效（可能在其他浏览器或已清除浏览数据）。请重新勾选设备，或在下面输入序列号。' />
            {manual}
          </View>
        ) : null}
        {load.phase === 'none' ? (
          <View className='admin-labels__screen'>
            <PageEmpty title='还没有选择设备' description='在“医院与设备 → 设备”中勾选设备后点“打印标签”；导入设备后也可直接打印。' />
            {last ? (
              <View className='admin-labels__last'>
                <Text className='admin-labels__muted'>
                  上次选择：{last.unitIds.length + last.serials.length} 台设备（{formatShanghai(new Date(last.savedAt).toISOString())}）
                </Text>
                <Button size='small' fill='outline' onClick={() => setSource({ unitIds: last.unitIds, serials: last.serials, from: last.from })} data-testid='admin-labels-last'>
                  重新打开
                </Button>
              </View>
            ) : null}
            {manual}
          </View>
        ) : null}

        {load.phase === 'ready' && (load.missing.length > 0 || load.dropped > 0) ? (
          <View className='admin-labels__notice admin-labels__screen' data-testid='admin-labels-missing' data-count={load.missing.length}>
            {load.missing.length > 0 ? (
              <Text>
                {load.missing.length} 个序列号没有找到对应的设备，未生成标签：{load.missing.slice(0, 20).join('、')}
                {load.missing.length > 20 ? ' 等' : ''}
              </Text>
            ) : null}
            {load.dropped > 0 ? <Text>一次最多打印 {MAX_LABELS} 张，另有 {load.dropped} 台设备未包含在本次标签中。</Text> : null}
          </View>
        ) : null}
        {load.phase === 'ready' && labels.length === 0 ? (
          <View className='admin-labels__screen'>
            <PageEmpty title='没有可打印的标签' description='这些设备可能已被删除，或序列号有误。' />
            {manual}
          </View>
        ) : null}

        {load.phase === 'ready' && labels.length > 0 ? (
          <>
            {CAN_PRINT ? (
              <Text className='admin-labels__muted admin-labels__screen'>
                打印时请选择 A4 纸、缩放“实际大小 / 100%”，并关闭“页眉和页脚”，标签才能对齐 3 × 8 的不干胶标签纸。
              </Text>
            ) : null}
            <View className='label-sheet-scroll'>
              <View className='label-sheet' data-testid='admin-labels-sheet' data-count={labels.length} data-pages={pages.length}>
                {pages.map((page, i) => (
                  <View key={i} className='label-sheet__page' data-page={i + 1}>
                    {page.map((label) => (
                      <LabelCard key={label.unitId} label={label} />
                    ))}
                  </View>
                ))}
              </View>
            </View>
          </>
        ) : null}
      </View>
    </View>
  )
}
