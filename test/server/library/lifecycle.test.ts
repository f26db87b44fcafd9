import { call, cameraJpeg, upload } from '../../support/api';
import { rows } from '../../support/db';
import { libraryFixture, type LibraryFixture } from './library-fixture';

/**
 * Writing the library: admins draft, edit, publish and retire; readers only
 * ever see published documents (lists, search, suggestions, the reader and
 * the files). Bodies are cleaned to an allow-list and may only show the
 * admin's own library images.
 */
let f: LibraryFixture;
beforeAll(async () => {
  f = await libraryFixture();
});
afterAll(() => f.server.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const asset = (id: string) => `/api/v1/library-assets/${id}`;
const fetchAsset = (id: string, token?: string) => fetch(`${f.server.url}${asset(id)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function libraryImage(): Promise<string> {
  const res = await upload(f.server, f.token.admin, 'document_image', await cameraJpeg(320, 200));
  expect(res.status).toBe(201);
  return res.body.id;
}

async function libraryPdf(): Promise<string> {
  const res = await upload(f.server, f.token.admin, 'document_pdf', PDF, 'guide.pdf', 'application/pdf');
  expect(res.status).toBe(201);
  return res.body.id;
}

async function draft(overrides: Record<string, unknown> = {}) {
  const res = await call(f.server, 'POST', '/admin/documents', {
    token: f.token.admin,
    body: { title: '超声内镜水囊的安装与检查', category: 'safe_use', summary: '水囊安装不到位会漏水，使用前注水检查。', body: '<p>安装水囊后注水检查有无渗漏。</p>', ...overrides },
  });
  expect(res.status).toBe(201);
  return res.body;
}

const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((d) => d.title);
const search = (q: string, token = f.token.staff) => call(f.server, 'GET', `/documents?q=${encodeURIComponent(q)}`, { token });
const suggest = (q: string) => call(f.server, 'GET', `/help/suggestions?q=${encodeURIComponent(q)}`, { token: f.token.staff });

describe('who may write the library', () => {
  it('answers 403 to staff, engineers and dealers on every admin route, and 401 without a session', async () => {
    const id = (await draft()).id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/admin/documents'],
      ['GET', `/admin/documents/${id}`],
      ['GET', '/admin/documents/stats'],
      ['POST', '/admin/documents', { title: '标题', category: 'safe_use', summary: '摘要', body: '<p>x</p>' }],
      ['PATCH', `/admin/documents/${id}`, { title: '改标题' }],
      ['POST', `/admin/documents/${id}/publish`],
      ['POST', `/admin/documents/${id}/retire`],
    ];
    for (const token of [f.token.staff, f.token.advanced, f.token.engineer, f.token.dealer]) {
      for (const [method, path, body] of routes) {
        const res = await call(f.server, method, path, { token, body });
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
    }
    for (const path of ['/documents', `/documents/${id}`, '/help/suggestions?q=测漏', '/me/browsing', '/admin/documents']) {
      expect((await call(f.server, 'GET', path)).status).toBe(401);
    }
    expect((await call(f.server, 'GET', `/admin/documents/${id}`, { token: f.token.admin })).body.status).toBe('draft');
  });

  it('lets staff not upload library files', async () => {
    const res = await upload(f.server, f.token.staff, 'document_image', await cameraJpeg());
    expect(res.status).toBe(403);
  });
});

describe('publish and retire', () => {
  it('keeps a draft from readers, publishes it into lists and search, and retires it out of them', async () => {
    const doc = await draft({ title: '超声内镜水囊的安装', summary: '超声内镜水囊安装与注水检查。' });
    expect(doc).toMatchObject({ status: 'draft', publishedAt: null, attachments: [] });

    // A draft: nowhere for readers, but the admin may preview it.
    const list = await call(f.server, 'GET', '/documents?limit=50', { token: f.token.staff });
    expect(titles(list)).not.toContain(doc.title);
    expect((await call(f.server, 'GET', `/documents/${doc.id}`, { token: f.token.staff })).status).toBe(404);
    expect((await call(f.server, 'GET', `/documents/${doc.id}`, { token: f.token.admin })).status).toBe(200);
    expect(titles(await search('超声内镜水囊'))).not.toContain(doc.title);

    const published = await call(f.server, 'POST', `/admin/documents/${doc.id}/publish`, { token: f.token.admin });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect((await call(f.server, 'POST', `/admin/documents/${doc.id}/publish`, { token: f.token.admin })).status).toBe(409);

    expect(titles(await call(f.server, 'GET', '/documents?category=safe_use', { token: f.token.staff }))).toContain(doc.title);
    expect(titles(await call(f.server, 'GET', '/documents?category=reprocessing', { token: f.token.staff }))).not.toContain(doc.title);
    const read = await call(f.server, 'GET', `/documents/${doc.id}`, { token: f.token.dealer });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: doc.id, title: doc.title, body: '<p>安装水囊后注水检查有无渗漏。</p>', attachments: [], viewId: expect.any(String) });
    expect(titles(await search('超声内镜水囊'))[0]).toBe(doc.title);
    expect((await suggest('超声内镜水囊怎么装')).body.documents[0].title).toBe(doc.title);

    // An edit to a published document shows in search at once.
    const edited = await call(f.server, 'PATCH', `/admin/documents/${doc.id}`, { token: f.token.admin, body: { title: '超声内镜水囊的安装与更换' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'published', title: '超声内镜水囊的安装与更换', body: doc.body });
    expect(titles(await search('水囊更换'))[0]).toBe('超声内镜水囊的安装与更换');

    const retired = await call(f.server, 'POST', `/admin/documents/${doc.id}/retire`, { token: f.token.admin });
    expect(retired.status).toBe(200);
    expect(retired.body.status).toBe('retired');
    expect((await call(f.server, 'POST', `/admin/documents/${doc.id}/retire`, { token: f.token.admin })).status).toBe(409);
    expect((await call(f.server, 'GET', `/documents/${doc.id}`, { token: f.token.staff })).status).toBe(404);
    expect(titles(await call(f.server, 'GET', '/documents?limit=50', { token: f.token.staff }))).not.toContain('超声内镜水囊的安装与更换');
    expect(titles(await search('超声内镜水囊'))).not.toContain('超声内镜水囊的安装与更换');
    expect((await suggest('超声内镜水囊怎么装')).body.documents.map((d: { id: string }) => d.id)).not.toContain(doc.id);

    const admin = await call(f.server, 'GET', '/admin/documents?status=retired', { token: f.token.admin });
    expect(admin.body.items.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect((await call(f.server, 'GET', '/admin/documents?status=published', { token: f.token.admin })).body.items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expect((await call(f.server, 'GET', `/admin/documents?q=${encodeURIComponent('水囊的安装与更换')}`, { token: f.token.admin })).body.items.map((d: { id: string }) => d.id)).toEqual([doc.id]);

    // Publishing again brings it back with its first publication date.
    const again = await call(f.server, 'POST', `/admin/documents/${doc.id}/publish`, { token: f.token.admin });
    expect(again.body).toMatchObject({ status: 'published', publishedAt: published.body.publishedAt });

    const audit = await rows<{ action: string; actor_id: string }>(f.server.running.orm, "select action, actor_id from audit_event where action like 'library.document.%' and reason like ? order by id", [`${doc.id}%`]);
    expect(audit.map((a) => a.action)).toEqual(['library.document.create', 'library.document.publish', 'library.document.update', 'library.document.retire', 'library.document.publish']);
  });

  it('creates one draft for a save sent twice with the same Idempotency-Key', async () => {
    const body = { title: '重复提交的草稿', category: 'reprocessing', summary: '同一表单只保存一次。', body: '<p>内容</p>' };
    const headers = { 'idempotency-key': `doc-${Date.now()}` };
    const first = await call(f.server, 'POST', '/admin/documents', { token: f.token.admin, body, headers });
    const again = await call(f.server, 'POST', '/admin/documents', { token: f.token.admin, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await rows(f.server.running.orm, 'select id from library_document where title = ?', ['重复提交的草稿'])).toHaveLength(1);
    const changed = await call(f.server, 'POST', '/admin/documents', { token: f.token.admin, body: { ...body, title: '改了标题' }, headers });
    expect(changed.status).toBe(409);
  });

  it('pages the newest-first list with a cursor, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await call(f.server, 'GET', `/documents?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token: f.token.staff });
      seen.push(...page.body.items.map((d) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await call(f.server, 'GET', '/documents?limit=50', { token: f.token.staff });
    expect(seen).toEqual(all.body.items.map((d: { id: string }) => d.id));
    expect(new Set(seen).size).toBe(seen.length);
    const dates = all.body.items.map((d: { publishedAt: string }) => d.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect((await call(f.server, 'GET', '/documents?cursor=nonsense', { token: f.token.staff })).status).toBe(422);
  });

  it('pages search results by rank', async () => {
    const first = await call(f.server, 'GET', `/documents?q=${encodeURIComponent('清洗消毒')}&limit=2`, { token: f.token.staff });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await call(f.server, 'GET', `/documents?q=${encodeURIComponent('清洗消毒')}&limit=2&cursor=${first.body.nextCursor}`, { token: f.token.staff });
    const all = await call(f.server, 'GET', `/documents?q=${encodeURIComponent('清洗消毒')}&limit=4`, { token: f.token.staff });
    expect([...first.body.items, ...next.body.items]).toEqual(all.body.items);
  });
});

