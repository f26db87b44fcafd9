import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AdminDocumentListQuerySchema,
  AdminDocumentSchema,
  DocumentListQuerySchema,
  DocumentPageSchema,
  DocumentReadSchema,
  DocumentStatsQuerySchema,
  DocumentStatsSchema,
  DocumentWriteSchema,
  ReadingSchema,
  type AdminDocument,
  type DocumentRead,
  type DocumentStats,
} from '../../../shared/schemas/library.schema';
import { loadApp, startStandIn, type StandIn } from '../support/contract-stand-in';

type Library = typeof import('../../../miniapp/src/services/library');
type Html = typeof import('../../../miniapp/src/services/library-html');
type Reading = typeof import('../../../miniapp/src/services/reading');

const SRC = '../../../miniapp/src/services';
const Id = z.object({ id: z.string().uuid() });
const docId = randomUUID();
const viewId = randomUUID();
const assetId = randomUUID();

const doc: DocumentRead = {
  id: docId,
  title: '软式内镜测漏操作指南',
  category: 'reprocessing',
  summary: '每次清洗前必须测漏',
  publishedAt: '2026-11-01T00:00:00.000Z',
  body: `<h2>步骤</h2><p>连接测漏器</p><img src="/api/v1/library-assets/${assetId}" width="800" height="600">`,
  attachments: [{ id: assetId, url: `/api/v1/library-assets/${assetId}`, mime: 'application/pdf', size: 120_000 }],
  viewId,
};

const admin: AdminDocument = {
  id: docId,
  title: doc.title,
  category: doc.category,
  summary: doc.summary,
  publishedAt: null,
  status: 'draft',
  body: doc.body,
  attachments: [],
  updatedAt: '2026-11-02T00:00:00.000Z',
};

const stats: DocumentStats = {
  minReaders: 3,
  documents: [{ id: docId, title: doc.title, category: 'reprocessing', views: 12, readers: 2, avgSeconds: null }],
  categories: [{ category: 'reprocessing', views: 12, readers: 2, avgSeconds: null }],
};

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn([
    { method: 'get', path: '/documents', query: DocumentListQuerySchema, response: DocumentPageSchema, reply: () => ({ items: [doc], nextCursor: 'more' }) },
    { method: 'get', path: '/documents/:id', params: Id, response: DocumentReadSchema, reply: () => doc },
    { method: 'post', path: '/documents/:id/reading', params: Id, body: ReadingSchema, response: z.object({ viewId: z.string(), secondsRead: z.number() }), reply: ({ body }) => ({ viewId, secondsRead: (body as { seconds: number }).seconds }) },
    { method: 'get', path: '/admin/documents', query: AdminDocumentListQuerySchema, response: z.object({ items: z.array(AdminDocumentSchema) }), reply: () => ({ items: [admin] }) },
    { method: 'get', path: '/admin/documents/stats', query: DocumentStatsQuerySchema, response: DocumentStatsSchema, reply: () => stats },
    { method: 'get', path: '/admin/documents/:id', params: Id, response: AdminDocumentSchema, reply: () => admin },
    { method: 'post', path: '/admin/documents', body: DocumentWriteSchema, response: AdminDocumentSchema, status: 201, reply: () => admin },
    { method: 'patch', path: '/admin/documents/:id', params: Id, body: DocumentWriteSchema.partial(), response: AdminDocumentSchema, reply: () => admin },
    { method: 'post', path: '/admin/documents/:id/publish', params: Id, response: AdminDocumentSchema, reply: () => ({ ...admin, status: 'published', publishedAt: '2026-11-03T00:00:00.000Z' }) },
    { method: 'post', path: '/admin/documents/:id/retire', params: Id, response: AdminDocumentSchema, reply: () => ({ ...admin, status: 'retired' }) },
  ]);
});
afterAll(() => standIn.server.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

const lastCall = () => standIn.calls[standIn.calls.length - 1];

function load(base = standIn.server.url) {
  return loadApp<{ library: Library; html: Html; reading: Reading }>(base, { library: `${SRC}/library`, html: `${SRC}/library-html`, reading: `${SRC}/reading` });
}

describe('library services against the shared contracts', () => {
  it('lists by category and search words (blank words are not sent)', async () => {
    const { library } = load();
    await expect(library.listDocuments({ category: 'reprocessing', q: ' 测漏 ' })).resolves.toMatchObject({ nextCursor: 'more' });
    expect(lastCall()?.query).toEqual({ category: 'reprocessing', q: '测漏', limit: 20 });
    await library.listDocuments({ q: '   ', cursor: 'more' });
    expect(lastCall()?.query).toEqual({ cursor: 'more', limit: 20 });
  });

  it('opens a document and reports reading time for that opening', async () => {
    const { library } = load();
    const read = await library.getDocument(docId);
    expect(read.viewId).toBe(viewId);
    await library.reportReading(docId, viewId, 31.7);
    expect(lastCall()).toMatchObject({ method: 'POST', path: `/api/v1/documents/${docId}/reading`, body: { viewId, seconds: 31 } });
  });

  it('admin: lists, creates a draft once per key, patches, publishes, retires, and reads statistics', async () => {
    const { library } = load();
    await expect(library.listAdminDocuments({ status: 'draft', q: '测漏' })).resolves.toEqual([expect.objectContaining({ id: docId, status: 'draft' })]);
    expect(lastCall()?.query).toEqual({ status: 'draft', q: '测漏' });

    const write = { title: doc.title, category: 'reprocessing' as const, summary: doc.summary, body: doc.body, attachmentIds: [assetId] };
    await library.createDocument(write, 'doc-key-1');
    expect(lastCall()).toMatchObject({ method: 'POST', body: write, idempotencyKey: 'doc-key-1' });
    const refused = await library.createDocument({ ...write, title: '' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ path: 'title' })] });

    await library.updateDocument(docId, { summary: '新的摘要' });
    expect(lastCall()).toMatchObject({ method: 'PATCH', body: { summary: '新的摘要' } });
    await expect(library.publishDocument(docId)).resolves.toMatchObject({ status: 'published' });
    await expect(library.retireDocument(docId)).resolves.toMatchObject({ status: 'retired' });

    const from = '2026-11-01T00:00:00.000+08:00';
    await expect(library.getDocumentStats({ from })).resolves.toEqual(stats);
    expect(lastCall()?.query).toEqual({ from });
  });
});

