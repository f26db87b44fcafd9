import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { DOCUMENT_CATEGORIES, DocumentWriteSchema, type DocumentCategory } from '@shared/schemas/library.schema'
import Chips from '../../../../components/Chips'
import { PageError, PageLoading, PagePrompt } from '../../../../components/PageState'
import { useLeaveWarning } from '../../../../hooks/useLeaveWarning'
import { DOCUMENT_CATEGORY_LABELS, DOCUMENT_STATUS_LABELS } from '../../../../labels/library.zh'
import { isApiError } from '../../../../services/api-error'
import { messageOf } from '../../../../services/errors.zh'
import { createIdempotencyKey } from '../../../../services/idempotency'
import {
  createDocument,
  getAdminDocument,
  libraryAssetPath,
  publishDocument,
  retireDocument,
  updateDocument,
  type AdminDocument,
  type DocumentStatus,
} from '../../../../services/library'
import { uploadFile } from '../../../../services/upload'
import { ROUTES } from '../../../../routes'
import { fieldErrorsOfServer, fieldErrorsOfZod, type FieldErrors } from '../../../../utils/form'
import { formatShanghai } from '../../../../utils/format'
import { confirmPublish, confirmRetire } from '../confirm'
import { rememberLocalAsset } from './asset-preview'
import { clearLocalDraft, readLocalDraft, saveLocalDraft, type DocForm } from './local-draft'
import '../admin.scss'

// Tiptap is loaded only when the form is shown: not in the H5 first load, never in weapp.
const RichEditor = lazy(() => import('./RichEditor'))

const MAX_ATTACHMENTS = 10
const EMPTY: DocForm = { title: '', category: 'fault_prevention', summary: '', body: '', attachments: [] }
const FALLBACK: FieldErrors = { title: '请填写标题（2–120 字）', summary: '请填写摘要（2–300 字）', body: '正文过长', attachmentIds: '附件有误' }
const CATEGORY_OPTIONS = DOCUMENT_CATEGORIES.map((key) => ({ key, label: DOCUMENT_CATEGORY_LABELS[key] }))

function formOf(doc: AdminDocument): DocForm {
  return { title: doc.title, category: doc.category, summary: doc.summary, body: doc.body, attachments: doc.attachments.map((a) => ({ id: a.id, mime: a.mime, size: a.size, url: a.url })) }
}

const snapshot = (f: DocForm) => JSON.stringify([f.title, f.category, f.summary, f.body, f.attachments.map((a) => a.id)])

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

function uploadMessage(err: unknown, what: string): string {
  if (isApiError(err) && err.code === 'PAYLOAD_TOO_LARGE') return `${what}太大（图片最大 10 MB，PDF 最大 20 MB）`
  if (isApiError(err) && (err.code === 'UNSUPPORTED_MEDIA_TYPE' || err.code === 'VALIDATION_FAILED')) return `${what}格式不支持`
  return `${what}上传失败：${messageOf(err)}`
}

/** Picks one file with a plain file input (desktop browser). */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    input.setAttribute('data-testid', 'doc-edit-file-input')
    const done = (file: File | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null))
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

type Load = { kind: 'loading' } | { kind: 'ready' } | { kind: 'not-found' } | { kind: 'error'; error: unknown }

