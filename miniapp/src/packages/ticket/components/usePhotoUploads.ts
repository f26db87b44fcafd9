import type { Dispatch, SetStateAction } from 'react'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { pickImage } from '../../../services/media'
import { uploadFile } from '../../../services/upload'
import { MAX_PHOTOS, type PhotoItem } from './FaultPhotos'

function uploadMessage(err: unknown): string {
  if (isApiError(err) && (err.code === 'VALIDATION_FAILED' || err.code === 'UNSUPPORTED_MEDIA_TYPE')) return '格式不支持'
  if (isApiError(err) && err.code === 'PAYLOAD_TOO_LARGE') return '照片太大'
  return '上传失败'
}

interface Options {
  photos: PhotoItem[]
  setPhotos: Dispatch<SetStateAction<PhotoItem[]>>
  /** Picking failed (no permission, cancelled by the system…). */
  onPickError: (message: string) => void
  /** A photo was added: clear the field's error. */
  onAdded?: () => void
  /** Asks for fault_media consent; force re-asks even if the session thinks it is granted. */
  ensureConsent: (force: boolean) => Promise<boolean>
}

/**
 * Ticket photos (the report form, a comment): pick, upload each right away as
 * `ticket_photo` (so sending only carries ids), retry or remove. Upload state
 * is per photo, updated functionally because uploads finish out of order.
 */
export function usePhotoUploads({ photos, setPhotos, onPickError, onAdded, ensureConsent }: Options) {
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

  const add = async () => {
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
    onAdded?.()
    await uploadPhoto(key, picked.path)
  }

  const retry = (key: string) => {
    const item = photos.find((p) => p.key === key)
    if (item?.preview) void uploadPhoto(key, item.preview)
  }

  const remove = (key: string) => setPhotos((list) => list.filter((p) => p.key !== key))

  return { add, retry, remove }
}

/** Ids of the uploaded photos, in order. */
export function uploadedIds(photos: readonly PhotoItem[]): string[] {
  return photos.flatMap((p) => (p.state === 'done' && p.fileId ? [p.fileId] : []))
}
