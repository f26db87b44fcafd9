import type { Permission } from '../../../../shared/permissions';

export type DocumentStatus = 'draft' | 'published' | 'retired';

/** Status is derived, not stored: retiring wins over publishing; never published is a draft. */
export function documentStatus(doc: { publishedAt?: Date | null; retiredAt?: Date | null }): DocumentStatus {
  if (doc.retiredAt) return 'retired';
  return doc.publishedAt ? 'published' : 'draft';
}

/** Readers see published documents only; those who write the library also open drafts and retired ones (preview). */
export function mayOpen(permissions: ReadonlySet<Permission>, status: DocumentStatus): boolean {
  return status === 'published' || permissions.has('library.write');
}

/** Publish takes a draft live, or brings a retired document back; retire takes a draft or a published document out of sight. */
export function canPublish(status: DocumentStatus): boolean {
  return status !== 'published';
}

export function canRetire(status: DocumentStatus): boolean {
  return status !== 'retired';
}

/**
 * A reading report counts up to two hours: a page left open overnight is not
 * reading, and one runaway client must not dominate a document's average.
 */
export const MAX_READING_SECONDS = 2 * 3600;

export function readingSeconds(reported: number): number {
  return Math.min(Math.max(0, Math.floor(reported)), MAX_READING_SECONDS);
}

/**
 * Averages of reading time are shown only over at least this many distinct
 * readers: below it, an average (especially within a narrow date range)
 * would be one or two identifiable people's reading.
 */
export const MIN_READERS_FOR_AVERAGE = 3;

export function withheldAverage(readers: number, average: number | null): number | null {
  if (readers < MIN_READERS_FOR_AVERAGE || average === null) return null;
  return Math.round(average * 10) / 10;
}
