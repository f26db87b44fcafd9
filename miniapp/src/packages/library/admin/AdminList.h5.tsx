import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import Chips from '../../../components/Chips'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import { DOCUMENT_CATEGORY_LABELS, DOCUMENT_STATUS_LABELS } from '../../../labels/library.zh'
import { messageOf } from '../../../services/errors.zh'
import { listAdminDocuments, publishDocument, retireDocument, type AdminDocumentRow, type DocumentStatus } from '../../../services/library'
import { ROUTES } from '../../../routes'
import { formatShanghai } from '../../../utils/format'
import { confirmPublish, confirmRetire } from './confirm'
import './admin.scss'

type Filter = DocumentStatus | 'any'
type State = { kind: 'loading' } | { kind: 'ready'; items: AdminDocumentRow[] } | { kind: 'error'; error: unknown }

const FILTERS = [
  { key: 'any', label: '全部' },
  { key: 'draft', label: DOCUMENT_STATUS_LABELS.draft },
  { key: 'published', label: DOCUMENT_STATUS_LABELS.published },
  { key: 'retired', label: DOCUMENT_STATUS_LABELS.retired },
]

const STATUS_TAG: Record<DocumentStatus, 'default' | 'success' | 'warning'> = { draft: 'warning', published: 'success', retired: 'default' }

const editUrl = (id?: string) => (id ? `${ROUTES.libraryAdminEdit}?id=${encodeURIComponent(id)}` : ROUTES.libraryAdminEdit)

/** The web console's document list: filter by status and words, open the editor, publish or retire (confirmed). */
export default function AdminList() {
  const [filter, setFilter] = useState<Filter>('any')
  const [input, setInput] = useState('')
  const [q, setQ] = useState('')
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [busy, setBusy] = useState<string | null>(null)
  const latest = useRef(0)
  const firstShow = useRef(true)

  const load = useCallback(
    async (quiet = false) => {
      const call = ++latest.current
      if (!quiet) setState({ kind: 'loading' })
      try {
        const items = await listAdminDocuments({ status: filter === 'any' ? undefined : filter, q })
        if (call === latest.current) setState({ kind: 'ready', items })
      } catch (error) {
        if (call === latest.current) setState({ kind: 'error', error })
      }
    },
    [filter, q],
  )

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), 400)
    return () => clearTimeout(timer)
  }, [input])
  // Back from the editor: titles and statuses may have changed.
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void load(true)
  })

  const act = async (row: AdminDocumentRow, action: 'publish' | 'retire') => {
    if (busy) return
    if (!(action === 'publish' ? await confirmPublish(row.title) : await confirmRetire(row.title))) return
    setBusy(row.id)
    try {
      await (action === 'publish' ? publishDocument(row.id) : retireDocument(row.id))
      void Taro.showToast({ title: action === 'publish' ? '已发布' : '已下架', icon: 'success' })
      await load(true)
    } catch (err) {
      void Taro.showToast({ title: messageOf(err), icon: 'none', duration: 3000 })
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='doc-admin' data-testid='doc-admin-page'>
      <View className='doc-admin__inner'>
        <View className='doc-admin__toolbar'>
          <Text className='doc-admin__heading'>资料库管理</Text>
          <View className='doc-admin__grow' />
          <Button fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.libraryAdminStats })} data-testid='doc-admin-stats'>
            阅读统计
          </Button>
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: editUrl() })} data-testid='doc-admin-new'>
            新建资料
          </Button>
        </View>
        <View className='doc-admin__filters'>
          <Chips options={FILTERS} selected={[filter]} onToggle={(k) => setFilter((FILTERS.find((f) => f.key === k)?.key ?? 'any') as Filter)} testId='doc-admin-status' optionTestId='doc-admin-status-option' />
          <View className='doc-admin__search' data-testid='doc-admin-search'>
            <Input className='doc-admin__search-input' placeholder='按标题或摘要搜索' value={input} onInput={(e) => setInput(e.detail.value)} />
          </View>
        </View>

        {state.kind === 'loading' ? <PageLoading rows={6} /> : null}
        {state.kind === 'error' ? <PageError error={state.error} onRetry={() => void load()} /> : null}
        {state.kind === 'ready' && state.items.length === 0 ? (
          <PageEmpty title={q || filter !== 'any' ? '没有符合条件的资料' : '还没有资料'} description='点击“新建资料”撰写第一篇指南' />
        ) : null}
        {state.kind === 'ready' && state.items.length > 0 ? (
          <View className='doc-table-wrap'>
            <table className='doc-table' data-testid='doc-admin-list'>
              <thead>
                <tr>
                  <th>标题</th>
                  <th className='doc-table__narrow'>分类</th>
                  <th className='doc-table__narrow'>状态</th>
                  <th className='doc-table__narrow'>更新时间</th>
                  <th className='doc-table__actions'>操作</th>
                </tr>
              </thead>
              <tbody>
                {state.items.map((row) => (
                  <tr key={row.id} data-testid='doc-admin-row' data-id={row.id} data-status={row.status}>
                    <td>
                      <Text className='doc-table__title' onClick={() => void Taro.navigateTo({ url: editUrl(row.id) })}>
                        {row.title}
                      </Text>
                      <Text className='doc-table__summary'>{row.summary}</Text>
                    </td>
                    <td className='doc-table__narrow'>{DOCUMENT_CATEGORY_LABELS[row.category]}</td>
                    <td className='doc-table__narrow'>
                      <View className='doc-table__tag'>
                        <Tag type={STATUS_TAG[row.status]}>{DOCUMENT_STATUS_LABELS[row.status]}</Tag>
                      </View>
                    </td>
                    <td className='doc-table__narrow'>{formatShanghai(row.updatedAt ?? row.publishedAt)}</td>
                    <td className='doc-table__actions'>
                      <Button size='small' fill='outline' onClick={() => void Taro.navigateTo({ url: editUrl(row.id) })} data-testid='doc-admin-edit'>
                        编辑
                      </Button>
                      {row.status === 'published' ? (
                        <Button size='small' fill='outline' type='danger' loading={busy === row.id} disabled={Boolean(busy)} onClick={() => void act(row, 'retire')} data-testid='doc-admin-retire'>
                          下架
                        </Button>
                      ) : (
                        <Button size='small' type='primary' loading={busy === row.id} disabled={Boolean(busy)} onClick={() => void act(row, 'publish')} data-testid='doc-admin-publish'>
                          {row.status === 'retired' ? '重新发布' : '发布'}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </View>
        ) : null}
      </View>
    </View>
  )
}
