import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { installApiErrorHandlers } from './reconsent'
import { loadSession } from './stores/session'
import './app.scss'

installApiErrorHandlers()

// Taro renders the current page as children; app-wide providers go here.
function App({ children }: PropsWithChildren) {
  // The session (me) is a module store (stores/session.ts); pages subscribe with useSession().
  useLaunch(() => {
    void loadSession()
  })
  return children
}

export default App