describe('sanitising and files', () => {
  it('strips scripts, event handlers, javascript: links and images from elsewhere, keeping our own images', async () => {
    const img = await libraryImage();
    const doc = await draft({
      body: [
        '<h2>步骤</h2><p onclick="steal()">先<strong>注水</strong><script>alert(1)</script></p>',
        `<img src="${asset(img)}" onerror="alert(1)" alt="示意图">`,
        '<img src="https://evil.example/track.png"><img src="//evil.example/x.png"><img src="data:image/png;base64,AAAA">',
        '<a href="javascript:alert(1)">点我</a> <a href="https://www.nmpa.gov.cn/">国家药监局</a>',
        '<iframe src="https://evil.example"></iframe><style>p{color:red}</style><table><tr><td style="x" colspan="2">表格</td></tr></table>',
      ].join(''),
    });
    const body: string = doc.body;
    expect(body).not.toMatch(/script|onerror|onclick|javascript:|evil\.example|data:|iframe|style/i);
    expect(body).toContain(`<img src="${asset(img)}" alt="示意图" />`);
    expect(body).toContain('<a href="https://www.nmpa.gov.cn/" rel="noopener noreferrer nofollow">国家药监局</a>');
    expect(body).toContain('<a>点我</a>');
    expect(body).toContain('<h2>步骤</h2><p>先<strong>注水</strong></p>');
    expect(body).toContain('<td colspan="2">表格</td>');
    const [stored] = await rows<{ body: string }>(f.server.running.orm, 'select body from library_document where id = ?', [doc.id]);
    expect(stored!.body).toBe(body);
    const [file] = await rows<{ document_id: string }>(f.server.running.orm, 'select document_id from stored_file where id = ?', [img]);
    expect(file!.document_id).toBe(doc.id);
  });

  it('refuses images and attachments that are not the admin’s own library uploads, and saves nothing', async () => {
    const badge = await upload(f.server, f.token.staff, 'badge', await cameraJpeg());
    expect(badge.status).toBe(201);
    const before = await rows(f.server.running.orm, 'select id from library_document');
    const foreign = await call(f.server, 'POST', '/admin/documents', {
      token: f.token.admin,
      body: { title: '别人的图片', category: 'safe_use', summary: '不应保存', body: `<p><img src="${asset(badge.body.id)}"></p>` },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'body' })]);

    const img = await libraryImage();
    const wrongPurpose = await call(f.server, 'POST', '/admin/documents', {
      token: f.token.admin,
      body: { title: '图片当附件', category: 'safe_use', summary: '不应保存', body: '<p>x</p>', attachmentIds: [img] },
    });
    expect(wrongPurpose.status).toBe(422);
    expect(wrongPurpose.body.errors).toEqual([expect.objectContaining({ path: 'attachmentIds.0' })]);
    expect(await rows(f.server.running.orm, 'select id from library_document')).toHaveLength(before.length);

    // One document's image cannot be taken into another.
    await draft({ body: `<p><img src="${asset(img)}"></p>` });
    const taken = await call(f.server, 'POST', '/admin/documents', {
      token: f.token.admin,
      body: { title: '借用图片', category: 'safe_use', summary: '不应保存', body: `<p><img src="${asset(img)}"></p>` },
    });
    expect(taken.status).toBe(422);
  });
});

