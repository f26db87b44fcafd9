import { z } from 'zod';
import { IsoDateTime } from './common.schema';

export const DOCUMENT_CATEGORIES = ['fault_prevention', 'safe_use', 'reprocessing'] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];
export const DOCUMENT_STATUSES = ['draft', 'published', 'retired'] as const;

export const DocumentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  summary: z.string(),
  publishedAt: IsoDateTime.nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

/** Library files are public once their document is published: `url` needs no session (images inside rich text cannot send one). */
export const DocumentAssetSchema = z.object({ id: z.string(), url: z.string(), mime: z.string(), size: z.number().int() });

/** The reader's view. `viewId` identifies this opening for the reading-time report. */
export const DocumentReadSchema = DocumentSummarySchema.extend({
  body: z.string(),
  attachments: z.array(DocumentAssetSchema),
  viewId: z.string(),
});
export type DocumentRead = z.infer<typeof DocumentReadSchema>;

export const DocumentListQuerySchema = z.object({
  category: z.enum(DOCUMENT_CATEGORIES).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const DocumentPageSchema = z.object({ items: z.array(DocumentSummarySchema), nextCursor: z.string().nullable() });

/** How long this opening has been read; sent while reading and on leaving. Only the largest value counts. */
export const ReadingSchema = z.object({ viewId: z.string().uuid(), seconds: z.number().int().min(0).max(86_400) });

/** Admin: write a document (body is HTML, sanitised by the server to an allow-list). */
export const DocumentWriteSchema = z.object({
  title: z.string().trim().min(2, '请填写标题').max(120),
  category: z.enum(DOCUMENT_CATEGORIES),
  summary: z.string().trim().min(2, '请填写摘要').max(300),
  body: z.string().max(200_000, '正文过长'),
  attachmentIds: z.array(z.string().uuid()).max(10, '最多 10 个附件').default([]),
});
export type DocumentWrite = z.infer<typeof DocumentWriteSchema>;

export const AdminDocumentSchema = DocumentSummarySchema.extend({
  status: z.enum(DOCUMENT_STATUSES),
  body: z.string(),
  attachments: z.array(DocumentAssetSchema),
  updatedAt: IsoDateTime.nullable(),
});
export type AdminDocument = z.infer<typeof AdminDocumentSchema>;

export const AdminDocumentListQuerySchema = z.object({ status: z.enum(DOCUMENT_STATUSES).optional(), q: z.string().trim().max(200).optional() });

/** Reading statistics: counts only; averages are withheld (null) below `minReaders` readers so no one person's reading shows. */
export const DocumentStatsQuerySchema = z.object({ from: IsoDateTime.optional(), to: IsoDateTime.optional() });
const Aggregate = z.object({ views: z.number().int(), readers: z.number().int(), avgSeconds: z.number().nullable() });
export const DocumentStatsSchema = z.object({
  minReaders: z.number().int(),
  documents: z.array(Aggregate.extend({ id: z.string(), title: z.string(), category: z.enum(DOCUMENT_CATEGORIES) })),
  categories: z.array(Aggregate.extend({ category: z.enum(DOCUMENT_CATEGORIES) })),
});
export type DocumentStats = z.infer<typeof DocumentStatsSchema>;

/** A user's own browsing records (privacy centre). */
export const BrowsingRecordSchema = z.object({ id: z.string(), document: z.object({ id: z.string(), title: z.string() }), openedAt: IsoDateTime, secondsRead: z.number().int() });
export const BrowsingPageSchema = z.object({ items: z.array(BrowsingRecordSchema), nextCursor: z.string().nullable() });

/** Admin: change some fields of a document; a given `body` or `attachmentIds` replaces the old one whole. */
export const DocumentPatchSchema = DocumentWriteSchema.extend({
  attachmentIds: z.array(z.string().uuid()).max(10, '最多 10 个附件').optional(),
}).partial();
export type DocumentPatch = z.infer<typeof DocumentPatchSchema>;

export const AdminDocumentListSchema = z.object({ items: z.array(AdminDocumentSchema) });

/** What a reading report stored: the largest value reported so far for this opening (capped). */
export const ReadingResultSchema = z.object({ viewId: z.string(), secondsRead: z.number().int() });

export const BrowsingQuerySchema = z.object({
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
