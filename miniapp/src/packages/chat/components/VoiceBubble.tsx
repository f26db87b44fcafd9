import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { loadFileUrl } from '../../../services/file-url'

type Phase = 'idle' | 'loading' | 'playing' | 'failed'

/** The one voice note playing in the app: starting another stops it. */
let playing: { ctx: Taro.InnerAudioContext; stop: () => void } | null = null

function seconds(ms: number | null | undefined): string {
  return ms ? `${Math.max(1, Math.round(ms / 1000))}″` : ''
}

interface Props {
  /** A sent voice note (GET /files/:id with the session). */
  fileId?: string | null
  /** One still on the device (not yet sent). */
  localPath?: string
  durationMs?: number | null
  mine: boolean
}

/** A voice note in a bubble: tap to play (fetched on the first tap), tap again to stop. */
export default function VoiceBubble({ fileId, localPath, durationMs, mine }: Props) {
  const [phase, setPhase] = useState<Phase>('idle')
  const ctx = useRef<Taro.InnerAudioContext | null>(null)

  const stop = () => {
    ctx.current?.stop()
    setPhase('idle')
  }

  // Leaving the page stops the sound.
  useEffect(
    () => () => {
      if (playing?.ctx === ctx.current) playing = null
      ctx.current?.destroy()
      ctx.current = null
    },
    [],
  )

  const toggle = async () => {
    if (phase === 'playing') return stop()
    if (phase === 'loading') return
    setPhase('loading')
    try {
      const src = fileId ? await loadFileUrl(fileId) : localPath
      if (!src) throw new Error('no source')
      if (!ctx.current) {
        const audio = Taro.createInnerAudioContext()
        audio.onEnded(() => setPhase('idle'))
        audio.onError(() => setPhase('failed'))
        ctx.current = audio
      }
      if (playing && playing.ctx !== ctx.current) playing.stop()
      playing = { ctx: ctx.current, stop }
      ctx.current.src = src
      ctx.current.play()
      setPhase('playing')
    } catch {
      setPhase('failed')
    }
  }

  return (
    <View className={`voice-bubble${mine ? ' voice-bubble--mine' : ''}`} onClick={() => void toggle()} data-testid='chat-voice' data-phase={phase}>
      <Text className='voice-bubble__icon'>{phase === 'playing' ? '■' : phase === 'loading' ? '…' : '▶'}</Text>
      <Text className='voice-bubble__label'>{phase === 'failed' ? '语音加载失败，点击重试' : phase === 'playing' ? '播放中，点击停止' : '语音'}</Text>
      <Text className='voice-bubble__length'>{seconds(durationMs)}</Text>
    </View>
  )
}