describe('library files', () => {
  it('serves a published document’s image and PDF without a session, and nothing of drafts, retired documents or other files', async () => {
    const img = await libraryImage();
    const pdf = await libraryPdf();
    const doc = await draft({ title: '带附件的文档', body: `<p><img src="${asset(img)}"></p>`, attachmentIds: [pdf] });
    expect(doc.attachments).toEqual([{ id: pdf, url: asset(pdf), mime: 'application/pdf', size: PDF.length }]);

    // Draft: anonymous 404; the editor previews with a session.
    expect((await fetchAsset(img)).status).toBe(404);
    expect((await fetchAsset(img, f.token.staff)).status).toBe(404);
    const preview = await fetchAsset(img, f.token.admin);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('private, no-store');

    await call(f.server, 'POST', `/admin/documents/${doc.id}/publish`, { token: f.token.admin });
    const image = await fetchAsset(img);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('cache-control')).toBe('public, max-age=300');
    const file = await fetchAsset(pdf);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
    const read = await call(f.server, 'GET', `/documents/${doc.id}`, { token: f.token.staff });
    expect(read.body.attachments).toEqual([{ id: pdf, url: asset(pdf), mime: 'application/pdf', size: PDF.length }]);

    // An image taken out of the body is released and no longer served.
    await call(f.server, 'PATCH', `/admin/documents/${doc.id}`, { token: f.token.admin, body: { body: '<p>图片已删除</p>' } });
    expect((await fetchAsset(img)).status).toBe(404);
    expect((await fetchAsset(pdf)).status).toBe(200);

    await call(f.server, 'POST', `/admin/documents/${doc.id}/retire`, { token: f.token.admin });
    expect((await fetchAsset(pdf)).status).toBe(404);

    // A file that is not a library file is never served here, whoever asks.
    const badge = await upload(f.server, f.token.staff, 'badge', await cameraJpeg());
    expect((await fetchAsset(badge.body.id)).status).toBe(404);
    expect((await fetchAsset(badge.body.id, f.token.staff)).status).toBe(404);
    expect((await fetchAsset(badge.body.id, f.token.admin)).status).toBe(404);
    expect((await fetchAsset('0190f0f0-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
