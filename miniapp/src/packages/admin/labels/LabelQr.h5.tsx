import { qrImageSrc } from '../../../services/admin-directory'
import type { LabelQrProps } from './LabelQr'

/** H5: an <img> of the SVG, sized by the label's CSS (millimetres), so the printer gets vectors. */
export default function LabelQr({ svg, code }: LabelQrProps) {
  return <img className='label__qr-img' src={qrImageSrc(svg)} alt={`二维码 ${code}`} draggable={false} />
}
