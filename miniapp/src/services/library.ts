import { z } from 'zod'
import {
  AdminDocumentSchema,
  DocumentPageSchema,
  DocumentReadSchema,
  DocumentStatsSchema,
  DocumentSummarySchema,
  DOCUMENT_STATUSES,
  type AdminDocument,
  type DocumentCategory,
  type DocumentRead,
  type DocumentStats,
  type DocumentSummary,
  type DocumentWrite,
} from '@shared/schemas/library.schema'
import { API_PREFIX } from './api-base'
import { request, requestParsed } from './http'

export type { AdminDocument, DocumentCategory, DocumentRead, DocumentStats, DocumentSummary, DocumentWrite }
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number]
export type DocumentPage = z.infer<typeof DocumentPageSchema>

const docPath = (id: string, rest = '') => `/documents/${encodeURIComponent(id)}${rest}`
const adminPath = (id: string, rest = '') => `/admin/documents/${encodeURIComponent(id)}${rest}`

/** GET /documents: published documents, by category and/or search words. */
export function listDocuments({ category, q, cursor, limit = 20 }: { category?: DocumentCategory; q?: string; cursor?: string; limit?: number } = {}): Promise<DocumentPage> {
  return requestParsed(DocumentPageSchema, '/documents', { query: { category, q: q?.trim() || undefined, cursor, limit } })
}

/** GET /documents/:id: the reader's view; the server records the opening (`viewId`). */
export function getDocument(id: string): Promise<DocumentRead> {
  return requestParsed(DocumentReadSchema, docPath(id))
}

/** POST /documents/:id/reading: how long this opening has been read so far (only the largest value counts). */
export async function reportReading(documentId: string, viewId: string, seconds: number): Promise<void> {
  await request(docPath(documentId, '/reading'), { method: 'POST', body: { viewId, seconds: Math.max(0, Math.min(86_400, Math.floor(seconds))) } })
}

// ---- Admin (library.write) ----

/** A row of the admin list: the list may carry the whole document or only its summary. */
export const AdminDocumentRowSchema = DocumentSummarySchema.extend({
  status: z.enum(DOCUMENT_STATUSES),
  updatedAt: z.string().nullable().optional(),
})
export type AdminDocumentRow = z.infer<typeof AdminDocumentRowSchema>

const AdminListSchema = z.union([z.object({ items: z.array(AdminDocumentRowSchema) }), z.array(AdminDocumentRowSchema).transform((items) => ({ items }))])

/** GET /admin/documents: every document (drafts, published, retired), filtered by status and words. */
export async function listAdminDocuments({ status, q }: { status?: DocumentStatus; q?: string } = {}): Promise<AdminDocumentRow[]> {
  return (await requestParsed(AdminListSchema, '/admin/documents', { query: { status, q: q?.trim() || undefined } })).items
}

/** GET /admin/documents/:id: the document as an editor sees it. */
export function getAdminDocument(id: string): Promise<AdminDocument> {
  return requestParsed(AdminDocumentSchema, adminPath(id))
}

/** POST /admin/documents: a new draft. One idempotency key per form, so a resent save creates one draft. */
export function createDocument(body: DocumentWrite, idempotencyKey?: string): Promise<AdminDocument> {
  return requestParsed(AdminDocumentSchema, '/admin/documents', { method: 'POST', body, idempotencyKey })
}

/** PATCH /admin/documents/:id. */
export function updateDocument(id: string, body: Partial<DocumentWrite>): Promise<AdminDocument> {
  return requestParsed(AdminDocumentSchema, adminPath(id), { method: 'PATCH', body })
}

/** The document if the server answered with it, else null (the caller reloads). */
function documentOrNull(data: unknown): AdminDocument | null {
  const parsed = AdminDocumentSchema.safeParse(data)
  return parsed.success ? parsed.data : null
}

/** POST /admin/documents/:id/publish: readers see it from now on. */
export async function publishDocument(id: string): Promise<AdminDocument | null> {
  return documentOrNull(await request(adminPath(id, '/publish'), { method: 'POST' }))
}

/** POST /admin/documents/:id/retire: taken off the library (kept, not deleted). */
export async function retireDocument(id: string): Promise<AdminDocument | null> {
  return documentOrNull(await request(adminPath(id, '/retire'), { method: 'POST' }))
}

/** GET /admin/documents/stats: aggregates only; `avgSeconds` is null below `minReaders` readers. */
export function getDocumentStats({ from, to }: { from?: string; to?: string } = {}): Promise<DocumentStats> {
  return requestParsed(DocumentStatsSchema, '/admin/documents/stats', { query: { from, to } })
}

/** Where a library asset lives (public once its document is published). */
export function libraryAssetPath(fileId: string): string {
  return `${API_PREFIX}/library-assets/${encodeURIComponent(fileId)}`
}

/** The file id in a library asset URL, or null. */
export function libraryAssetId(src: string): string | null {
  const m = /\/api\/v1\/library-assets\/([0-9a-fA-F-]{8,})/.exec(src)
  return m?.[1] ?? null
}
