import { call } from '../../support/api';
import { libraryFixture, type LibraryFixture } from './library-fixture';

/**
 * Search relevance on the demo library: questions as nurses type them, each
 * with the document that answers it, which must rank in the top three — in
 * the suggestions before a chat and in the library's own search. The same
 * table runs on SQLite and PostgreSQL (the index is built from the rows, so
 * the ranking must not differ).
 */
const QUESTIONS: [question: string, expected: string][] = [
  ['内镜测漏不通过怎么办', '测漏：为什么每次清洗前都要做'],
  ['图像发黑有黑点', '图像异常的排查：发黑、黑点、雾状与偏色'],
  ['活检钳插不进去', '活检通道损伤的预防'],
  ['清洗后管道里有水怎么处理', '内镜干燥与管道残留水的处理'],
  ['先端帽掉了怎么办', '先端帽的正确安装与取下'],
  ['按送水按钮不出水', '水气管道堵塞的预防与处理'],
  ['内镜应该怎么存放和运送', '内镜的储存与转运'],
  ['胃镜往上弯不到位，旋钮很紧', '弯曲角度变小、旋钮发紧的早期识别'],
  ['消毒液浓度怎么检测', '清洗剂与消毒剂的使用及浓度监测'],
  ['插入管被病人咬了有褶皱', '预防插入部损伤的五个习惯'],
  ['送修需要提供消毒记录吗', '送修前的消毒证明'],
  ['每次用镜前要检查哪些项目', '内镜日常使用前检查清单'],
  ['光源和主机先开哪个', '图像处理器与冷光源的开关机顺序'],
  ['清洗的时候要不要盖防水帽', '防水帽：浸泡前必须盖好'],
  ['软式内镜清洗消毒有哪些步骤', '软式内镜清洗消毒流程（概要）'],
];

let f: LibraryFixture;
beforeAll(async () => {
  f = await libraryFixture();
});
afterAll(() => f.server.close());

describe('search relevance on the demo library', () => {
  it.each(QUESTIONS)('suggestions for “%s” include “%s” in the top 3', async (question, expected) => {
    const res = await call(f.server, 'GET', `/help/suggestions?q=${encodeURIComponent(question)}`, { token: f.token.staff });
    expect(res.status).toBe(200);
    expect(res.body.documents.length).toBeLessThanOrEqual(3);
    expect(res.body.documents.map((d: { title: string }) => d.title)).toContain(expected);
  });

  it.each(QUESTIONS)('library search for “%s” ranks “%s” in the top 3', async (question, expected) => {
    const res = await call(f.server, 'GET', `/documents?q=${encodeURIComponent(question)}&limit=3`, { token: f.token.engineer });
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { title: string }) => d.title)).toContain(expected);
  });

  it('offers past answers that match the question, at most three', async () => {
    const cases: [string, string][] = [
      ['测漏有连续气泡还能用吗', '测漏时弯曲部冒出连续气泡，还能继续用吗？'],
      ['活检钳插不进去', '活检钳插到一半插不进去了怎么办？'],
      ['吸引按钮回弹慢', '吸引按钮按下去回弹很慢是什么原因？'],
    ];
    for (const [question, expected] of cases) {
      const res = await call(f.server, 'GET', `/help/suggestions?q=${encodeURIComponent(question)}`, { token: f.token.staff });
      expect(res.body.answers.length).toBeLessThanOrEqual(3);
      expect(res.body.answers[0]).toEqual({ id: expect.any(String), question: expected, answer: expect.any(String) });
    }
  });

  it('finds Latin and numbers case-insensitively and ignores single characters', async () => {
    const ccd = await call(f.server, 'GET', `/documents?q=${encodeURIComponent('ccd')}`, { token: f.token.staff });
    expect(ccd.body.items.map((d: { title: string }) => d.title)).toContain('图像异常的排查：发黑、黑点、雾状与偏色');
    const single = await call(f.server, 'GET', `/documents?q=${encodeURIComponent('水')}`, { token: f.token.staff });
    expect(single.body).toEqual({ items: [], nextCursor: null });
  });

  it('narrows a search to one category', async () => {
    const res = await call(f.server, 'GET', `/documents?q=${encodeURIComponent('测漏')}&category=reprocessing`, { token: f.token.staff });
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((d: { category: string }) => d.category === 'reprocessing')).toBe(true);
  });
});