/** The web console's document form: title, category, summary, rich text body, PDF attachments; save, 发布, 下架. */
export default function EditorPage() {
  const { params } = useRouter()
  const initialId = typeof params.id === 'string' && params.id ? decodeURIComponent(params.id) : null
  const [docId, setDocId] = useState<string | null>(initialId)
  const [load, setLoad] = useState<Load>(initialId ? { kind: 'loading' } : { kind: 'ready' })
  const [status, setStatus] = useState<DocumentStatus>('draft')
  const [updatedAt, setUpdatedAt] = useState<string | null>(null)
  const [form, setForm] = useState<DocForm>(EMPTY)
  const [saved, setSaved] = useState(snapshot(EMPTY))
  const [restore, setRestore] = useState<{ form: DocForm; savedAt: string } | null>(null)
  const [editorKey, setEditorKey] = useState(0)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState<'save' | 'publish' | 'retire' | 'attach' | null>(null)
  const createKey = useRef(createIdempotencyKey())
  const dirty = snapshot(form) !== saved
  const draftKey = docId ?? 'new'

  const fetchDoc = async (id: string) => {
    setLoad({ kind: 'loading' })
    try {
      const doc = await getAdminDocument(id)
      const loaded = formOf(doc)
      setForm(loaded)
      setSaved(snapshot(loaded))
      setStatus(doc.status)
      setUpdatedAt(doc.updatedAt)
      const local = readLocalDraft(id)
      if (local && snapshot(local.form) !== snapshot(loaded)) setRestore(local)
      setEditorKey((k) => k + 1)
      setLoad({ kind: 'ready' })
    } catch (error) {
      setLoad(isApiError(error) && (error.code === 'NOT_FOUND' || error.status === 400) ? { kind: 'not-found' } : { kind: 'error', error })
    }
  }

  useEffect(() => {
    if (initialId) void fetchDoc(initialId)
    else {
      const local = readLocalDraft('new')
      if (local && snapshot(local.form) !== snapshot(EMPTY)) setRestore(local)
    }
  }, [])

  // Unsaved work is kept in this browser, and leaving the page with it asks first.
  useEffect(() => {
    if (load.kind !== 'ready' || restore) return
    if (dirty) saveLocalDraft(draftKey, form)
    else clearLocalDraft(draftKey)
  }, [form, saved, load.kind, restore])
  useLeaveWarning(dirty)

  const change = <K extends keyof DocForm>(key: K, value: DocForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))
    setFormError(undefined)
  }

  /** Saves the form (creates the draft the first time); resolves to the document id, or null when it did not save. */
  const save = async (): Promise<string | null> => {
    const parsed = DocumentWriteSchema.safeParse({ ...form, attachmentIds: form.attachments.map((a) => a.id) })
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, FALLBACK))
      setFormError('请检查标红的项')
      return null
    }
    setErrors({})
    setFormError(undefined)
    try {
      const doc = docId ? await updateDocument(docId, parsed.data) : await createDocument(parsed.data, createKey.current)
      if (!docId) clearLocalDraft('new')
      setDocId(doc.id)
      setStatus(doc.status)
      setUpdatedAt(doc.updatedAt)
      // The server's sanitised body is what readers get; the form keeps what the admin typed (same content).
      setSaved(snapshot(form))
      clearLocalDraft(doc.id)
      return doc.id
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) {
        setErrors(fieldErrorsOfServer(err.fieldErrors, FALLBACK))
        setFormError('请检查标红的项')
      } else {
        setFormError(messageOf(err))
      }
      return null
    }
  }

  const run = async (action: 'save' | 'publish' | 'retire') => {
    if (busy) return
    setBusy(action)
    try {
      if (action === 'save') {
        if (await save()) void Taro.showToast({ title: '已保存', icon: 'success' })
        return
      }
      if (action === 'publish') {
        if (!(await confirmPublish(form.title || '未命名资料'))) return
        const id = dirty || !docId ? await save() : docId
        if (!id) return
        const doc = await publishDocument(id)
        setStatus(doc?.status ?? 'published')
        if (doc) setUpdatedAt(doc.updatedAt)
        void Taro.showToast({ title: '已发布', icon: 'success' })
        return
      }
      if (!docId || !(await confirmRetire(form.title))) return
      const doc = await retireDocument(docId)
      setStatus(doc?.status ?? 'retired')
      void Taro.showToast({ title: '已下架', icon: 'success' })
    } catch (err) {
      setFormError(messageOf(err))
    } finally {
      setBusy(null)
    }
  }

  const uploadImage = async (file: File): Promise<string> => {
    const blobUrl = URL.createObjectURL(file)
    try {
      const stored = await uploadFile(blobUrl, 'document_image')
      rememberLocalAsset(stored.id, blobUrl)
      return libraryAssetPath(stored.id)
    } catch (err) {
      URL.revokeObjectURL(blobUrl)
      throw new Error(uploadMessage(err, '图片'))
    }
  }

  const attach = async () => {
    if (busy || form.attachments.length >= MAX_ATTACHMENTS) return
    const file = await pickFile('application/pdf')
    if (!file) return
    setBusy('attach')
    const blobUrl = URL.createObjectURL(file)
    try {
      const stored = await uploadFile(blobUrl, 'document_pdf')
      change('attachments', [...form.attachments, { id: stored.id, mime: stored.mime, size: stored.size, url: libraryAssetPath(stored.id), name: file.name }])
    } catch (err) {
      setErrors((e) => ({ ...e, attachmentIds: uploadMessage(err, 'PDF ') }))
    } finally {
      URL.revokeObjectURL(blobUrl)
      setBusy(null)
    }
  }

  const back = async () => {
    if (dirty) {
      const res = await Taro.showModal({ title: '有未保存的修改', content: '修改会保留在本浏览器中，下次打开可恢复。确定离开吗？', confirmText: '离开' })
      if (!res.confirm) return
    }
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: ROUTES.libraryAdmin })
  }

  if (load.kind === 'loading') return <PageLoading rows={10} />
  if (load.kind === 'error') return <PageError error={load.error} onRetry={() => initialId && void fetchDoc(initialId)} />
  if (load.kind === 'not-found') return <PagePrompt testId='doc-edit-not-found' title='资料不存在' action={{ text: '返回资料库管理', onClick: () => void Taro.redirectTo({ url: ROUTES.libraryAdmin }) }} />

  return (
    <View className='doc-admin' data-testid='doc-edit-page' data-status={status} data-id={docId ?? ''}>
      <View className='doc-admin__inner'>
        <View className='doc-admin__toolbar'>
          <Text className='doc-admin__link' onClick={() => void back()} data-testid='doc-edit-back'>
            ‹ 资料列表
          </Text>
          <Text className='doc-admin__heading'>{docId ? '编辑资料' : '新建资料'}</Text>
          <View data-testid='doc-edit-status'>
            <Tag type={status === 'published' ? 'success' : status === 'draft' ? 'warning' : 'default'}>{DOCUMENT_STATUS_LABELS[status]}</Tag>
          </View>
          {dirty ? <Text className='doc-admin__dirty'>有未保存的修改</Text> : updatedAt ? <Text className='doc-admin__muted'>保存于 {formatShanghai(updatedAt)}</Text> : null}
        </View>

        {restore ? (
          <View className='doc-admin__restore' data-testid='doc-edit-restore'>
            <Text>本浏览器中有 {formatShanghai(restore.savedAt)} 未保存的修改。</Text>
            <Button
              size='small'
              type='primary'
              onClick={() => {
                setForm(restore.form)
                setRestore(null)
                setEditorKey((k) => k + 1)
              }}
              data-testid='doc-edit-restore-apply'
            >
              恢复修改
            </Button>
            <Button
              size='small'
              fill='outline'
              onClick={() => {
                clearLocalDraft(draftKey)
                setRestore(null)
              }}
              data-testid='doc-edit-restore-discard'
            >
              放弃
            </Button>
          </View>
        ) : null}

        <View className='doc-edit'>
          <View className='doc-edit__main'>
            <View className={`doc-edit__field${errors.title ? ' doc-edit__field--error' : ''}`}>
              <Text className='doc-edit__label'>标题</Text>
              <View className='doc-edit__box' data-testid='doc-edit-title'>
                <Input className='doc-edit__input' maxlength={120} placeholder='如：软式内镜测漏操作指南' value={form.title} onInput={(e) => change('title', e.detail.value)} />
              </View>
              {errors.title ? <Text className='doc-edit__error'>{errors.title}</Text> : null}
            </View>
            <View className={`doc-edit__field${errors.summary ? ' doc-edit__field--error' : ''}`}>
              <Text className='doc-edit__label'>摘要（列表和推荐中显示）</Text>
              <View className='doc-edit__box' data-testid='doc-edit-summary'>
                <Textarea className='doc-edit__textarea' maxlength={300} placeholder='一两句话说明这篇资料解决什么问题' value={form.summary} onInput={(e) => change('summary', e.detail.value)} />
              </View>
              {errors.summary ? <Text className='doc-edit__error'>{errors.summary}</Text> : null}
            </View>
            <View className={`doc-edit__field${errors.body ? ' doc-edit__field--error' : ''}`}>
              <Text className='doc-edit__label'>正文</Text>
              <Suspense fallback={<Text className='doc-admin__muted'>编辑器加载中…</Text>}>
                <RichEditor
                  key={editorKey}
                  initialHtml={form.body}
                  onChange={(html) => change('body', html)}
                  uploadImage={uploadImage}
                  onError={(message) => setErrors((e) => ({ ...e, body: message }))}
                  disabled={busy === 'save' || busy === 'publish'}
                />
              </Suspense>
              {errors.body ? <Text className='doc-edit__error'>{errors.body}</Text> : null}
              <Text className='doc-admin__muted'>支持标题、加粗、列表、引用、网址链接和图片；其他格式（颜色、字号等）保存时会被去除。</Text>
            </View>
          </View>

          <View className='doc-edit__side'>
            <View className='doc-edit__field'>
              <Text className='doc-edit__label'>分类</Text>
              <Chips options={CATEGORY_OPTIONS} selected={[form.category]} onToggle={(k) => change('category', k as DocumentCategory)} testId='doc-edit-category' optionTestId='doc-edit-category-option' />
            </View>
            <View className={`doc-edit__field${errors.attachmentIds ? ' doc-edit__field--error' : ''}`} data-testid='doc-edit-attachments'>
              <Text className='doc-edit__label'>
                PDF 附件（{form.attachments.length}/{MAX_ATTACHMENTS}）
              </Text>
              {form.attachments.map((a, i) => (
                <View key={a.id} className='doc-edit__attachment' data-testid='doc-edit-attachment' data-id={a.id}>
                  <Text className='doc-edit__attachment-name'>{a.name ?? `附件 ${i + 1}`}（{size(a.size)}）</Text>
                  <Text className='doc-admin__link' onClick={() => change('attachments', form.attachments.filter((x) => x.id !== a.id))} data-testid='doc-edit-attachment-remove'>
                    移除
                  </Text>
                </View>
              ))}
              <Button size='small' fill='outline' loading={busy === 'attach'} disabled={Boolean(busy) || form.attachments.length >= MAX_ATTACHMENTS} onClick={() => void attach()} data-testid='doc-edit-attachment-add'>
                上传 PDF
              </Button>
              {errors.attachmentIds ? <Text className='doc-edit__error'>{errors.attachmentIds}</Text> : null}
            </View>
            {formError ? (
              <Text className='doc-edit__form-error' data-testid='doc-edit-error'>
                {formError}
              </Text>
            ) : null}
            <View className='doc-edit__actions'>
              <Button block type='primary' fill='outline' loading={busy === 'save'} disabled={Boolean(busy)} onClick={() => void run('save')} data-testid='doc-edit-save'>
                {docId ? '保存' : '保存草稿'}
              </Button>
              {status !== 'published' ? (
                <Button block type='primary' loading={busy === 'publish'} disabled={Boolean(busy)} onClick={() => void run('publish')} data-testid='doc-edit-publish'>
                  {dirty ? '保存并发布' : '发布'}
                </Button>
              ) : (
                <Button block type='danger' fill='outline' loading={busy === 'retire'} disabled={Boolean(busy)} onClick={() => void run('retire')} data-testid='doc-edit-retire'>
                  下架
                </Button>
              )}
              {status === 'published' && dirty ? <Text className='doc-admin__muted'>已发布的资料保存后，读者立即看到新内容。</Text> : null}
            </View>
          </View>
        </View>
      </View>
    </View>
  )
}
