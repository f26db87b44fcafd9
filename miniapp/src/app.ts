import type { PropsWithChildren } from 'react'
import './app.scss'

// Taro renders the current page as children; app-wide providers go here.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
