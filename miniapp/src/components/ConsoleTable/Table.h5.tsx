import { View } from '@tarojs/components'
import type { TableBodyProps } from './types'

/** The desk-width table: sortable headers, a checkbox column when bulk actions exist, clickable rows. */
export default function Table<T>({ testId, rows, rowKey, columns, sort, onSort, selected, onToggle, onToggleAll, onRowClick }: TableBodyProps<T>) {
  const ids = rows.map(rowKey)
  const allOn = selected !== undefined && ids.length > 0 && ids.every((id) => selected.has(id))
  return (
    <View className='console-table-wrap'>
      <table className='console-table' data-testid={testId}>
        <thead>
          <tr>
            {selected ? (
              <th className='console-table__check'>
                <input
                  type='checkbox'
                  aria-label='全选本页'
                  data-testid={`${testId}-all`}
                  checked={allOn}
                  onChange={() => onToggleAll?.(ids, !allOn)}
                />
              </th>
            ) : null}
            {columns.map((c) => {
              const current = sort && c.sortKey === sort.key
              const arrow = current ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ''
              return (
                <th
                  key={c.key}
                  className={`${c.numeric ? 'console-table__num' : ''}${c.sortKey ? ' console-table__sortable' : ''}`}
                  data-testid={c.sortKey ? `${testId}-sort-${c.sortKey}` : undefined}
                  aria-sort={current ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  onClick={c.sortKey && onSort ? () => onSort(c.sortKey!) : undefined}
                >
                  {c.title}
                  {arrow}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const id = rowKey(row)
            return (
              <tr
                key={id}
                data-testid={`${testId}-row`}
                data-id={id}
                className={onRowClick ? 'console-table__clickable' : undefined}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
              >
                {selected ? (
                  // The checkbox toggles selection without opening the row.
                  <td className='console-table__check' onClick={(e) => e.stopPropagation()}>
                    <input type='checkbox' aria-label='选择' data-testid={`${testId}-check`} checked={selected.has(id)} onChange={() => onToggle?.(id)} />
                  </td>
                ) : null}
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'console-table__num' : undefined}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
    </View>
  )
}
