import { queryTokens, tokenize } from '../../../server/src/core/search/chinese-tokenizer';
import { DEMO_DOCUMENTS } from '../../../server/src/db/seed/demo-data';
import { newId } from '../../../server/src/core/ids';
import { bodyText, sanitiseDocumentBody } from '../../../server/src/modules/library/library.html';
import { LibrarySearch } from '../../../server/src/modules/library/search/library-search';
import { LibraryDocumentSchema } from '../../../server/src/modules/library/document.entity';
import { QuickAnswerSchema } from '../../../server/src/modules/chat/quick-answer.entity';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('Chinese tokenizer', () => {
  it('makes character bigrams so 内镜 matches although the segmenter splits it', () => {
    expect(tokenize('内镜测漏')).toEqual(['内镜', '镜测', '测漏']);
  });

  it('adds the segmenter’s longer words, lower-cases Latin and keeps numbers', () => {
    expect(queryTokens('活检钳插不进去')).toContain('不进去');
    expect(queryTokens('QV-G290 电子胃镜 30 秒')).toEqual(expect.arrayContaining(['qv', 'g290', '胃镜', '30']));
    expect(queryTokens('ＣＣＤ')).toEqual(['ccd']);
  });

  it('drops single characters and question words, and counts a query word once', () => {
    expect(queryTokens('水')).toEqual([]);
    expect(queryTokens('怎么办')).toEqual([]);
    expect(queryTokens('测漏不通过怎么办')).not.toContain('怎么');
    expect(queryTokens('测漏 测漏')).toEqual(['测漏']);
  });
});

describe('body text for the index', () => {
  it('is the text without markup, blocks apart, entities decoded', () => {
    const stored = sanitiseDocumentBody('<h3>测漏</h3><p>加压&amp;浸没 &lt;30 秒&gt;</p><script>x()</script><p>“内镜”</p>').html;
    expect(bodyText(stored)).toBe('测漏 加压&浸没 <30 秒> “内镜”');
    expect(bodyText('<p>a &#39;b&#39; &#x5185;镜</p>')).toBe("a 'b' 内镜");
    expect(sanitiseDocumentBody('<p>内镜</p>').imageIds).toEqual([]);
  });

  it('spells our image URLs one way and lists each image once', () => {
    const id = '0191c2a4-1234-7abc-8def-0123456789ab';
    const clean = sanitiseDocumentBody(`<img src=" /api/v1/library-assets/${id.toUpperCase()} "><img src="/api/v1/library-assets/${id}" alt="x"><img src="/api/v1/library-assets/${id}?v=2">`);
    expect(clean.imageIds).toEqual([id]);
    expect(clean.html).toBe(`<img src="/api/v1/library-assets/${id}" /><img src="/api/v1/library-assets/${id}" alt="x" />`);
  });
});

/**
 * 2,000 distinct documents of about 1,000 characters of text each (five demo
 * bodies apiece), as a larger library of real guides would look.
 */
function corpus(n: number) {
  const pick = (i: number) => DEMO_DOCUMENTS[i % DEMO_DOCUMENTS.length]!;
  return Array.from({ length: n }, (_, i) => ({
    ...pick(i),
    title: `${pick(i).title}（第 ${i + 1} 版）`,
    body: [0, 1, 2, 3, 4].map((k) => pick(i + k * 3).body).join('') + `<p>编号 ${i + 1}</p>`,
  }));
}

describe('keeping the index up to date', () => {
  describe('from the database', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.close());

    const fresh = () => server.running.orm.em.fork();

    // Timings (2,000 documents: first build ~7 s, version check 2–4 ms, catch-up 150–320 ms) are in decision 010; tests assert behaviour only.
    it('builds once, then replaces only what changed, ranking as a fresh build would', async () => {
      const em = fresh();
      const published = new Date('2026-10-01T00:00:00Z');
      for (const d of corpus(300)) em.create(LibraryDocumentSchema, { ...d, publishedAt: published, retiredAt: null, attachmentIds: [] });
      await em.flush();

      const search = new LibrarySearch();
      const index = await search.index(fresh());
      expect(index.size).toBe(300);

      // Unchanged rows: the same index, after one version query.
      expect(await search.index(fresh())).toBe(index);

      // An edit, a retirement and a new quick answer (as the chat module writes them) are caught up with one by one.
      const writer = fresh();
      const [first, second] = await writer.find(LibraryDocumentSchema, {}, { orderBy: { id: 'asc' }, limit: 2 });
      first!.title = '内镜转运箱的清洁与更换周期';
      second!.retiredAt = new Date();
      writer.create(QuickAnswerSchema, { question: '内镜测漏时有气泡怎么办', answer: '停止使用并报修。', createdById: newId(), active: true });
      await writer.flush();
      const updated = await search.index(fresh());
      expect(updated).toBe(index);
      expect(updated.size).toBe(300);
      expect(updated.documents('转运箱的清洁与更换周期')[0]!.id).toBe(first!.id);
      expect(updated.documents(second!.title).map((h) => h.id)).not.toContain(second!.id);
      expect(updated.answers('测漏气泡')[0]!.question).toBe('内镜测漏时有气泡怎么办');

      // Searches that find the same change share one catch-up, and agree.
      first!.summary = '已修订';
      await writer.flush();
      const [a, b] = await Promise.all([search.index(fresh()), search.index(fresh())]);
      expect(a).toBe(b);

      // A new instance building from the same rows ranks exactly as the updated one.
      const other = await new LibrarySearch().index(fresh());
      for (const q of ['测漏不通过怎么办', '图像发黑有黑点', '转运箱']) {
        expect(other.documents(q).slice(0, 10)).toEqual(a.documents(q).slice(0, 10));
      }

    });
  });
});
