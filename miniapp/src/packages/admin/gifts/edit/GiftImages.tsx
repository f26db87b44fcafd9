import type { Dispatch, SetStateAction } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { MAX_GIFT_IMAGES } from '@shared/schemas/gifts.schema'
import { giftImageSrc } from '../../../../services/admin-gifts'
import { isApiError } from '../../../../services/api-error'
import { messageOf } from '../../../../services/errors.zh'
import { pickImage } from '../../../../services/media'
import { previewImage } from '../../../../services/preview'
import { uploadFile } from '../../../../services/upload'
import type { GiftImageItem } from './form'

function uploadMessage(err: unknown): string {
  if (isApiError(err) && err.code === 'PAYLOAD_TOO_LARGE') return '图片太大'
  if (isApiError(err) && (err.code === 'UNSUPPORTED_MEDIA_TYPE' || err.code === 'VALIDATION_FAILED')) return '格式不支持'
  return '上传失败'
}

interface Props {
  images: GiftImageItem[]
  setImages: Dispatch<SetStateAction<GiftImageItem[]>>
  disabled?: boolean
  /** Picking failed (permission, the system): shown by the page. */
  onPickError: (message: string) => void
  /** An image was added or removed: clear the field's error. */
  onChanged: () => void
}

/**
 * Up to six images, the first is the cover. Each is uploaded as `gift_image`
 * right after picking (saving then only sends ids); a failed one can be
 * retried or removed.
 */
export default function GiftImages({ images, setImages, disabled, onPickError, onChanged }: Props) {
  const upload = async (key: string, path: string) => {
    setImages((list) => list.map((i) => (i.key === key ? { ...i, state: 'uploading', message: undefined } : i)))
    try {
      const stored = await uploadFile(path, 'gift_image')
      setImages((list) => list.map((i) => (i.key === key ? { ...i, id: stored.id, state: 'done' } : i)))
    } catch (err) {
      setImages((list) => list.map((i) => (i.key === key ? { ...i, state: 'failed', message: uploadMessage(err) } : i)))
    }
  }

  const add = async () => {
    if (disabled || images.length >= MAX_GIFT_IMAGES) return
    let picked
    try {
      picked = await pickImage()
    } catch (err) {
      onPickError(messageOf(err))
      return
    }
    if (!picked) return
    const key = `${picked.path}#${Date.now()}`
    setImages((list) => (list.length >= MAX_GIFT_IMAGES ? list : [...list, { key, src: picked.path, localPath: picked.path, state: 'uploading' }]))
    onChanged()
    await upload(key, picked.path)
  }

  const remove = (key: string) => {
    setImages((list) => list.filter((i) => i.key !== key))
    onChanged()
  }

  return (
    <View className='gift-images' data-testid='admin-gift-images' data-count={images.length}>
      {images.map((img, index) => {
        const src = img.localPath ?? giftImageSrc(img.src)
        return (
          <View key={img.key} className='gift-images__item' data-testid='admin-gift-image' data-state={img.state} data-id={img.id ?? ''}>
            <Image className='gift-images__img' src={src} mode='aspectFill' onClick={() => img.state === 'done' && previewImage(src)} />
            {index === 0 ? <Text className='gift-images__cover'>封面</Text> : null}
            {img.state === 'uploading' ? (
              <View className='gift-images__state'>
                <Text>上传中…</Text>
              </View>
            ) : null}
            {img.state === 'failed' ? (
              <View className='gift-images__state gift-images__state--failed' onClick={() => img.localPath && void upload(img.key, img.localPath)} data-testid='admin-gift-image-retry'>
                <Text>{img.message ?? '上传失败'}</Text>
                <Text>点击重试</Text>
              </View>
            ) : null}
            {!disabled ? (
              <Text className='gift-images__remove' onClick={() => remove(img.key)} data-testid='admin-gift-image-remove'>
                ×
              </Text>
            ) : null}
          </View>
        )
      })}
      {images.length < MAX_GIFT_IMAGES ? (
        <View className='gift-images__add' onClick={() => void add()} data-testid='admin-gift-image-add'>
          <Text className='gift-images__plus'>+</Text>
          <Text>
            {images.length}/{MAX_GIFT_IMAGES}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
