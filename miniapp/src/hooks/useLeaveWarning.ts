import { useEffect } from 'react'

const IS_H5 = process.env.TARO_ENV === 'h5'

/** H5: while `unsaved` is true, reloading or closing the tab asks first. Nothing in the mini-program. */
export function useLeaveWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!IS_H5 || !unsaved) return undefined
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [unsaved])
}
