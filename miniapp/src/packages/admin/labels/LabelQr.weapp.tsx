import { Image } from '@tarojs/components'
import { qrImageSrc } from '../../../services/admin-directory'
import type { LabelQrProps } from './LabelQr'

/** weapp: a preview only (printing is on the web console). */
export default function LabelQr({ svg }: LabelQrProps) {
  return <Image className='label__qr-img' src={qrImageSrc(svg)} mode='aspectFit' />
}
