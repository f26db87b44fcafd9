import type { Dispatch, SetStateAction } from 'react'
import Field from '../../../components/Field'
import FaultPhotos, { MAX_PHOTOS, type PhotoItem } from './FaultPhotos'
import { usePhotoUploads } from './usePhotoUploads'

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

/** The report form's fault photos field: uploaded as picked; retry or remove each. */
export default function PhotosField({ photos, setPhotos, error, onPickError, clearError, ensureConsent }: Props) {
  const uploads = usePhotoUploads({ photos, setPhotos, onPickError, onAdded: () => clearError('photoFileIds'), ensureConsent })
  return (
    <Field label={`故障照片（最多 ${MAX_PHOTOS} 张）`} error={error} testId='report-photos-field'>
      <FaultPhotos items={photos} onAdd={() => void uploads.add()} onRemove={uploads.remove} onRetry={uploads.retry} />
    </Field>
  )
}
