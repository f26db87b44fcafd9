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
