import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CursorList } from '../../hooks/useCursorLists'
import './index.scss'

interface Props {
  list: CursorList<unknown>
  onMore: () => void
  /** On the 加载更多 button. */
  testId?: string
}

/** Under a cursor-paged list: 加载更多 (or the error and 重试), or 没有更多了. */
export default function ListFooter({ list, onMore, testId }: Props) {
  if (list.phase !== 'ready' || list.items.length === 0) return null
  if (!list.nextCursor) return <Text className='list-footer__end'>没有更多了</Text>
  return (
    <View className='list-footer'>
      {list.moreError ? <Text className='list-footer__error'>{list.moreError}</Text> : null}
      <Button fill='outline' loading={list.loadingMore} disabled={list.loadingMore} onClick={onMore} data-testid={testId}>
        {list.moreError ? '重试' : '加载更多'}
      </Button>
    </View>
  )
}
