import type { Dispatch, SetStateAction } from 'react'
import Field from '../../../components/Field'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { pickImage } from '../../../services/media'
import { uploadFile } from '../../../services/upload'
import FaultPhotos, { MAX_PHOTOS, type PhotoItem } from './FaultPhotos'

function uploadMessage(err: unknown): string {
  if (isApiError(err) && (err.code === 'VALIDATION_FAILED' || err.code === 'UNSUPPORTED_MEDIA_TYPE')) return '格式不支持'
  if (isApiError(err) && err.code === 'PAYLOAD_TOO_LARGE') return '照片太大'
  return '上传失败'
}

interface Props {
  /** Owned by the page: it drafts the uploaded ids and submits them. */
  photos: PhotoItem[]
  setPhotos: Dispatch<SetStateAction<PhotoItem[]>>
  error?: string
  /** Picking failed (no permission, cancelled by the system…): shown as the field's error. */
  onPickError: (message: string) => void
  clearError: (key: string) => void
  /** Asks for fault_media consent; force re-asks even if the session thinks it is granted. */
  ensureConsent: (force: boolean) => Promise<boolean>
}

/**
 * The fault photos field: pick, upload each right away (so submit only sends ids), retry or remove.
 * Upload state is per photo, updated functionally because several uploads finish out of order.
 */
export default function PhotosField({ photos, setPhotos, error, onPickError, clearError, ensureConsent }: Props) {
  const uploadPhoto = async (key: string, path: string, retriedConsent = false): Promise<void> => {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, state: 'uploading', message: undefined } : p)))
    try {
      const stored = await uploadFile(path, 'ticket_photo')
      setPhotos((list) => list.map((p) => (p.key === key ? { ...p, state: 'done', fileId: stored.id } : p)))
    } catch (err) {
      // No fault_media consent on record (withdrawn elsewhere): ask again, once.
      if (isApiError(err) && err.code === 'CONSENT_REQUIRED' && !retriedConsent && (await ensureConsent(true))) {
        return uploadPhoto(key, path, true)
      }
      setPhotos((list) => list.map((p) => (p.key === key ? { ...p, state: 'failed', message: uploadMessage(err) } : p)))
    }
  }

  const addPhoto = async () => {
    if (photos.length >= MAX_PHOTOS) return
    if (!(await ensureConsent(false))) return
    let picked
    try {
      picked = await pickImage()
    } catch (err) {
      onPickError(messageOf(err))
      return
    }
    if (!picked) return
    const key = `${picked.path}#${Date.now()}`
    setPhotos((list) => [...list, { key, preview: picked.path, state: 'uploading' }])
    clearError('photoFileIds')
    await uploadPhoto(key, picked.path)
  }

  const retryPhoto = (key: string) => {
    const item = photos.find((p) => p.key === key)
    if (item?.preview) void uploadPhoto(key, item.preview)
  }

  return (
    <Field label={`故障照片（最多 ${MAX_PHOTOS} 张）`} error={error} testId='report-photos-field'>
      <FaultPhotos items={photos} onAdd={() => void addPhoto()} onRemove={(key) => setPhotos((list) => list.filter((p) => p.key !== key))} onRetry={retryPhoto} />
    </Field>
  )
}
