// Platform entry for AdminList.h5.tsx (the web console) / AdminList.weapp.tsx (a note pointing there).
import type { ComponentType } from 'react'

declare const AdminList: ComponentType
export default AdminList
