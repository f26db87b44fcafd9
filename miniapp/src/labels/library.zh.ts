import type { DocumentCategory } from '@shared/schemas/library.schema'

export const DOCUMENT_CATEGORY_LABELS: Record<DocumentCategory, string> = {
  fault_prevention: '故障预防',
  safe_use: '安全使用',
  reprocessing: '清洗消毒',
}

export const DOCUMENT_STATUS_LABELS: Record<'draft' | 'published' | 'retired', string> = {
  draft: '草稿',
  published: '已发布',
  retired: '已下架',
}
