// Platform entry for EditorPage.h5.tsx (the web console) / EditorPage.weapp.tsx (a note pointing there).
import type { ComponentType } from 'react'

declare const EditorPage: ComponentType
export default EditorPage
