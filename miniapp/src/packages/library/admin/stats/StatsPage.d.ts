// Platform entry for StatsPage.h5.tsx (the web console) / StatsPage.weapp.tsx (a note pointing there).
import type { ComponentType } from 'react'

declare const StatsPage: ComponentType
export default StatsPage
