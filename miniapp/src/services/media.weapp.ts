import Taro from '@tarojs/taro'
import type * as Contract from './media'

function cancelled(err: unknown): boolean {
  const msg = typeof err === 'object' && err !== null && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : ''
  return msg.includes('cancel')
}

// weapp: chooseMedia (chooseImage is deprecated here); WeChat shows its own camera/album sheet.
export const pickImage: typeof Contract.pickImage = async () => {
  try {
    const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    const file = res.tempFiles[0]
    return file ? { path: file.tempFilePath, size: file.size } : null
  } catch (err) {
    if (cancelled(err)) return null
    throw err
  }
}

export const CAN_SCAN: typeof Contract.CAN_SCAN = true

export const scanCode: typeof Contract.scanCode = async () => {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode', 'datamatrix', 'barCode'] })
    return res.result || null
  } catch (err) {
    if (cancelled(err)) return null
    throw err
  }
}

export const VOICE_MODE: typeof Contract.VOICE_MODE = 'record'

const MAX_RECORDING_MS = 60_000
let pendingStop: ((audio: Contract.PickedAudio | null) => void) | null = null
let recording = false
let stoppedEarly: Contract.PickedAudio | null = null

// One recorder manager per app (WeChat's rule); its stop event settles the pending stopRecording().
function recorder(): Taro.RecorderManager {
  const manager = Taro.getRecorderManager()
  if (!recorderReady) {
    recorderReady = true
    manager.onStop((res) => {
      recording = false
      const settle = pendingStop
      pendingStop = null
      const audio = res.tempFilePath ? { path: res.tempFilePath, durationMs: res.duration, name: '语音' } : null
      // Stopped by the time limit: kept for the stopRecording() that the user's tap will make.
      if (settle) settle(audio)
      else stoppedEarly = audio
    })
    manager.onError(() => {
      recording = false
      const settle = pendingStop
      pendingStop = null
      settle?.(null)
    })
  }
  return manager
}
let recorderReady = false

export const startRecording: typeof Contract.startRecording = async () => {
  stoppedEarly = null
  recording = true
  recorder().start({ duration: MAX_RECORDING_MS, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 })
}

export const stopRecording: typeof Contract.stopRecording = () => {
  if (!recording) {
    const early = stoppedEarly
    stoppedEarly = null
    return Promise.resolve(early)
  }
  return new Promise((resolve) => {
    pendingStop = resolve
    recorder().stop()
  })
}

export const pickAudio: typeof Contract.pickAudio = () => Promise.resolve(null)
