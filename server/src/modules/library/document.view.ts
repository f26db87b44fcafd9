import type { EntityManager } from '@mikro-orm/core';
import type { AdminDocument, DocumentCategory, DocumentSummary } from '../../../../shared/schemas/library.schema';
import { StoredFileSchema } from '../files/stored-file.entity';
import type { LibraryDocument } from './document.entity';
import { documentStatus } from './document.policy';
import { libraryAssetUrl } from './library.html';

export type DocumentAsset = AdminDocument['attachments'][number];

export function summaryView(d: Pick<LibraryDocument, 'id' | 'title' | 'category' | 'summary' | 'publishedAt'>): DocumentSummary {
  return {
    id: d.id,
    title: d.title,
    category: d.category as DocumentCategory,
    summary: d.summary,
    publishedAt: d.publishedAt ? d.publishedAt.toISOString() : null,
  };
}

/**
 * The attached PDFs of each document, in the order the document lists them.
 * Only files bound to that document count, so an id that was released or
 * deleted since simply drops out.
 */
export async function attachmentsOf(em: EntityManager, docs: Pick<LibraryDocument, 'id' | 'attachmentIds'>[]): Promise<Map<string, DocumentAsset[]>> {
  const ids = docs.flatMap((d) => d.attachmentIds ?? []);
  const files = ids.length ? await em.find(StoredFileSchema, { id: { $in: ids }, deletedAt: null, purpose: 'document_pdf' }) : [];
  const byId = new Map(files.map((f) => [f.id, f]));
  const out = new Map<string, DocumentAsset[]>();
  for (const d of docs) {
    const assets: DocumentAsset[] = [];
    for (const id of d.attachmentIds ?? []) {
      const f = byId.get(id);
      if (f && f.documentId === d.id) assets.push({ id: f.id, url: libraryAssetUrl(f.id), mime: f.mime, size: f.size });
    }
    out.set(d.id, assets);
  }
  return out;
}

export function adminView(d: LibraryDocument, attachments: DocumentAsset[]): AdminDocument {
  return {
    ...summaryView(d),
    status: documentStatus(d),
    body: d.body,
    attachments,
    updatedAt: d.updatedAt ? d.updatedAt.toISOString() : null,
  };
}
