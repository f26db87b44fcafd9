import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { IMPORT_ROW_ACTIONS } from '@shared/schemas/admin-directory.schema'
import Chips from '../../../../components/Chips'
import ConsoleTable, { type Column } from '../../../../components/ConsoleTable'
import { IMPORT_COLUMNS, sortImportRows, type ImportResult, type ImportRow } from '../../../../services/admin-directory'

type Action = (typeof IMPORT_ROW_ACTIONS)[number]

export const ACTION_LABELS: Record<Action, string> = { create: '新增', update: '更新', unchanged: '不变', error: '错误' }
const ACTION_TAGS: Record<Action, 'success' | 'primary' | 'default' | 'danger'> = { create: 'success', update: 'primary', unchanged: 'default', error: 'danger' }
const STEP = 100

interface Props {
  result: ImportResult
  testId: string
}

/**
 * The rows of a dry run (or an applied import): errors first, each with its
 * line, key, what happens to it, the problems per column and the changes
 * `before → after`. Filter by outcome; 100 rows at a time.
 */
export default function ImportPreview({ result, testId }: Props) {
  const [filter, setFilter] = useState<Action | 'all'>('all')
  const [shown, setShown] = useState(STEP)
  const labelOf = useMemo(() => {
    const labels = new Map(IMPORT_COLUMNS[result.kind].map((c) => [c.column, c.header]))
    return (column: string | null) => (column ? labels.get(column) ?? column : '')
  }, [result.kind])

  useEffect(() => {
    setFilter('all')
    setShown(STEP)
  }, [result])

  const sorted = useMemo(() => sortImportRows(result.rows), [result.rows])
  const counts = useMemo(() => {
    const c: Record<Action, number> = { create: 0, update: 0, unchanged: 0, error: 0 }
    for (const r of result.rows) c[r.action] += 1
    return c
  }, [result.rows])
  const rows = filter === 'all' ? sorted : sorted.filter((r) => r.action === filter)

  const columns: Column<ImportRow>[] = [
    { key: 'line', title: '行号', numeric: true, render: (r) => <Text data-line={r.line}>第 {r.line} 行</Text> },
    { key: 'key', title: '标识', render: (r) => <Text className='import-preview__key'>{r.key || '（空）'}</Text> },
    {
      key: 'action',
      title: '结果',
      render: (r) => (
        <View className='import-preview__action' data-action={r.action}>
          <Tag type={ACTION_TAGS[r.action]}>{ACTION_LABELS[r.action]}</Tag>
        </View>
      ),
    },
    {
      key: 'errors',
      title: '问题',
      render: (r) =>
        r.errors.length === 0 ? (
          <Text className='import-preview__none'>—</Text>
        ) : (
          <View className='import-preview__list'>
            {r.errors.map((e, i) => (
              <Text key={i} className='import-preview__error'>
                {e.column ? `${labelOf(e.column)}：` : ''}
                {e.message}
              </Text>
            ))}
          </View>
        ),
    },
    {
      key: 'changes',
      title: '变更',
      render: (r) => {
        const changes = Object.entries(r.changes ?? {})
        if (changes.length === 0) return <Text className='import-preview__none'>—</Text>
        return (
          <View className='import-preview__list'>
            {changes.map(([column, [before, after]]) => (
              <Text key={column} className='import-preview__change'>
                {labelOf(column)}：<Text className='import-preview__before'>{before ?? '（空）'}</Text> → <Text className='import-preview__after'>{after ?? '（空）'}</Text>
              </Text>
            ))}
          </View>
        )
      },
    },
  ]

  const options = [
    { key: 'all', label: `全部 ${result.rows.length}` },
    ...(['error', 'create', 'update', 'unchanged'] as const).map((a) => ({ key: a, label: `${ACTION_LABELS[a]} ${counts[a]}` })),
  ]

  return (
    <View className='import-preview'>
      <Chips
        options={options}
        selected={[filter]}
        onToggle={(k) => {
          setFilter(k as Action | 'all')
          setShown(STEP)
        }}
        testId={`${testId}-filter`}
        optionTestId={`${testId}-filter-option`}
      />
      {result.rows.length < result.total ? (
        <Text className='import-preview__note'>共 {result.total} 行，下面列出其中 {result.rows.length} 行（有错误的行在前）。</Text>
      ) : null}
      <ConsoleTable
        testId={testId}
        rows={rows.slice(0, shown)}
        rowKey={(r) => String(r.line)}
        columns={columns}
        empty={<Text className='import-preview__note'>没有{filter === 'all' ? '' : ACTION_LABELS[filter as Action]}的行</Text>}
        hasMore={rows.length > shown}
        onMore={() => setShown((n) => n + STEP)}
      />
    </View>
  )
}
