import { Image, Text, View } from '@tarojs/components'
import { Loading } from '@nutui/nutui-react-taro'
import StoredImage from '../../../components/StoredImage'
import { previewImage } from '../../../services/preview'
import './FaultPhotos.scss'

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
  /** Test ids `${p}-photos`, `${p}-photo`, `${p}-photo-add`…: `report` on the form, `comment` in the composer. */
  testIdPrefix?: string
  /** While a note is being sent nothing may change. */
  disabled?: boolean
  onAdd: () => void
  onRemove: (key: string) => void
  onRetry: (key: string) => void
}

/** Up to nine fault photos as thumbnails: tap to enlarge, × to remove, + to add. */
export default function FaultPhotos({ items, testIdPrefix = 'report', disabled, onAdd, onRemove, onRetry }: Props) {
  const t = testIdPrefix
  return (
    <View className='fault-photos' data-testid={`${t}-photos`}>
      {items.map((p, i) => (
        <View key={p.key} className='fault-photos__item' data-testid={`${t}-photo`} data-state={p.state}>
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
            <View className='fault-photos__overlay fault-photos__overlay--failed' onClick={() => onRetry(p.key)} data-testid={`${t}-photo-retry`}>
              <Text>{p.message ?? '上传失败'}</Text>
              <Text>点击重试</Text>
            </View>
          ) : null}
          {p.state !== 'uploading' && !disabled ? (
            <View className='fault-photos__remove' onClick={() => onRemove(p.key)} data-testid={`${t}-photo-remove`}>
              <Text>×</Text>
            </View>
          ) : null}
        </View>
      ))}
      {items.length < MAX_PHOTOS && !disabled ? (
        <View className='fault-photos__add' onClick={onAdd} data-testid={`${t}-photo-add`}>
          <Text className='fault-photos__plus'>+</Text>
          <Text className='fault-photos__count'>
            {items.length}/{MAX_PHOTOS}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
