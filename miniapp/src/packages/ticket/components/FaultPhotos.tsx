import { Image, Text, View } from '@tarojs/components'
import { Loading } from '@nutui/nutui-react-taro'
import StoredImage from '../../../components/StoredImage'
import { previewImage } from '../../../services/preview'

export const MAX_PHOTOS = 9

export interface PhotoItem {
  /** Stable key while it uploads (the local path), then the same. */
  key: string
  /** Local path / blob URL; absent for a photo restored from a draft (shown from the server). */
  preview?: string
  fileId?: string
  state: 'uploading' | 'failed' | 'done'
  message?: string
}

interface Props {
  items: PhotoItem[]
  onAdd: () => void
  onRemove: (key: string) => void
  onRetry: (key: string) => void
}

/** Up to nine fault photos as thumbnails: tap to enlarge, × to remove, + to add. */
export default function FaultPhotos({ items, onAdd, onRemove, onRetry }: Props) {
  return (
    <View className='fault-photos' data-testid='report-photos'>
      {items.map((p, i) => (
        <View key={p.key} className='fault-photos__item' data-testid='report-photo' data-state={p.state}>
          {p.preview ? (
            <Image className='fault-photos__img' src={p.preview} mode='aspectFill' onClick={() => p.preview && previewImage(p.preview)} />
          ) : p.fileId ? (
            <StoredImage fileId={p.fileId} alt={`故障照片 ${i + 1}`} />
          ) : null}
          {p.state === 'uploading' ? (
            <View className='fault-photos__overlay'>
              <Loading direction='vertical'>上传中</Loading>
            </View>
          ) : null}
          {p.state === 'failed' ? (
            <View className='fault-photos__overlay fault-photos__overlay--failed' onClick={() => onRetry(p.key)} data-testid='report-photo-retry'>
              <Text>{p.message ?? '上传失败'}</Text>
              <Text>点击重试</Text>
            </View>
          ) : null}
          {p.state !== 'uploading' ? (
            <View className='fault-photos__remove' onClick={() => onRemove(p.key)} data-testid='report-photo-remove'>
              <Text>×</Text>
            </View>
          ) : null}
        </View>
      ))}
      {items.length < MAX_PHOTOS ? (
        <View className='fault-photos__add' onClick={onAdd} data-testid='report-photo-add'>
          <Text className='fault-photos__plus'>+</Text>
          <Text className='fault-photos__count'>
            {items.length}/{MAX_PHOTOS}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
