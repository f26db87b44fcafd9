import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { messageOf } from '../../../services/errors.zh'
import { pickAudio, startRecording, stopRecording, VOICE_MODE, type PickedAudio } from '../../../services/media'
import { uploadFile } from '../../../services/upload'

export interface VoiceValue {
  fileId: string
  name: string
  durationMs: number | null
}

interface Props {
  value: VoiceValue | null
  onChange: (value: VoiceValue | null) => void
  onBusyChange: (busy: boolean) => void
  /** Resolves true once `fault_media` is granted. */
  ensureConsent: () => Promise<boolean>
}

type Phase = { kind: 'idle' } | { kind: 'recording' } | { kind: 'uploading' } | { kind: 'failed'; message: string; audio: PickedAudio | null }

function describe(v: VoiceValue): string {
  return v.durationMs ? `语音 ${Math.max(1, Math.round(v.durationMs / 1000))} 秒` : v.name
}

/** An optional voice note: recorded on weapp, an audio file on H5; uploaded at once as `ticket_voice`. */
export default function VoiceNote({ value, onChange, onBusyChange, ensureConsent }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })

  const send = async (audio: PickedAudio) => {
    setPhase({ kind: 'uploading' })
    onBusyChange(true)
    try {
      const stored = await uploadFile(audio.path, 'ticket_voice')
      onChange({ fileId: stored.id, name: audio.name, durationMs: audio.durationMs })
      setPhase({ kind: 'idle' })
    } catch (err) {
      setPhase({ kind: 'failed', message: messageOf(err), audio })
    } finally {
      onBusyChange(false)
    }
  }

  const begin = async () => {
    if (!(await ensureConsent())) return
    try {
      if (VOICE_MODE === 'file') {
        const audio = await pickAudio()
        if (audio) await send(audio)
        return
      }
      await startRecording()
      setPhase({ kind: 'recording' })
    } catch (err) {
      setPhase({ kind: 'failed', message: messageOf(err), audio: null })
    }
  }

  const finish = async () => {
    const audio = await stopRecording()
    if (audio) await send(audio)
    else setPhase({ kind: 'idle' })
  }

  if (value && phase.kind === 'idle') {
    return (
      <View className='voice-note' data-testid='report-voice'>
        <Text className='voice-note__done' data-testid='report-voice-done'>
          ✓ {describe(value)}
        </Text>
        <Button size='small' onClick={() => onChange(null)} data-testid='report-voice-remove'>
          删除
        </Button>
      </View>
    )
  }
  return (
    <View className='voice-note' data-testid='report-voice'>
      {phase.kind === 'recording' ? (
        <Button size='small' type='danger' onClick={() => void finish()} data-testid='report-voice-stop'>
          ● 录音中，点击结束
        </Button>
      ) : (
        <Button size='small' loading={phase.kind === 'uploading'} disabled={phase.kind === 'uploading'} onClick={() => void begin()} data-testid='report-voice-add'>
          {VOICE_MODE === 'file' ? '选择音频文件' : '开始录音（最长 60 秒）'}
        </Button>
      )}
      {phase.kind === 'failed' ? (
        <View className='voice-note__failed'>
          <Text className='voice-note__error' data-testid='report-voice-error'>
            {phase.message}
          </Text>
          {phase.audio ? (
            <Button size='small' type='primary' onClick={() => phase.audio && void send(phase.audio)}>
              重新上传
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
