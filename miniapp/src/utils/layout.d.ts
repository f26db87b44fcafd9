// Platform entry for layout.h5.ts (follows the browser window) / layout.weapp.ts (always a phone).

/** The width from which the admin console shows tables instead of cards (CSS px). */
export declare const WIDE_MIN_WIDTH: number

/** True while the window is at least WIDE_MIN_WIDTH wide (H5 desktop); always false in the mini-program. */
export declare function useWideLayout(): boolean
