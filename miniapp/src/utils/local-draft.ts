import Taro from '@tarojs/taro'
import type { z } from 'zod'

/** A form's unsaved work, kept in local storage under one key until it is saved. */
export interface LocalDraft<T> {
  /** The stored draft if it still fits the schema and `accept` takes it (its user, its record), else null. */
  read: (accept: (draft: T) => boolean) => T | null
  save: (draft: T) => void
  clear: () => void
}

/**
 * One draft per `key`, checked with `schema` when read back (an older shape
 * or another app version's leftovers read as nothing). Storage errors never
 * reach the form: it still works, only the draft is lost.
 */
export function localDraft<T>(key: string, schema: z.ZodType<T>): LocalDraft<T> {
  return {
    read(accept) {
      try {
        const parsed = schema.safeParse(Taro.getStorageSync(key))
        return parsed.success && accept(parsed.data) ? parsed.data : null
      } catch {
        return null
      }
    },
    save(draft) {
      try {
        Taro.setStorageSync(key, draft)
      } catch {
        // Storage full or unavailable: the form still works, only the draft is lost.
      }
    },
    clear() {
      try {
        Taro.removeStorageSync(key)
      } catch {
        // Nothing to clear.
      }
    },
  }
}
