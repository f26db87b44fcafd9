// Platform entry for index.weapp.tsx / index.h5.tsx (Taro picks the file by TARO_ENV).
// weapp: the same tap also records WeChat's own privacy agreement
// (open-type="agreePrivacyAuthorization"); WeChat's tick is not our consent record, so both are kept.
import type { ComponentType, ReactNode } from 'react'

export interface AgreeButtonProps {
  disabled?: boolean
  loading?: boolean
  onClick: () => void
  children: ReactNode
}

declare const AgreeButton: ComponentType<AgreeButtonProps>
export default AgreeButton
