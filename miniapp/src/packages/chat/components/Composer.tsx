import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { messageOf } from '../../../services/errors.zh'
import { pickAudio, pickImage, startRecording, stopRecording, VOICE_MODE } from '../../../services/media'

const TEXT_MAX = 1000

interface Props {
  /** The words being typed; the page keeps them (and their draft). */
  text: string
  onText: (text: string) => void
  onSendText: (text: string) => void
  onSendFile: (kind: 'image' | 'voice', localPath: string, durationMs: number | null) => void
}

type Recording = { kind: 'idle' } | { kind: 'recording'; since: number } | { kind: 'stopping' }

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/**
 * The bar at the bottom: text, a photo, a voice note (recorded on weapp,
 * an audio file on H5). Sending never waits: the bubble shows its own state.
 */
export default function Composer({ text, onText, onSendText, onSendFile }: Props) {
  const [recording, setRecording] = useState<Recording>({ kind: 'idle' })
  const [now, setNow] = useState(Date.now())

  // The recording's length, ticking.
  useEffect(() => {
    if (recording.kind !== 'recording') return
    const timer = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(timer)
  }, [recording.kind])

  const send = () => {
    const t = text.trim()
    if (!t) return
    if (t.length > TEXT_MAX) return toast(`最多 ${TEXT_MAX} 字`)
    onSendText(t)
    onText('')
  }

  const photo = async () => {
    try {
      const picked = await pickImage()
      if (picked) onSendFile('image', picked.path, null)
    } catch (err) {
      toast(messageOf(err))
    }
  }

  const voice = async () => {
    try {
      if (VOICE_MODE === 'file') {
        const audio = await pickAudio()
        if (audio) onSendFile('voice', audio.path, audio.durationMs)
        return
      }
      await startRecording()
      setRecording({ kind: 'recording', since: Date.now() })
      setNow(Date.now())
    } catch (err) {
      setRecording({ kind: 'idle' })
      toast(`无法录音：${messageOf(err)}`)
    }
  }

  const finish = async (keep: boolean) => {
    setRecording({ kind: 'stopping' })
    const audio = await stopRecording().catch(() => null)
    setRecording({ kind: 'idle' })
    if (!keep) return
    if (!audio) return toast('录音失败，请重试')
    if ((audio.durationMs ?? 1000) < 1000) return toast('说话时间太短')
    onSendFile('voice', audio.path, audio.durationMs)
  }

  if (recording.kind !== 'idle') {
    const secs = recording.kind === 'recording' ? Math.floor((now - recording.since) / 1000) : 0
    return (
      <View className='composer composer--recording' data-testid='chat-composer'>
        <Text className='composer__recording' data-testid='chat-recording'>
          ● 录音中 {secs} 秒（最长 60 秒）
        </Text>
        <Button size='small' fill='outline' disabled={recording.kind === 'stopping'} onClick={() => void finish(false)} data-testid='chat-voice-cancel'>
          取消
        </Button>
        <Button size='small' type='primary' loading={recording.kind === 'stopping'} onClick={() => void finish(true)} data-testid='chat-voice-send'>
          发送
        </Button>
      </View>
    )
  }

  return (
    <View className='composer' data-testid='chat-composer'>
      <View className='composer__tools'>
        <Text className='composer__tool' onClick={() => void photo()} data-testid='chat-add-image'>
          图片
        </Text>
        <Text className='composer__tool' onClick={() => void voice()} data-testid='chat-add-voice'>
          {VOICE_MODE === 'file' ? '语音文件' : '语音'}
        </Text>
      </View>
      <View className='composer__field' data-testid='chat-input'>
        <Textarea
          className='composer__textarea'
          placeholder='输入消息…'
          maxlength={TEXT_MAX}
          autoHeight
          showConfirmBar={false}
          cursorSpacing={16}
          value={text}
          onInput={(e) => onText(e.detail.value)}
          onConfirm={send}
        />
      </View>
      <Button size='small' type='primary' disabled={!text.trim()} onClick={send} data-testid='chat-send'>
        发送
      </Button>
    </View>
  )
}
