import type { DataRegion } from '@shared/regions'

const REGION_LABELS: Record<DataRegion, string> = {
  'cn-mainland': '中国大陆',
}

export function regionLabel(region: DataRegion): string {
  return REGION_LABELS[region]
}
