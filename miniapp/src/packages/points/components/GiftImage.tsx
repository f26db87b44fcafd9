import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { giftImageSrc } from '../../../services/gifts'

interface Props {
  /** `images[n].url` from the API, or null for the placeholder. */
  url: string | null | undefined
  alt: string
  /** Size and shape come from the caller's class. */
  className: string
  testId?: string
}

/** A gift picture, or a quiet placeholder when there is none or it fails to load. */
export default function GiftImage({ url, alt, className, testId }: Props) {
  const src = giftImageSrc(url)
  const [failed, setFailed] = useState(false)
  useEffect(() => setFailed(false), [src])
  if (!src || failed) {
    return (
      <View className={`gift-image gift-image--empty ${className}`} data-testid={testId}>
        <View className='gift-image__box' />
        <Text className='gift-image__text'>暂无图片</Text>
      </View>
    )
  }
  return (
    <View className={`gift-image ${className}`} data-testid={testId}>
      <Image className='gift-image__img' src={src} mode='aspectFill' lazyLoad ariaLabel={alt} onError={() => setFailed(true)} />
    </View>
  )
}
