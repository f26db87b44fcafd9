import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CommentCreateSchema, type CommentView } from '@shared/schemas/ticket-workflow.schema'
import { usePurposeConsent } from '../../../components/PurposeConsent'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { addComment } from '../../../services/ticket-comments'
import FaultPhotos, { type PhotoItem } from './FaultPhotos'
import { readCommentDraft, saveCommentDraft } from './comment-draft'
import { uploadedIds, usePhotoUploads } from './usePhotoUploads'

const FALLBACK = { body: '请填写内容或添加照片', fileIds: '照片有误，请删除后重新上传' }
const MEDIA_REASON = '在留言中附上照片，便于说明设备情况。'
const BODY_MAX = 2000

interface Props {
  userId: string
  ticketId: string
  onSent: (comment: CommentView) => void
}

/** Text and up to nine photos. The text stays when sending fails, and as a draft when the page is left. */
export default function CommentComposer({ userId, ticketId, onSent }: Props) {
  const [restored] = useState(() => readCommentDraft(userId, ticketId))
  const [body, setBody] = useState(restored?.body ?? '')
  const [photos, setPhotos] = useState<PhotoItem[]>(() => (restored?.fileIds ?? []).map((id) => ({ key: id, fileId: id, state: 'done' })))
  const [pickError, setPickError] = useState<string>()
  const form = useFormSubmit(FALLBACK)
  const { ensure, dialog } = usePurposeConsent()
  const uploads = usePhotoUploads({
    photos,
    setPhotos,
    onPickError: setPickError,
    onAdded: () => {
      setPickError(undefined)
      form.clearError('fileIds')
      form.clearError('body')
    },
    ensureConsent: (force) => ensure('fault_media', MEDIA_REASON, force ? { force: true } : undefined),
  })
  const uploading = photos.some((p) => p.state === 'uploading')

  useEffect(() => saveCommentDraft(userId, ticketId, body, uploadedIds(photos)), [body, photos])

  const send = async () => {
    if (uploading || form.submitting) return
    if (photos.some((p) => p.state === 'failed')) {
      form.setErrors({ fileIds: '有照片未上传成功，请点击重试或删除' })
      return
    }
    await form.submit(CommentCreateSchema, { body, fileIds: uploadedIds(photos) }, async (valid, key) => {
      const comment = await addComment(ticketId, valid, key)
      setBody('')
      setPhotos([])
      onSent(comment)
    })
  }

  const fieldError = form.errors.body ?? form.errors.fileIds ?? pickError
  return (
    <View className='comment-composer' data-testid='comment-composer'>
      <View className={`ticket-actions__field${form.errors.body ? ' ticket-actions__field--error' : ''}`} data-testid='comment-body'>
        <Textarea
          className='ticket-actions__textarea ticket-actions__textarea--short'
          placeholder='留言给处理此工单的人员，如：设备已送至维修间'
          maxlength={BODY_MAX}
          disabled={form.submitting}
          value={body}
          onInput={(e) => {
            setBody(e.detail.value)
            form.clearError('body')
            form.setFormError(undefined)
          }}
        />
      </View>
      <FaultPhotos items={photos} testIdPrefix='comment' disabled={form.submitting} onAdd={() => void uploads.add()} onRemove={uploads.remove} onRetry={uploads.retry} />
      {fieldError || form.formError ? (
        <Text className='ticket-actions__error' data-testid='comment-error'>
          {fieldError ?? form.formError}
        </Text>
      ) : null}
      <Button block type='primary' loading={form.submitting} disabled={form.submitting || uploading} onClick={() => void send()} data-testid='comment-send'>
        {uploading ? '照片上传中…' : form.submitting ? '发送中…' : '发送留言'}
      </Button>
      {dialog}
    </View>
  )
}
