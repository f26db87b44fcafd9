import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useWideLayout } from '../../utils/layout'
import Table from './Table'
import type { TableBodyProps } from './types'
import './index.scss'

export type { Column, SortDir } from './types'

interface Props<T> extends TableBodyProps<T> {
  /** Shown instead of the rows when there are none (after loading). */
  empty?: ReactNode
  /** Keyset pagination: more rows behind `nextCursor`. */
  hasMore?: boolean
  loadingMore?: boolean
  onMore?: () => void
}

/**
 * The console's list: an HTML table at desk widths, a card per row on a phone
 * (each card lists the columns as label: value). Sorting, selection for bulk
 * actions and 加载更多 work the same in both.
 */
export default function ConsoleTable<T>(props: Props<T>) {
  const wide = useWideLayout()
  const { testId, rows, rowKey, columns, selected, onToggle, onRowClick, empty, hasMore, loadingMore, onMore, sort, onSort } = props
  return (
    <View className='console-list'>
      {rows.length === 0 && empty ? (
        empty
      ) : wide ? (
        <Table {...props} />
      ) : (
        <View className='console-cards' data-testid={testId}>
          {onSort ? (
            <View className='console-cards__sorts'>
              {columns
                .filter((c) => c.sortKey)
                .map((c) => (
                  <Text
                    key={c.key}
                    className={`console-cards__sort${sort?.key === c.sortKey ? ' console-cards__sort--on' : ''}`}
                    onClick={() => onSort(c.sortKey!)}
                  >
                    {c.title}
                    {sort && sort.key === c.sortKey ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ''}
                  </Text>
                ))}
            </View>
          ) : null}
          {rows.map((row) => {
            const id = rowKey(row)
            const [first, ...rest] = columns.filter((c) => !c.hideOnCard)
            return (
              <View key={id} className='console-card' data-testid={`${testId}-row`} data-id={id} onClick={onRowClick ? () => onRowClick(row) : undefined}>
                <View className='console-card__head'>
                  {selected ? (
                    <View
                      className={`console-card__check${selected.has(id) ? ' console-card__check--on' : ''}`}
                      data-testid={`${testId}-check`}
                      onClick={(e) => {
                        e.stopPropagation()
                        onToggle?.(id)
                      }}
                    >
                      {selected.has(id) ? '✓' : ''}
                    </View>
                  ) : null}
                  <View className='console-card__title'>{first?.render(row)}</View>
                </View>
                {rest.map((c) => (
                  <View key={c.key} className='console-card__row'>
                    <Text className='console-card__label'>{c.title}</Text>
                    <View className='console-card__value'>{c.render(row)}</View>
                  </View>
                ))}
              </View>
            )
          })}
        </View>
      )}
      {hasMore ? (
        <View className='console-list__more'>
          <Button size='small' loading={loadingMore} disabled={loadingMore} onClick={onMore} data-testid={`${testId}-more`}>
            加载更多
          </Button>
        </View>
      ) : null}
    </View>
  )
}
