import { useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { IMPORT_KINDS } from '@shared/schemas/admin-directory.schema'
import SheetActions from '../../../../components/SheetActions'
import { useLeaveWarning } from '../../../../hooks/useLeaveWarning'
import { isApiError } from '../../../../services/api-error'
import {
  checkHeader,
  csvHeader,
  IMPORT_COLUMNS,
  IMPORT_KEYS,
  importedSerials,
  importMessage,
  importTemplateCsv,
  runImport,
  stashLabelRequest,
  type ImportKind,
  type ImportResult,
} from '../../../../services/admin-directory'
import { CAN_SAVE_CSV, saveCsvText } from '../../../../services/csv-file'
import type { CsvText } from '../../../../services/csv-text'
import { createIdempotencyKey } from '../../../../services/idempotency'
import { ROUTES } from '../../../../routes'
import CsvPicker from './CsvPicker'
import ImportPreview from './ImportPreview'

const KIND_LABELS: Record<ImportKind, string> = { hospitals: '医院', departments: '科室', equipment: '设备' }
const KIND_UNITS: Record<ImportKind, string> = { hospitals: '家医院', departments: '个科室', equipment: '台设备' }
const KIND_HINTS: Record<ImportKind, string> = {
  hospitals: '先导入医院，再导入科室和设备。',
  departments: '科室所属的医院需已存在（按医院名称 + 行政区划代码查找）。',
  equipment: '设备所属的医院、科室和型号需已存在；型号请先在“医院与设备 → 设备型号”中添加。',
}
const NEXT_KIND: Partial<Record<ImportKind, ImportKind>> = { hospitals: 'departments', departments: 'equipment' }

type Check = { phase: 'none' } | { phase: 'checking' } | { phase: 'checked'; result: ImportResult } | { phase: 'error'; message: string; requestId?: string }
type Apply =
  | { phase: 'none' }
  | { phase: 'applying' }
  | { phase: 'applied'; result: ImportResult }
  /** `unknown`: the answer never came (network, timeout): the import may have been written. */
  | { phase: 'error'; message: string; requestId?: string; unknown: boolean }

function Summary({ result }: { result: ImportResult }) {
  return (
    <View
      className={`import-summary${result.dryRun ? '' : ' import-summary--applied'}`}
      data-testid='admin-import-summary'
      data-dry-run={result.dryRun ? 'true' : 'false'}
      data-created={result.created}
      data-updated={result.updated}
      data-unchanged={result.unchanged}
      data-failed={result.failed}
    >
      <Text className='import-summary__total'>
        {result.dryRun ? '检查结果' : '导入结果'} · 共 {result.total} 行
      </Text>
      <View className='import-summary__counts'>
        <Text className='import-summary__count import-summary__count--create'>新增 {result.created}</Text>
        <Text className='import-summary__dot'>·</Text>
        <Text className='import-summary__count import-summary__count--update'>更新 {result.updated}</Text>
        <Text className='import-summary__dot'>·</Text>
        <Text className='import-summary__count'>不变 {result.unchanged}</Text>
        <Text className='import-summary__dot'>·</Text>
        <Text className={`import-summary__count${result.failed > 0 ? ' import-summary__count--error' : ''}`}>错误 {result.failed}</Text>
      </View>
    </View>
  )
}

/**
 * 批量导入: choose the kind, pick a CSV, and a dry run checks it at once: a
 * summary and every row's outcome (errors first). 确认导入 asks, then writes
 * the valid rows in one transaction and skips the rest. The file stays
 * chosen through any failure; after an equipment import, 打印这些设备的标签.
 */
export default function ImportConsole() {
  const { params } = useRouter()
  const [kind, setKind] = useState<ImportKind>(IMPORT_KINDS.find((k) => k === params.kind) ?? 'hospitals')
  const [file, setFile] = useState<CsvText | null>(null)
  const [reading, setReading] = useState(false)
  const [fileError, setFileError] = useState<string>()
  const [check, setCheck] = useState<Check>({ phase: 'none' })
  const [apply, setApply] = useState<Apply>({ phase: 'none' })
  const [confirming, setConfirming] = useState(false)
  const generation = useRef(0)
  /** One key per file and kind: a resent apply (timeout) is answered once, not written twice. */
  const applyKey = useRef<{ of: string; key: string } | null>(null)

  const applying = apply.phase === 'applying'
  useLeaveWarning(applying)

  const runCheck = async (k: ImportKind, f: CsvText) => {
    const gen = ++generation.current
    setCheck({ phase: 'checking' })
    setApply({ phase: 'none' })
    try {
      const result = await runImport(k, f.text, true)
      if (gen === generation.current) setCheck({ phase: 'checked', result })
    } catch (err) {
      if (gen === generation.current) setCheck({ phase: 'error', message: importMessage(err), requestId: isApiError(err) ? err.requestId : undefined })
    }
  }

  const chooseKind = (k: ImportKind) => {
    if (applying || k === kind) return
    setKind(k)
    if (file) void runCheck(k, file)
    else {
      generation.current += 1
      setCheck({ phase: 'none' })
      setApply({ phase: 'none' })
    }
  }

  const picked = (f: CsvText) => {
    setReading(false)
    setFileError(undefined)
    setFile(f)
    void runCheck(kind, f)
  }

  const pickFailed = (message: string) => {
    setReading(false)
    // The file in use (and its check) stays: a bad second choice loses nothing.
    setFileError(message || undefined)
  }

  const startOver = (next?: ImportKind) => {
    generation.current += 1
    setFile(null)
    setFileError(undefined)
    setCheck({ phase: 'none' })
    setApply({ phase: 'none' })
    if (next) setKind(next)
  }

  const confirmApply = async () => {
    if (!file || applying) return
    const of = `${kind}|${file.name}|${file.size}|${file.text.length}`
    if (!applyKey.current || applyKey.current.of !== of) applyKey.current = { of, key: createIdempotencyKey() }
    setApply({ phase: 'applying' })
    try {
      const result = await runImport(kind, file.text, false, applyKey.current.key)
      applyKey.current = null
      setConfirming(false)
      setApply({ phase: 'applied', result })
      void Taro.showToast({ title: '导入完成', icon: 'success' })
    } catch (err) {
      setConfirming(false)
      setApply({ phase: 'error', message: importMessage(err), requestId: isApiError(err) ? err.requestId : undefined, unknown: isApiError(err) && err.code === 'SERVICE_UNAVAILABLE' })
    }
  }

  const downloadTemplate = () => {
    if (!CAN_SAVE_CSV) {
      void Taro.showToast({ title: '请在电脑端管理后台下载模板', icon: 'none', duration: 3000 })
      return
    }
    saveCsvText(`${KIND_LABELS[kind]}导入模板.csv`, importTemplateCsv(kind))
  }

  const printImported = (serials: string[]) => {
    const token = stashLabelRequest({ serials, from: 'import' })
    void Taro.navigateTo({ url: `${ROUTES.adminLabels}?req=${encodeURIComponent(token)}` })
  }

  const header = file ? checkHeader(kind, csvHeader(file.text)) : null
  const checked = check.phase === 'checked' ? check.result : null
  const applied = apply.phase === 'applied' ? apply.result : null
  const writable = checked ? checked.created + checked.updated : 0
  const serials = applied ? importedSerials(applied) : []
  const busy = reading || check.phase === 'checking' || applying

  return (
    <View className='admin-import' data-testid='admin-import-page' data-kind={kind}>
      <View className='admin-import__inner'>
        <View className='admin-import__toolbar'>
          <Text className='admin-import__heading'>批量导入</Text>
          <View className='admin-import__grow' />
          <Text className='admin-import__link' onClick={() => void Taro.redirectTo({ url: ROUTES.adminDirectory })} data-testid='admin-import-directory'>
            医院与设备 ›
          </Text>
        </View>

        <View className='import-step'>
          <Text className='import-step__title'>1. 选择导入类型</Text>
          <View className='import-kinds'>
            {IMPORT_KINDS.map((k) => (
              <View
                key={k}
                className={`import-kinds__item${k === kind ? ' import-kinds__item--on' : ''}${applying ? ' import-kinds__item--off' : ''}`}
                data-testid={`admin-import-kind-${k}`}
                data-selected={k === kind ? 'true' : 'false'}
                onClick={() => chooseKind(k)}
              >
                <Text>{KIND_LABELS[k]}</Text>
              </View>
            ))}
          </View>
          <Text className='import-step__hint'>{KIND_HINTS[kind]}</Text>
          <View className='import-columns' data-testid='admin-import-columns'>
            <View className='import-columns__row import-columns__row--head'>
              <Text className='import-columns__name'>列名（第一行）</Text>
              <Text className='import-columns__label'>填写说明</Text>
              <Text className='import-columns__example'>示例</Text>
            </View>
            {IMPORT_COLUMNS[kind].map((c) => (
              <View key={c.column} className='import-columns__row' data-column={c.column}>
                <View className='import-columns__name'>
                  <Text>
                    {c.header}
                    {c.required ? <Text className='import-columns__required'> *</Text> : null}
                  </Text>
                  <Text className='import-columns__aliases'>也可写作 {[c.column, ...c.aliases].join(' / ')}</Text>
                </View>
                <Text className='import-columns__label'>
                  {c.note}
                  {c.required ? '' : '（选填）'}
                </Text>
                <Text className='import-columns__example'>{c.example}</Text>
              </View>
            ))}
          </View>
          <View className='import-step__line'>
            <Text className='import-step__hint'>
              按 {IMPORT_KEYS[kind]} 识别：已存在的会更新，不存在的会新增。带 * 的列必填，列的顺序不限，其他列会被忽略。
            </Text>
            <Text className='admin-import__link' onClick={downloadTemplate} data-testid='admin-import-template'>
              下载模板（{KIND_LABELS[kind]}）
            </Text>
          </View>
        </View>

        <View className='import-step'>
          <Text className='import-step__title'>2. 选择文件</Text>
          <CsvPicker busy={busy} fileName={file?.name ?? null} onReading={() => setReading(true)} onPicked={picked} onError={pickFailed} />
          {reading ? <Text className='import-step__hint'>正在读取文件…</Text> : null}
          {fileError ? (
            <Text className='import-step__error' data-testid='admin-import-file-error'>
              {fileError}
              {file ? `（仍在使用上次选择的 ${file.name}）` : ''}
            </Text>
          ) : null}
          {file ? (
            <View className='import-file' data-testid='admin-import-file-info' data-name={file.name}>
              <Text className='import-file__name'>{file.name}</Text>
              <Text className='import-file__meta'>
                {(file.size / 1024).toFixed(1)} KB{file.encoding === 'gbk' ? ' · 已按 GBK 编码读取（Excel 默认格式），请核对预览中的中文' : ''}
              </Text>
            </View>
          ) : null}
          {header && header.otherKind ? (
            <View className='import-step__warn' data-testid='admin-import-kind-hint'>
              <Text>
                这个文件的列看起来是{KIND_LABELS[header.otherKind]}导入的格式。
                <Text className='admin-import__link' onClick={() => chooseKind(header.otherKind!)}>
                  改为导入{KIND_LABELS[header.otherKind]}
                </Text>
              </Text>
            </View>
          ) : null}
          {header && !header.otherKind && header.missing.length > 0 ? (
            <Text className='import-step__warn' data-testid='admin-import-header-missing'>
              第一行缺少必填列：{header.missing.join('、')}。请对照上面的列名检查第一行。
            </Text>
          ) : null}
          {header && !header.otherKind && header.missing.length === 0 && header.unknown.length > 0 ? (
            <Text className='import-step__hint'>这些列不会被导入：{header.unknown.join('、')}</Text>
          ) : null}
        </View>

        {file && !applied ? (
          <View className='import-step' data-testid='admin-import-check'>
            <Text className='import-step__title'>3. 检查并确认</Text>
            {check.phase === 'checking' ? (
              <Text className='import-step__progress' data-testid='admin-import-checking'>
                正在检查 {file.name}（只检查，不写入）…
              </Text>
            ) : null}
            {check.phase === 'error' ? (
              <View className='import-step__failure' data-testid='admin-import-check-error'>
                <Text>检查失败：{check.message}</Text>
                {check.requestId ? <Text className='import-step__hint'>请求编号 {check.requestId}</Text> : null}
                <View className='import-step__actions'>
                  <Button size='small' type='primary' onClick={() => void runCheck(kind, file)} data-testid='admin-import-recheck'>
                    重新检查
                  </Button>
                </View>
              </View>
            ) : null}
            {checked ? (
              <>
                <Summary result={checked} />
                <View className='import-step__line'>
                  <Text className='import-step__hint'>
                    {writable === 0
                      ? checked.failed > 0
                        ? '没有可以导入的行：请按下面的错误修改文件后重新选择。'
                        : '文件中的内容与系统一致，无需导入。'
                      : checked.failed > 0
                        ? `确认后，将写入 ${writable} 行，${checked.failed} 行有错误将被跳过（也可以先修改文件再重新选择）。`
                        : `确认后，将写入 ${writable} 行。`}
                  </Text>
                  <Button
                    type='primary'
                    disabled={writable === 0 || applying}
                    loading={applying}
                    onClick={() => setConfirming(true)}
                    data-testid='admin-import-apply'
                  >
                    确认导入
                  </Button>
                </View>
                {apply.phase === 'applying' ? (
                  <Text className='import-step__progress' data-testid='admin-import-applying'>
                    正在导入，请不要关闭页面…
                  </Text>
                ) : null}
                {apply.phase === 'error' ? (
                  <View className='import-step__failure' data-testid='admin-import-apply-error'>
                    <Text>
                      {apply.unknown
                        ? `没有收到导入结果，无法确认是否已写入：${apply.message}。请先点“重新检查”——已写入的行会显示为“不变”。`
                        : `导入失败，没有写入任何内容：${apply.message}`}
                    </Text>
                    {apply.requestId ? <Text className='import-step__hint'>请求编号 {apply.requestId}</Text> : null}
                    <View className='import-step__actions'>
                      <Button size='small' type='primary' onClick={() => setConfirming(true)} data-testid='admin-import-retry'>
                        重试导入
                      </Button>
                      <Button size='small' fill='outline' onClick={() => void runCheck(kind, file)}>
                        重新检查
                      </Button>
                    </View>
                  </View>
                ) : null}
                <ImportPreview result={checked} testId='admin-import-preview' />
              </>
            ) : null}
          </View>
        ) : null}

        {applied ? (
          <View className='import-step import-step--done' data-testid='admin-import-result' data-kind={applied.kind}>
            <Text className='import-step__title'>导入完成</Text>
            <Summary result={applied} />
            <Text className='import-step__hint'>
              {applied.created > 0 || applied.updated > 0 ? `已新增 ${applied.created} ${KIND_UNITS[applied.kind]}，更新 ${applied.updated} ${KIND_UNITS[applied.kind]}。` : '没有写入新内容。'}
              {applied.failed > 0 ? `${applied.failed} 行有错误，已跳过，请修改后单独导入这些行。` : ''}
            </Text>
            <View className='import-step__actions'>
              {serials.length > 0 ? (
                <Button type='primary' onClick={() => printImported(serials)} data-testid='admin-import-labels'>
                  打印这些设备的标签（{serials.length}）
                </Button>
              ) : null}
              {NEXT_KIND[applied.kind] ? (
                <Button fill='outline' onClick={() => startOver(NEXT_KIND[applied.kind])} data-testid='admin-import-next'>
                  接着导入{KIND_LABELS[NEXT_KIND[applied.kind]!]}
                </Button>
              ) : null}
              <Button fill='outline' onClick={() => startOver()} data-testid='admin-import-again'>
                导入其他文件
              </Button>
              <Button fill='outline' onClick={() => void Taro.redirectTo({ url: `${ROUTES.adminDirectory}?tab=${applied.kind === 'equipment' ? 'units' : 'hospitals'}` })}>
                查看{applied.kind === 'equipment' ? '设备' : '医院'}
              </Button>
            </View>
            {applied.failed > 0 || applied.rows.some((r) => r.action !== 'unchanged') ? <ImportPreview result={applied} testId='admin-import-result-rows' /> : null}
          </View>
        ) : null}
      </View>

      <Popup visible={confirming} position='bottom' round closeOnOverlayClick={!applying} onClose={() => !applying && setConfirming(false)}>
        {confirming && checked && file ? (
          <View className='import-confirm' data-testid='admin-import-confirm'>
            <Text className='import-confirm__title'>确认导入{KIND_LABELS[kind]}</Text>
            <Text className='import-confirm__text'>
              文件 {file.name}：将新增 {checked.created} {KIND_UNITS[kind]}，更新 {checked.updated} {KIND_UNITS[kind]}
              {checked.unchanged > 0 ? `，${checked.unchanged} 行不变` : ''}。
            </Text>
            {checked.failed > 0 ? <Text className='import-confirm__warn'>{checked.failed} 行有错误，将被跳过，不会导入。</Text> : null}
            <Text className='import-confirm__text'>所有可导入的行在一次操作中写入；导入后不能自动撤销。</Text>
            <SheetActions
              block='import-confirm'
              confirmText={applying ? '正在导入…' : `确认导入 ${writable} 行`}
              busy={applying}
              onCancel={() => setConfirming(false)}
              onConfirm={() => void confirmApply()}
              cancelTestId='admin-import-apply-cancel'
              confirmTestId='admin-import-apply-confirm'
            />
          </View>
        ) : null}
      </Popup>
    </View>
  )
}
