import type * as Contract from './print'

// weapp: a phone cannot drive a label printer; the page points to the web console.
export const CAN_PRINT: typeof Contract.CAN_PRINT = false

export const printPage: typeof Contract.printPage = () => {
  throw new Error('Printing is on the web console')
}

export const enterPrintScope: typeof Contract.enterPrintScope = () => () => undefined
