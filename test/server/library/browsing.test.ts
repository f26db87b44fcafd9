import { call } from '../../support/api';
import { rows } from '../../support/db';
import { TestClock } from '../../support/test-server';
import { libraryFixture, type LibraryFixture } from './library-fixture';

/**
 * Browsing records: every opening is one, reading time is reported only by
 * the reader and only grows; people see their own history, admins only
 * aggregates — counts per document and category, averages withheld below
 * three readers, and never a user id.
 */
const clock = new TestClock();
let f: LibraryFixture;
let userIds: string[];
beforeAll(async () => {
  f = await libraryFixture({ clock });
  userIds = [];
  for (const token of Object.values(f.token)) userIds.push((await call(f.server, 'GET', '/me', { token })).body.id);
});
afterAll(() => f.server.close());

const open = async (token: string, id: string): Promise<string> => {
  const res = await call(f.server, 'GET', `/documents/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body.viewId;
};
const report = (token: string, docId: string, viewId: string, seconds: number) =>
  call(f.server, 'POST', `/documents/${docId}/reading`, { token, body: { viewId, seconds } });
const stats = (query = '') => call(f.server, 'GET', `/admin/documents/stats${query}`, { token: f.token.admin });

describe('browsing records', () => {
  it('records each opening; only the reader reports time, and only the largest value counts, capped', async () => {
    const doc = await f.docId('测漏：为什么每次清洗前都要做');
    const first = await open(f.token.staff, doc);
    const second = await open(f.token.staff, doc);
    expect(second).not.toBe(first);
    const stored = await rows<{ user_id: string }>(f.server.running.orm, 'select user_id from document_view where id in (?, ?)', [first, second]);
    expect(stored).toHaveLength(2);

    expect((await report(f.token.staff, doc, first, 30)).body).toEqual({ viewId: first, secondsRead: 30 });
    expect((await report(f.token.staff, doc, first, 10)).body).toEqual({ viewId: first, secondsRead: 30 });
    expect((await report(f.token.staff, doc, first, 45)).body).toEqual({ viewId: first, secondsRead: 45 });
    expect((await report(f.token.staff, doc, second, 50_000)).body).toEqual({ viewId: second, secondsRead: 7200 });
    expect((await report(f.token.staff, doc, second, 100_000)).status).toBe(422);

    // Someone else's opening, or the opening of another document, is 404 and changes nothing.
    expect((await report(f.token.engineer, doc, first, 600)).status).toBe(404);
    expect((await report(f.token.admin, doc, first, 600)).status).toBe(404);
    const other = await f.docId('送修前的消毒证明');
    expect((await report(f.token.staff, other, first, 600)).status).toBe(404);
    const [row] = await rows<{ seconds_read: number }>(f.server.running.orm, 'select seconds_read from document_view where id = ?', [first]);
    expect(Number(row!.seconds_read)).toBe(45);
  });

  it('shows people their own history only, newest first, and admins none of anyone else’s', async () => {
    const a = await f.docId('先端帽的正确安装与取下');
    const b = await f.docId('内镜的储存与转运');
    await open(f.token.advanced, a);
    const latest = await open(f.token.advanced, b);
    await report(f.token.advanced, b, latest, 12);
    await open(f.token.engineer, a);

    const mine = await call(f.server, 'GET', '/me/browsing', { token: f.token.advanced });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.items[0]).toEqual({ id: latest, document: { id: b, title: '内镜的储存与转运' }, openedAt: expect.any(String), secondsRead: 12 });
    expect(mine.body.items[1].document.id).toBe(a);

    const page = await call(f.server, 'GET', '/me/browsing?limit=1', { token: f.token.advanced });
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([latest]);
    const rest = await call(f.server, 'GET', `/me/browsing?limit=1&cursor=${page.body.nextCursor}`, { token: f.token.advanced });
    expect(rest.body.items[0].document.id).toBe(a);

    // The engineer's and the admin's lists hold only their own openings.
    const engineer = await call(f.server, 'GET', '/me/browsing?limit=50', { token: f.token.engineer });
    const engineerViews = await rows<{ id: string }>(f.server.running.orm, 'select v.id from document_view v where v.user_id = ? order by v.id desc', [userIds[1]]);
    expect(engineer.body.items.map((i: { id: string }) => i.id)).toEqual(engineerViews.map((v) => v.id));
    expect((await call(f.server, 'GET', '/me/browsing', { token: f.token.admin })).body.items).toEqual([]);
  });
});

describe('reading statistics', () => {
  it('counts views and readers per document and category, withholds the average below three readers and never shows a user id', async () => {
    const doc = await f.docId('活检通道损伤的预防');
    const v1 = await open(f.token.staff, doc);
    const v2 = await open(f.token.staff, doc);
    const v3 = await open(f.token.engineer, doc);
    await report(f.token.staff, doc, v1, 60);
    await report(f.token.staff, doc, v2, 30);
    await report(f.token.engineer, doc, v3, 90);

    const two = await stats();
    expect(two.status).toBe(200);
    expect(two.body.minReaders).toBe(3);
    expect(two.body.documents.find((d: { id: string }) => d.id === doc)).toEqual({
      id: doc,
      title: '活检通道损伤的预防',
      category: 'fault_prevention',
      views: 3,
      readers: 2,
      avgSeconds: null,
    });

    const v4 = await open(f.token.dealer, doc);
    await report(f.token.dealer, doc, v4, 20);
    const three = await stats();
    expect(three.body.documents.find((d: { id: string }) => d.id === doc)).toMatchObject({ views: 4, readers: 3, avgSeconds: 50 });

    // Categories: all three are listed; their counts add up from the documents.
    expect(three.body.categories.map((c: { category: string }) => c.category).sort()).toEqual(['fault_prevention', 'reprocessing', 'safe_use']);
    for (const c of three.body.categories) {
      const docs = three.body.documents.filter((d: { category: string }) => d.category === c.category);
      expect(c.views).toBe(docs.reduce((n: number, d: { views: number }) => n + d.views, 0));
      if (c.readers < 3) expect(c.avgSeconds).toBeNull();
    }
    const json = JSON.stringify(three.body);
    for (const id of userIds) expect(json).not.toContain(id);
    expect(json).not.toMatch(/user|viewId|phone|name/i);
  });

  it('keeps the average withheld when a date range isolates one reader', async () => {
    const doc = await f.docId('水气管道堵塞的预防与处理');
    for (const token of [f.token.staff, f.token.engineer, f.token.dealer]) await report(token, doc, await open(token, doc), 40);
    expect((await stats()).body.documents.find((d: { id: string }) => d.id === doc)).toMatchObject({ views: 3, readers: 3, avgSeconds: 40 });

    clock.advance(10 * 24 * 3600_000);
    const from = clock.now().toISOString();
    const alone = await open(f.token.advanced, doc);
    await report(f.token.advanced, doc, alone, 300);
    const to = new Date(clock.now().getTime() + 60_000).toISOString();

    const range = await stats(`?from=${from}&to=${to}`);
    expect(range.status).toBe(200);
    expect(range.body.documents.find((d: { id: string }) => d.id === doc)).toMatchObject({ views: 1, readers: 1, avgSeconds: null });
    expect(range.body.categories.find((c: { category: string }) => c.category === 'fault_prevention')).toMatchObject({ views: 1, readers: 1, avgSeconds: null });
    expect(range.body.documents.filter((d: { views: number }) => d.views > 0)).toHaveLength(1);

    const before = await stats(`?to=${from}`);
    expect(before.body.documents.find((d: { id: string }) => d.id === doc)).toMatchObject({ views: 3, readers: 3, avgSeconds: 40 });
    expect(JSON.stringify(range.body)).not.toContain(userIds[4]!);
  });
});
