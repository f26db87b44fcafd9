import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { KeysetList } from '../../hooks/useKeysetList'
import { PageError, PageLoading } from '../PageState'
import ConsoleTable from './index'
import type { TableBodyProps } from './types'

interface Props<T> extends Omit<TableBodyProps<T>, 'rows' | 'testId'> {
  keyset: KeysetList<T>
  /** `${testId}-empty`, `${testId}-list` (with the row count), the table `${testId}-table`, `${testId}-more-error`. */
  testId: string
  /** No rows for this search. */
  empty: ReactNode
  /** The page's class for the 加载更多 error. */
  errorClassName: string
  /** Under the rows (e.g. 没有更多了). */
  children?: ReactNode
}

/** A console page's keyset list: loading, an error with 重试, the empty state, or the rows with 加载更多. */
export default function KeysetTable<T>({ keyset, testId, empty, errorClassName, children, ...table }: Props<T>) {
  const { list } = keyset
  return (
    <>
      {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
      {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void keyset.load()} /> : null}
      {list.phase === 'ready' && list.items.length === 0 ? <View data-testid={`${testId}-empty`}>{empty}</View> : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <View data-testid={`${testId}-list`} data-count={list.items.length}>
          <ConsoleTable
            {...table}
            testId={`${testId}-table`}
            rows={list.items}
            hasMore={Boolean(list.nextCursor)}
            loadingMore={list.loadingMore}
            onMore={() => void keyset.more()}
          />
          {list.moreError ? (
            <Text className={errorClassName} data-testid={`${testId}-more-error`}>
              {list.moreError}
            </Text>
          ) : null}
          {children}
        </View>
      ) : null}
    </>
  )
}
