import type * as Contract from './layout'

// weapp: a phone; the admin screens show cards.
export const WIDE_MIN_WIDTH: typeof Contract.WIDE_MIN_WIDTH = 1024

export const useWideLayout: typeof Contract.useWideLayout = () => false
