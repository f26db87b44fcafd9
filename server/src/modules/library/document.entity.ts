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
    body: p.text(),
    publishedAt: p.datetime().nullable(),
  },
});
export type LibraryDocument = InferEntity<typeof LibraryDocumentSchema>;
