import { useEffect, useReducer, useRef } from 'react'
import { Editor } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import StarterKit from '@tiptap/starter-kit'
import { libraryAssetId } from '../../../../services/library'
import { assetPreviewUrl } from './asset-preview'

// H5 only: loaded lazily by EditorPage.h5.tsx, so neither the weapp build nor the H5 first load carries it.

export interface RichEditorProps {
  /** The HTML to start from (read once, when the editor is made). */
  initialHtml: string
  onChange: (html: string) => void
  /** Uploads a picked image (document_image); resolves to the library asset path to put in `src`. */
  uploadImage: (file: File) => Promise<string>
  /** Shown under the editor when an upload fails. */
  onError: (message: string) => void
  disabled?: boolean
}

/**
 * Our images show from the session-authenticated copy while editing (a
 * draft's files are not public yet); the stored HTML keeps the plain
 * `/api/v1/library-assets/<id>` URL the server's sanitiser accepts.
 */
const LibraryImage = Image.extend({
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img')
      const src = String(node.attrs.src ?? '')
      img.alt = String(node.attrs.alt ?? '')
      img.className = 'rich-editor__img'
      const id = libraryAssetId(src)
      if (id) {
        img.src = ''
        assetPreviewUrl(id, src).then((url) => (img.src = url))
      } else {
        img.src = src
      }
      return { dom: img }
    }
  },
}).configure({ inline: false, allowBase64: false })

type Tool = { key: string; label: string; title: string; run: (e: Editor) => void; active?: (e: Editor) => boolean }

const TOOLS: Tool[] = [
  { key: 'paragraph', label: '正文', title: '正文段落', run: (e) => e.chain().focus().setParagraph().run(), active: (e) => e.isActive('paragraph') },
  { key: 'h2', label: '标题', title: '标题（二级）', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
  { key: 'h3', label: '小标题', title: '小标题（三级）', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
  { key: 'bold', label: '加粗', title: '加粗 (Ctrl+B)', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { key: 'italic', label: '斜体', title: '斜体 (Ctrl+I)', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  { key: 'bullet', label: '• 列表', title: '无序列表', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  { key: 'ordered', label: '1. 列表', title: '有序列表（步骤）', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  { key: 'quote', label: '引用', title: '引用 / 提示', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
]

/** Links go to the web only (the sanitiser drops others); an empty answer removes the link. */
function editLink(editor: Editor): void {
  const current = String(editor.getAttributes('link').href ?? '')
  const answer = window.prompt('链接地址（以 http:// 或 https:// 开头，留空则取消链接）', current || 'https://')
  if (answer === null) return
  const href = answer.trim()
  if (!href || href === 'https://') {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    return
  }
  if (!/^https?:\/\//i.test(href)) {
    window.alert('请输入以 http:// 或 https:// 开头的网址')
    return
  }
  editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
}

/** A Tiptap (ProseMirror) editor with a toolbar limited to what the reader can show: headings, bold, italic, lists, quotes, links, images. */
export default function RichEditor({ initialHtml, onChange, uploadImage, onError, disabled }: RichEditorProps) {
  const host = useRef<HTMLDivElement | null>(null)
  const editorRef = useRef<Editor | null>(null)
  const fileInput = useRef<HTMLInputElement | null>(null)
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const changeRef = useRef(onChange)
  changeRef.current = onChange

  useEffect(() => {
    if (!host.current) return
    const editor = new Editor({
      element: host.current,
      extensions: [
        StarterKit.configure({
          heading: { levels: [2, 3] },
          code: false,
          codeBlock: false,
          strike: false,
          underline: false,
          horizontalRule: false,
          link: { openOnClick: false, autolink: true, protocols: ['http', 'https'], defaultProtocol: 'https' },
        }),
        LibraryImage,
      ],
      content: initialHtml || '<p></p>',
      editorProps: { attributes: { class: 'rich-editor__content', 'data-testid': 'doc-edit-body-input', 'aria-label': '正文' } },
      onUpdate: ({ editor: e }) => changeRef.current(e.isEmpty ? '' : e.getHTML()),
      onTransaction: () => rerender(),
    })
    editorRef.current = editor
    return () => {
      editor.destroy()
      editorRef.current = null
    }
  }, [])

  useEffect(() => {
    editorRef.current?.setEditable(!disabled)
  }, [disabled])

  const pickImage = async (file: File | undefined) => {
    const editor = editorRef.current
    if (!file || !editor) return
    try {
      const src = await uploadImage(file)
      editor.chain().focus().setImage({ src, alt: file.name.replace(/\.[^.]+$/, '') }).run()
    } catch (err) {
      onError(err instanceof Error && err.message ? err.message : '图片上传失败，请重试')
    }
  }

  const editor = editorRef.current
  return (
    <div className='rich-editor' data-testid='doc-edit-body'>
      <div className='rich-editor__toolbar' role='toolbar' aria-label='格式'>
        {TOOLS.map((t) => (
          <button
            key={t.key}
            type='button'
            title={t.title}
            disabled={!editor || disabled}
            className={`rich-editor__tool${editor && t.active?.(editor) ? ' rich-editor__tool--active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => editor && t.run(editor)}
            data-testid={`doc-edit-tool-${t.key}`}
          >
            {t.label}
          </button>
        ))}
        <button
          type='button'
          title='插入或修改链接'
          disabled={!editor || disabled}
          className={`rich-editor__tool${editor?.isActive('link') ? ' rich-editor__tool--active' : ''}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor && editLink(editor)}
          data-testid='doc-edit-tool-link'
        >
          链接
        </button>
        <button type='button' title='插入图片' disabled={!editor || disabled} className='rich-editor__tool' onClick={() => fileInput.current?.click()} data-testid='doc-edit-tool-image'>
          图片
        </button>
        <span className='rich-editor__sep' />
        <button type='button' title='撤销 (Ctrl+Z)' disabled={!editor?.can().undo() || disabled} className='rich-editor__tool' onMouseDown={(e) => e.preventDefault()} onClick={() => editor?.chain().focus().undo().run()} data-testid='doc-edit-tool-undo'>
          撤销
        </button>
        <button type='button' title='重做 (Ctrl+Shift+Z)' disabled={!editor?.can().redo() || disabled} className='rich-editor__tool' onMouseDown={(e) => e.preventDefault()} onClick={() => editor?.chain().focus().redo().run()} data-testid='doc-edit-tool-redo'>
          重做
        </button>
        <input
          ref={fileInput}
          type='file'
          accept='image/jpeg,image/png,image/webp'
          style={{ display: 'none' }}
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            void pickImage(file)
          }}
          data-testid='doc-edit-image-input'
        />
      </div>
      <div ref={host} className='rich-editor__host' />
    </div>
  )
}
