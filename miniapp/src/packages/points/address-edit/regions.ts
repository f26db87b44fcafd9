import { citiesOf, districtsOf, provinces, regionNames, type RegionOption } from '@shared/china-regions'

/** A Cascader option (NutUI's `text` / `value` / `children`); no children marks the last level. */
export interface RegionNode {
  text: string
  value: string
  children?: RegionNode[]
}

/**
 * A node whose children are computed the first time the Cascader looks at
 * them (it reads `children` only along the chosen path): building every
 * district of the country up front costs ~0.3 s of filtering on a phone.
 */
function lazyNode(option: RegionOption, childrenOf?: (code: string) => RegionNode[]): RegionNode {
  const node: RegionNode = { text: option.name, value: option.code }
  if (!childrenOf) return node
  let memo: RegionNode[] | undefined
  let built = false
  Object.defineProperty(node, 'children', {
    enumerable: true,
    configurable: true,
    get() {
      if (!built) {
        const kids = childrenOf(option.code)
        memo = kids.length > 0 ? kids : undefined
        built = true
      }
      return memo
    },
    set(value: RegionNode[] | undefined) {
      memo = value
      built = true
    },
  })
  return node
}

const districtNodes = (cityCode: string) => districtsOf(cityCode).map((d) => lazyNode(d))
const cityNodes = (provinceCode: string) => citiesOf(provinceCode).map((c) => lazyNode(c, districtNodes))

let tree: RegionNode[] | undefined

/** Provinces → cities → districts, built on first use and kept. */
export function regionTree(): RegionNode[] {
  if (!tree) tree = provinces().map((p) => lazyNode(p, cityNodes))
  return tree
}

export interface RegionCodes {
  provinceCode: string
  cityCode: string
  districtCode: string
}

/** The Cascader's value for saved codes (a city without districts stores its own code as district). */
export function pathOfCodes(codes: Partial<RegionCodes>): string[] {
  const { provinceCode, cityCode, districtCode } = codes
  if (!provinceCode || !cityCode) return []
  return !districtCode || districtCode === cityCode ? [provinceCode, cityCode] : [provinceCode, cityCode, districtCode]
}

/** Codes from the Cascader's final value, or null when they are not a real chain. */
export function codesOfPath(path: readonly (string | number)[]): RegionCodes | null {
  const [provinceCode, cityCode, districtCode] = path.map(String)
  if (!provinceCode || !cityCode) return null
  const codes = { provinceCode, cityCode, districtCode: districtCode ?? cityCode }
  return regionNames(codes.provinceCode, codes.cityCode, codes.districtCode) ? codes : null
}
