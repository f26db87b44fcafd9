import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { DOCUMENT_CATEGORIES, type DocumentCategory } from '@shared/schemas/library.schema'
import type { Me } from '@shared/schemas/me.schema'
import CursorListView from '../../components/CursorListView'
import QueueTabs from '../../components/QueueTabs'
import SessionGate from '../../components/SessionGate'
import { useCursorLists } from '../../hooks/useCursorLists'
import { DOCUMENT_CATEGORY_LABELS } from '../../labels/library.zh'
import { listDocuments, type DocumentSummary } from '../../services/library'
import { documentUrl, ROUTES } from '../../routes'
import DocumentCard from './components/DocumentCard'
import './library.scss'

const TABS = DOCUMENT_CATEGORIES.map((key) => ({ key, label: DOCUMENT_CATEGORY_LABELS[key] }))

/** A list per category (`c:reprocessing`) or per search (`q:测漏`, across all categories). */
function fetchByKey(key: string, cursor?: string) {
  if (key.startsWith('q:')) return listDocuments({ q: key.slice(2), cursor })
  const category = DOCUMENT_CATEGORIES.find((c) => `c:${c}` === key)
  return listDocuments({ category, cursor })
}

function Library({ me }: { me: Me }) {
  const [tab, setTab] = useState<DocumentCategory>('fault_prevention')
  const [input, setInput] = useState('')
  const [query, setQuery] = useState('')
  const lists = useCursorLists<DocumentSummary>(fetchByKey, (d) => d.id)
  const key = query ? `q:${query}` : `c:${tab}`
  const list = lists.get(key)
  const firstShow = useRef(true)

  useEffect(() => {
    if (lists.get(key).phase === 'idle') void lists.load(key)
  }, [key, list.phase])

  // Searching as one types, once typing settles.
  useEffect(() => {
    const q = input.trim()
    if (q === query) return
    const timer = setTimeout(() => setQuery(q), 400)
    return () => clearTimeout(timer)
  }, [input])

  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void lists.load(key, { quiet: true })
  })
  usePullDownRefresh(() => {
    lists.reset(key)
    void lists.load(key, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void lists.loadMore(key))

  const search = () => setQuery(input.trim())
  const clear = () => {
    setInput('')
    setQuery('')
  }

  return (
    <View className='library page-narrow' data-testid='library-page'>
      <View className='library__bar'>
        <View className='library__search'>
          <View className='library__search-field' data-testid='library-search'>
            <Input className='library__search-input' type='text' confirmType='search' placeholder='搜索资料，如：测漏、吸引不畅' value={input} onInput={(e) => setInput(e.detail.value)} onConfirm={search} />
          </View>
          {input ? (
            <Text className='library__search-clear' onClick={clear} data-testid='library-search-clear'>
              清除
            </Text>
          ) : null}
        </View>
        {query ? (
          <Text className='library__searching' data-testid='library-searching'>
            在全部分类中搜索“{query}”
          </Text>
        ) : (
          <QueueTabs tabs={TABS} active={tab} onChange={(t) => setTab(t)} testId='library-tabs' tabTestIdPrefix='library-tab-' />
        )}
      </View>
      {me.permissions.includes('library.write') ? (
        <View className='library__admin'>
          <Button size='small' fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.libraryAdmin })} data-testid='library-admin'>
            管理资料
          </Button>
        </View>
      ) : null}
      <View className='library__content'>
        <CursorListView
          list={list}
          onRetry={() => void lists.load(key)}
          onMore={() => void lists.loadMore(key)}
          empty={query ? { title: '没有找到相关资料', description: '换个关键词试试，或在首页“在线咨询”直接提问' } : { title: '该分类暂无资料', description: '新资料发布后会显示在这里' }}
          className='library__list'
          testId='library-list'
          moreTestId='library-load-more'
          renderItem={(d) => <DocumentCard key={d.id} doc={d} showCategory={Boolean(query)} onOpen={() => void Taro.navigateTo({ url: documentUrl(d.id) })} />}
        />
      </View>
    </View>
  )
}

/** 资料库: guides by category (故障预防 / 安全使用 / 清洗消毒) and search; tap one to read it. */
export default function LibraryHome() {
  return (
    <SessionGate className='library page-narrow' permission='library.read' denied={{ title: '暂不能查看资料库', description: '注册审核通过后即可阅读' }}>
      {(me) => <Library me={me} />}
    </SessionGate>
  )
}
