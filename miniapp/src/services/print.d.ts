// Platform entry for print.h5.ts (the browser's print dialog) / print.weapp.ts (no printing in the mini-program).

/** The web console prints through the browser; the mini-program cannot print (the page says where to do it). */
export declare const CAN_PRINT: boolean

/** H5: opens the browser's print dialog for the page (its `@media print` rules decide what goes on paper). weapp: throws. */
export declare function printPage(): void

/**
 * H5: puts `scope` on the <html> element while a printable page is open, so
 * its `@media print` rules (`html.<scope> …`) apply only then; returns the
 * clean-up. weapp: does nothing.
 */
export declare function enterPrintScope(scope: string): () => void
