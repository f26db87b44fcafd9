// Platform entry for ProvinceSelect.h5.tsx (a <select>) / ProvinceSelect.weapp.tsx (WeChat's selector picker).
import type { ComponentType } from 'react'
import type { ProvinceOption } from '../../services/dashboard'

export interface ProvinceSelectProps {
  /** Two digits, or '' for 全国. */
  value: string
  options: ProvinceOption[]
  onChange: (code: string) => void
  /** On the control; it also carries `data-value`. */
  testId?: string
}

declare const ProvinceSelect: ComponentType<ProvinceSelectProps>
export default ProvinceSelect
