import Taro from '@tarojs/taro'
import type * as Contract from './media'

function cancelled(err: unknown): boolean {
  const msg = typeof err === 'object' && err !== null && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : ''
  return msg.includes('cancel') || msg.includes('abort')
}

// H5: Taro opens a file input (with `capture` for the camera on phones) and returns a blob: URL.
export const pickImage: typeof Contract.pickImage = async () => {
  try {
    const res = await Taro.chooseImage({ count: 1, sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    const file = res.tempFiles[0]
    return file ? { path: file.path, size: file.size } : null
  } catch (err) {
    if (cancelled(err)) return null
    throw err
  }
}

export const CAN_SCAN: typeof Contract.CAN_SCAN = false

export const scanCode: typeof Contract.scanCode = () => Promise.resolve(null)

export const VOICE_MODE: typeof Contract.VOICE_MODE = 'file'

export const startRecording: typeof Contract.startRecording = () => Promise.reject(new Error('recording is weapp only'))

export const stopRecording: typeof Contract.stopRecording = () => Promise.resolve(null)

// H5: a plain file input; the blob: URL goes to uploadFile like a picked photo. A cancelled dialog fires no event, so
// the promise resolves null when the window gets focus back without a file.
export const pickAudio: typeof Contract.pickAudio = () =>
  new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'audio/*'
    input.style.display = 'none'
    let settled = false
    const done = (value: Contract.PickedAudio | null) => {
      if (settled) return
      settled = true
      input.remove()
      resolve(value)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done(file ? { path: URL.createObjectURL(file), durationMs: null, name: file.name } : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
