import { useCallback, useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Loading } from '@nutui/nutui-react-taro'
import { loadFileUrl } from '../../services/file-url'
import { previewImage } from '../../services/preview'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'error' }

interface Props {
  fileId: string
  alt: string
  testId?: string
}

/**
 * A stored file (GET /files/:id, bearer auth) as a thumbnail; tap to enlarge.
 * Every fetch of a badge is logged by the server, so the URL is cached per file.
 */
export default function StoredImage({ fileId, alt, testId }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' })

  const load = useCallback(() => {
    let live = true
    setState({ kind: 'loading' })
    loadFileUrl(fileId)
      .then((url) => live && setState({ kind: 'ready', url }))
      .catch(() => live && setState({ kind: 'error' }))
    return () => {
      live = false
    }
  }, [fileId])

  useEffect(() => load(), [load])

  if (state.kind === 'loading') {
    return (
      <View className='stored-image stored-image--loading' data-testid={testId}>
        <Loading />
      </View>
    )
  }
  if (state.kind === 'error') {
    return (
      <View className='stored-image stored-image--error' onClick={() => load()} data-testid={testId}>
        <Text>加载失败</Text>
        <Text>点击重试</Text>
      </View>
    )
  }
  return (
    <View className='stored-image' data-testid={testId}>
      <Image
        className='stored-image__img'
        src={state.url}
        mode='aspectFill'
        ariaLabel={alt}
        onClick={() => previewImage(state.url)}
      />
    </View>
  )
}
