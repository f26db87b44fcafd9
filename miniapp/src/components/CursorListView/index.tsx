import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { CursorList } from '../../hooks/useCursorLists'
import ListFooter from '../ListFooter'
import { PageEmpty, PageError, PageLoading } from '../PageState'

interface Props<T> {
  list: CursorList<T>
  onRetry: () => void
  onMore: () => void
  /** The empty state. */
  empty: { title: string; description?: string }
  /** The list's container. */
  className: string
  testId?: string
  /** On the 加载更多 button. */
  moreTestId?: string
  renderItem: (item: T) => ReactNode
}

/** A cursor-paged list as a page shows it: loading, error (重试), empty, the items, then the ListFooter. */
export default function CursorListView<T>({ list, onRetry, onMore, empty, className, testId, moreTestId, renderItem }: Props<T>) {
  return (
    <>
      {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
      {list.phase === 'error' ? <PageError error={list.error} onRetry={onRetry} /> : null}
      {list.phase === 'ready' && list.items.length === 0 ? <PageEmpty title={empty.title} description={empty.description} /> : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <View className={className} data-testid={testId}>
          {list.items.map(renderItem)}
        </View>
      ) : null}
      <ListFooter list={list} onMore={onMore} testId={moreTestId} />
    </>
  )
}
