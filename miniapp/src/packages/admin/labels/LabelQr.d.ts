// Platform entry for LabelQr.h5.tsx (a plain <img>, crisp in print) / LabelQr.weapp.tsx (Taro's Image).
import type { ComponentType } from 'react'

export interface LabelQrProps {
  /** The QR as an SVG document (LabelSchema.qrSvg). */
  svg: string
  /** What it encodes (the label code), as the image's text alternative. */
  code: string
}

declare const LabelQr: ComponentType<LabelQrProps>
export default LabelQr
