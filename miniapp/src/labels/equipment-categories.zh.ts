import type { EQUIPMENT_CATEGORIES } from '@shared/schemas/admin-directory.schema'

export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number]

/** An equipment model's category (shared EQUIPMENT_CATEGORIES), in the order the model form offers them. */
export const EQUIPMENT_CATEGORY_LABELS: Record<EquipmentCategory, string> = {
  gastroscope: '胃镜',
  colonoscope: '结肠镜',
  bronchoscope: '支气管镜',
  duodenoscope: '十二指肠镜',
  ultrasound_endoscope: '超声内镜',
  processor: '图像处理器',
  light_source: '冷光源',
}

/** An unknown category (a newer server) is shown as sent. */
export function equipmentCategoryLabel(category: string): string {
  return (EQUIPMENT_CATEGORY_LABELS as Record<string, string>)[category] ?? category
}
