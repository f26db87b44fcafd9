import Taro from '@tarojs/taro'
import type * as Contract from './preview'

// weapp: the native viewer (pinch to zoom, long-press menu).
export const previewImage: typeof Contract.previewImage = (url) => {
  void Taro.previewImage({ urls: [url], current: url })
}
