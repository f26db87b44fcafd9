import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import ConsoleTable from '../../../components/ConsoleTable'
import type { TableBodyProps } from '../../../components/ConsoleTable/types'
import { PageError, PageLoading } from '../../../components/PageState'
import type { KeysetList } from '../../../hooks/useKeysetList'

interface Props<T> extends Omit<TableBodyProps<T>, 'rows'> {
  keyset: KeysetList<T>
  /** The table's; its box is `${testId}-list` (with the row count in data-count). */
  testId: string
  /** No rows (none at all, or none for the filters). */
  empty: ReactNode
}

/** A list tab's rows: loading, an error with 重试, or the table (cards on a phone) with 加载更多. */
export default function PanelList<T>({ keyset, testId, empty, ...table }: Props<T>) {
  const { list } = keyset
  return (
    <>
      {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
      {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void keyset.load()} /> : null}
      {list.phase === 'ready' ? (
        <View data-testid={`${testId}-list`} data-count={list.items.length}>
          <ConsoleTable
            {...table}
            testId={testId}
            rows={list.items}
            empty={empty}
            hasMore={Boolean(list.nextCursor)}
            loadingMore={list.loadingMore}
            onMore={() => void keyset.more()}
          />
          {list.moreError ? <Text className='dir-panel__more-error'>{list.moreError}</Text> : null}
        </View>
      ) : null}
    </>
  )
}