describe('the reader’s HTML', () => {
  it('weapp: makes the server’s paths absolute, fills the width with images, styles known tags inline', () => {
    const { html } = load();
    const out = html.prepareBody(doc.body, 'https://api.example.cn');
    expect(out).toContain(`src="https://api.example.cn/api/v1/library-assets/${assetId}"`);
    expect(out).toMatch(/<img src="[^"]+" style="display:block;width:100%;max-width:100%;height:auto;/);
    expect(out).not.toMatch(/width="800"|height="600"/);
    expect(out).toMatch(/<h2 style="[^"]*font-weight:600/);
    expect(out).toContain('连接测漏器');
  });

  it('H5 (same origin): paths stay relative; outside links and existing styles are kept', () => {
    const { html } = load();
    const out = html.prepareBody('<p style="color:red">a <a href="https://example.cn/x">链接</a></p><br/><img src="/api/v1/library-assets/x1" />', '');
    expect(out).toContain('href="https://example.cn/x"');
    expect(out).toContain('style="margin:0 0 12px;line-height:1.75;color:red;"');
    expect(out).toContain('<br/>');
    expect(out).toMatch(/<img src="\/api\/v1\/library-assets\/x1" style="[^"]+" \/>/);
    expect(html.textOf('<h2>标题</h2><p>正文&nbsp;内容</p>')).toBe('标题 正文 内容');
  });
});

describe('reading time', () => {
  it('counts only time on screen and reports it every interval, on hiding and on leaving', async () => {
    const { reading } = load();
    let now = 0;
    const sent: number[] = [];
    const tracker = reading.startReadingTracker({
      documentId: docId,
      viewId,
      intervalMs: 30,
      now: () => now,
      send: async (_d, _v, s) => {
        sent.push(s);
      },
    });
    now = 15_000;
    await new Promise((r) => setTimeout(r, 45));
    expect(sent).toEqual([15]);
    now = 20_000;
    tracker.pause();
    expect(sent).toEqual([15, 20]);
    // Hidden for a minute: not counted, and nothing is sent meanwhile.
    now = 80_000;
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toEqual([15, 20]);
    tracker.resume();
    now = 85_500;
    tracker.stop();
    expect(sent).toEqual([15, 20, 25]);
    expect(tracker.seconds()).toBe(25);
    tracker.stop();
    tracker.resume();
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toEqual([15, 20, 25]);
  });

  it('sends through POST /documents/:id/reading and shrugs off a failure', async () => {
    const { reading, taro } = load();
    const tracker = reading.startReadingTracker({ documentId: docId, viewId, intervalMs: 10_000 });
    await new Promise((r) => setTimeout(r, 1100));
    tracker.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(lastCall()).toMatchObject({ path: `/api/v1/documents/${docId}/reading`, body: { viewId, seconds: 1 } });

    taro.request = async () => {
      throw { errMsg: 'request:fail' };
    };
    const offline = reading.startReadingTracker({ documentId: docId, viewId, intervalMs: 10_000, now: (() => { let t = 0; return () => (t += 5000); })() });
    expect(() => offline.stop()).not.toThrow();
  });
});
