import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { RichText, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PageError, PageLoading, PagePrompt } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { DOCUMENT_CATEGORY_LABELS } from '../../../labels/library.zh'
import { isApiError } from '../../../services/api-error'
import { openAttachment } from '../../../services/attachment'
import { getDocument, type DocumentRead } from '../../../services/library'
import { prepareBody } from '../../../services/library-html'
import { startReadingTracker, type ReadingTracker } from '../../../services/reading'
import { ROUTES } from '../../../routes'
import { formatShanghai } from '../../../utils/format'
import '../library.scss'

type State = { kind: 'loading' } | { kind: 'ready'; doc: DocumentRead; html: string } | { kind: 'not-found' } | { kind: 'error'; error: unknown }

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

function Attachment({ a, index }: { a: DocumentRead['attachments'][number]; index: number }) {
  const [busy, setBusy] = useState(false)
  const open = async () => {
    if (busy) return
    setBusy(true)
    try {
      await openAttachment(a.url, a.mime)
    } catch {
      void Taro.showToast({ title: '附件打开失败，请稍后重试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='doc-attachment' data-testid='doc-attachment' data-id={a.id}>
      <Text className='doc-attachment__name'>
        附件 {index + 1}（{a.mime === 'application/pdf' ? 'PDF' : '文件'}，{size(a.size)}）
      </Text>
      <Button size='small' fill='outline' type='primary' loading={busy} onClick={() => void open()} data-testid='doc-attachment-open'>
        打开
      </Button>
    </View>
  )
}

function Reader({ id }: { id: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const tracker = useRef<ReadingTracker | null>(null)

  const load = async () => {
    setState({ kind: 'loading' })
    try {
      const doc = await getDocument(id)
      setState({ kind: 'ready', doc, html: prepareBody(doc.body) })
      tracker.current?.stop()
      tracker.current = startReadingTracker({ documentId: doc.id, viewId: doc.viewId })
    } catch (error) {
      const missing = isApiError(error) && (error.code === 'NOT_FOUND' || (error.status === 400 && error.code === 'VALIDATION_FAILED'))
      setState(missing ? { kind: 'not-found' } : { kind: 'error', error })
    }
  }

  useEffect(() => {
    void load()
    // Leaving the page reports the final reading time.
    return () => tracker.current?.stop()
  }, [id])
  useDidHide(() => tracker.current?.pause())
  useDidShow(() => tracker.current?.resume())

  if (state.kind === 'loading') return <PageLoading rows={10} />
  if (state.kind === 'error') return <PageError error={state.error} onRetry={() => void load()} />
  if (state.kind === 'not-found') {
    return (
      <PagePrompt
        testId='doc-not-found'
        title='资料不存在或已下架'
        action={{ text: '返回资料库', onClick: () => void Taro.redirectTo({ url: ROUTES.library }) }}
      />
    )
  }
  const { doc, html } = state
  return (
    <View className='doc-reader__body' data-testid='doc-reader' data-id={doc.id}>
      <Text className='doc-reader__title' data-testid='doc-title'>
        {doc.title}
      </Text>
      <Text className='doc-reader__meta'>
        {DOCUMENT_CATEGORY_LABELS[doc.category]}
        {doc.publishedAt ? ` · ${formatShanghai(doc.publishedAt).slice(0, 10)}` : ''}
      </Text>
      {doc.summary ? <Text className='doc-reader__summary'>{doc.summary}</Text> : null}
      <View className='doc-reader__content' data-testid='doc-body'>
        <RichText nodes={html} userSelect />
      </View>
      {doc.attachments.length > 0 ? (
        <View className='doc-reader__attachments' data-testid='doc-attachments'>
          <Text className='doc-reader__section'>附件</Text>
          {doc.attachments.map((a, i) => (
            <Attachment key={a.id} a={a} index={i} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** One document: the sanitised body as rich text, its attachments, and how long it is read (reported every 15 s and on leaving). */
export default function DocumentReader() {
  const { params } = useRouter()
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : ''
  return (
    <SessionGate className='doc-reader page-narrow' permission='library.read' rows={10}>
      {() => <View className='doc-reader page-narrow'>{id ? <Reader id={id} /> : <PagePrompt testId='doc-not-found' title='资料不存在或已下架' />}</View>}
    </SessionGate>
  )
}
