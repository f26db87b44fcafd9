import type * as Contract from './print'

// H5: the browser's print dialog; choose A4, 100 % scale and no headers/footers there.
export const CAN_PRINT: typeof Contract.CAN_PRINT = typeof window !== 'undefined' && typeof window.print === 'function'

export const printPage: typeof Contract.printPage = () => {
  window.print()
}

export const enterPrintScope: typeof Contract.enterPrintScope = (scope) => {
  const root = typeof document !== 'undefined' ? document.documentElement : null
  if (!root) return () => undefined
  root.classList.add(scope)
  return () => root.classList.remove(scope)
}
