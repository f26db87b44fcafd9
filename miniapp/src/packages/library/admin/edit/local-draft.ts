import Taro from '@tarojs/taro'
import type { DocumentCategory } from '@shared/schemas/library.schema'

export interface DocAttachment {
  id: string
  mime: string
  size: number
  url: string
  /** The picked file's name (this browser only; the server keeps no names). */
  name?: string
}

export interface DocForm {
  title: string
  category: DocumentCategory
  summary: string
  body: string
  attachments: DocAttachment[]
}

const PREFIX = 'scopedesk.docDraft:'

/**
 * The editor's unsaved work, kept in this browser per document (`new` for
 * one not yet saved), so a closed tab or a failed save loses nothing.
 */
export function saveLocalDraft(key: string, form: DocForm): void {
  try {
    Taro.setStorageSync(`${PREFIX}${key}`, { v: 1, savedAt: new Date().toISOString(), form })
  } catch {
    // Storage full: the form itself still holds the work.
  }
}

export function readLocalDraft(key: string): { form: DocForm; savedAt: string } | null {
  try {
    const value = Taro.getStorageSync(`${PREFIX}${key}`) as { v?: number; savedAt?: string; form?: DocForm } | ''
    if (value && value.v === 1 && value.form && typeof value.savedAt === 'string') return { form: value.form, savedAt: value.savedAt }
  } catch {
    // Unreadable: nothing to restore.
  }
  return null
}

export function clearLocalDraft(key: string): void {
  try {
    Taro.removeStorageSync(`${PREFIX}${key}`)
  } catch {
    // Nothing to do.
  }
}
