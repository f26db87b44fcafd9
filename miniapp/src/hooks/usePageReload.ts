import { useEffect, useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'

/**
 * A page's data: `load()` when it opens (and whenever `load` changes),
 * `load(true)` (quietly, keeping what is shown) when the page shows again —
 * back from another page — and on pull-down refresh. Pass a `useCallback`.
 */
export function usePageReload(load: (quiet?: boolean) => Promise<void>): void {
  const firstShow = useRef(true)
  useEffect(() => {
    void load()
  }, [load])
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void load(true)
  })
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh())
  })
}
