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
