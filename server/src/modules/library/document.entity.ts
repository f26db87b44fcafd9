import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity';

/** A library article: fault prevention, safe use, reprocessing guides. */
export const LibraryDocumentSchema = defineEntity({
  name: 'LibraryDocument',
  tableName: 'library_document',
  properties: {
    ...baseProperties(),
    title: p.string().length(120),
    /** fault_prevention, safe_use, reprocessing */
    category: p.string().length(30).index(),
    summary: p.string().length(300),
    /** Sanitised HTML (an allow-list of tags; images and PDFs are this document's own files). */
    body: p.text(),
    publishedAt: p.datetime().nullable(),
    retiredAt: p.datetime().nullable(),
    /** PDF files attached for download, in order. */
    attachmentIds: p.json<string[]>().nullable(),
    /** Null on documents written before editing existed. */
    updatedAt: p.datetime().nullable().onCreate(() => new Date()).onUpdate(() => new Date()),
    updatedById: p.uuid().nullable(),
  },
});
export type LibraryDocument = InferEntity<typeof LibraryDocumentSchema>;
