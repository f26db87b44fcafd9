import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { pickImage } from '../../../services/media'
import { previewImage } from '../../../services/preview'
import { uploadFile } from '../../../services/upload'

export interface BadgeValue {
  fileId: string
  /** Local path / blob URL of the picked photo, for the preview. */
  preview: string
}

interface Props {
  value: BadgeValue | null
  onChange: (value: BadgeValue | null) => void
  onBusyChange: (busy: boolean) => void
  /** Resolves true once `badge_photo` is granted; `force` asks even if the local state says granted. */
  ensureConsent: (force?: boolean) => Promise<boolean>
  hint?: string
}

type Upload = { kind: 'idle' } | { kind: 'uploading'; preview: string } | { kind: 'failed'; preview: string; message: string }

function uploadMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'VALIDATION_FAILED') return '无法识别该图片，请选择 JPG 或 PNG 格式的照片'
  if (isApiError(err) && err.code === 'UNSUPPORTED_MEDIA_TYPE') return '请选择 JPG 或 PNG 格式的照片'
  if (isApiError(err) && err.code === 'PAYLOAD_TOO_LARGE') return '照片太大，请压缩后重试或换一张'
  return messageOf(err)
}

/** Badge or licence photo: consent first, then camera/album, upload at once, preview and re-pick. */
export default function BadgePhoto({ value, onChange, onBusyChange, ensureConsent, hint }: Props) {
  const [upload, setUpload] = useState<Upload>({ kind: 'idle' })

  const send = async (preview: string, retriedConsent = false): Promise<void> => {
    setUpload({ kind: 'uploading', preview })
    onBusyChange(true)
    try {
      const stored = await uploadFile(preview, 'badge')
      setUpload({ kind: 'idle' })
      onChange({ fileId: stored.id, preview })
    } catch (err) {
      // The server has no badge_photo consent on record (withdrawn elsewhere): ask again, once.
      if (isApiError(err) && err.code === 'CONSENT_REQUIRED' && !retriedConsent) {
        onBusyChange(false)
        if (await ensureConsent(true)) return send(preview, true)
        setUpload({ kind: 'failed', preview, message: '需要您同意使用工牌照片后才能上传' })
        return
      }
      setUpload({ kind: 'failed', preview, message: uploadMessage(err) })
    } finally {
      onBusyChange(false)
    }
  }

  const pick = async () => {
    if (upload.kind === 'uploading') return
    if (!(await ensureConsent())) return
    let picked
    try {
      picked = await pickImage()
    } catch (err) {
      setUpload({ kind: 'failed', preview: '', message: messageOf(err) })
      return
    }
    if (!picked) return
    await send(picked.path)
  }

  const preview = upload.kind === 'idle' ? value?.preview : upload.preview
  const enlarge = () => {
    if (preview) previewImage(preview)
  }

  return (
    <View className='badge-photo' data-testid='reg-badge'>
      {preview ? (
        <View className='badge-photo__preview'>
          <Image className='badge-photo__image' src={preview} mode='aspectFill' onClick={enlarge} data-testid='reg-badge-preview' />
          {upload.kind === 'uploading' ? (
            <View className='badge-photo__overlay'>
              <Loading direction='vertical'>上传中…</Loading>
            </View>
          ) : null}
        </View>
      ) : (
        <View className='badge-photo__empty' onClick={() => void pick()} data-testid='reg-badge-pick'>
          <Text className='badge-photo__plus'>+</Text>
          <Text className='badge-photo__label'>拍照或从相册选择</Text>
        </View>
      )}
      <View className='badge-photo__side'>
        {upload.kind === 'failed' ? (
          <Text className='badge-photo__error' data-testid='reg-badge-error'>
            {upload.message}
          </Text>
        ) : null}
        {value && upload.kind === 'idle' ? (
          <Text className='badge-photo__ok' data-testid='reg-badge-uploaded'>
            已上传，点击图片可放大查看
          </Text>
        ) : null}
        {hint && !value && upload.kind === 'idle' ? <Text className='badge-photo__hint'>{hint}</Text> : null}
        <View className='badge-photo__actions'>
          {upload.kind === 'failed' && upload.preview ? (
            <Button size='small' type='primary' onClick={() => void send(upload.preview)} data-testid='reg-badge-retry'>
              重新上传
            </Button>
          ) : null}
          {preview ? (
            <Button size='small' disabled={upload.kind === 'uploading'} onClick={() => void pick()} data-testid='reg-badge-repick'>
              重新选择
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  )
}
