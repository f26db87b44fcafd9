import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { loadFileUrl } from '../../../services/file-url'

type Phase = 'idle' | 'loading' | 'playing' | 'failed'

/** The reporter's voice note: fetched with the session (GET /files/:id) on the first tap, then played or stopped. */
export default function VoicePlayer({ fileId }: { fileId: string }) {
  const [phase, setPhase] = useState<Phase>('idle')
  const audio = useRef<Taro.InnerAudioContext | null>(null)

  // Leaving the page stops the sound.
  useEffect(
    () => () => {
      audio.current?.destroy()
      audio.current = null
    },
    [],
  )

  const toggle = async () => {
    if (phase === 'playing') {
      audio.current?.stop()
      setPhase('idle')
      return
    }
    if (phase === 'loading') return
    setPhase('loading')
    try {
      const src = await loadFileUrl(fileId)
      if (!audio.current) {
        const ctx = Taro.createInnerAudioContext()
        ctx.onEnded(() => setPhase('idle'))
        ctx.onError(() => setPhase('failed'))
        audio.current = ctx
      }
      audio.current.src = src
      audio.current.play()
      setPhase('playing')
    } catch {
      setPhase('failed')
    }
  }

  return (
    <View className='voice-player' data-testid='ticket-voice' data-phase={phase}>
      <Button size='small' type='primary' fill='outline' loading={phase === 'loading'} onClick={() => void toggle()} data-testid='ticket-voice-play'>
        {phase === 'playing' ? '停止播放' : '播放语音说明'}
      </Button>
      {phase === 'failed' ? <Text className='voice-player__error'>语音加载失败，请重试</Text> : null}
    </View>
  )
}
