import { browserSuite, screenshot, signIn } from '../support/browser';
import { rows } from '../support/db';

/**
 * Asking customer service, in the H5 build on phones against the real
 * server: 李静 types a question and is offered the library's documents on
 * it before anyone is bothered; she still opens a conversation; the demo
 * engineer finds it in the queue and answers; her open conversation shows
 * the answer without a reload (long-polling).
 */
const suite = browserSuite();
const device = () => suite.device();

describe('ask a question, see suggestions, get an answer without reloading', () => {
  it('runs from the question to the live answer', async () => {
    const nurse = await device();
    await signIn(nurse, suite.server.url, '13800000004');
    await nurse.getByTestId('home-chat').click();
    await nurse.getByTestId('chat-ask-page').waitFor({ timeout: 20_000 });
    await nurse.locator('[data-testid="chat-question"] textarea').fill('内镜测漏不通过怎么办？');

    // The library answers first: a leak-test document among the top three suggestions.
    const suggestion = nurse.getByTestId('chat-suggestion-document');
    await suggestion.first().waitFor({ timeout: 20_000 });
    const titles = (await suggestion.allInnerTexts()).slice(0, 3);
    expect(titles.some((t) => t.includes('测漏'))).toBe(true);
    await screenshot(nurse, 'chat-suggestions');

    await nurse.getByTestId('chat-start').click();
    await nurse.getByTestId('chat-page').waitFor({ timeout: 20_000 });
    await nurse.locator('[data-testid="chat-message"][data-state="sent"]').first().waitFor({ timeout: 20_000 });
    const [chat] = await rows<{ id: string }>(suite.server.running.orm, 'select id from chat_session order by id desc limit 1');

    const engineer = await device();
    await signIn(engineer, suite.server.url, '13800000002');
    await engineer.getByTestId('home-chat').click();
    await engineer.getByTestId('chat-queue-page').waitFor({ timeout: 20_000 });
    const item = engineer.locator(`[data-testid="chat-item"][data-chat-id="${chat!.id}"]`);
    await item.waitFor({ timeout: 20_000 });
    await screenshot(engineer, 'chat-queue');
    await item.click();
    await engineer.getByTestId('chat-page').waitFor({ timeout: 20_000 });
    await expect(engineer.getByTestId('chat-page').innerText()).resolves.toContain('内镜测漏不通过怎么办');
    const answer = '请立即停止使用该内镜，按测漏流程复测一次；仍不通过请直接报修，我们安排工程师取件。';
    await engineer.locator('[data-testid="chat-input"] textarea').fill(answer);
    await engineer.getByTestId('chat-send').click();
    await engineer.locator('[data-testid="chat-message"][data-state="sent"]').filter({ hasText: '停止使用该内镜' }).waitFor({ timeout: 20_000 });

    // The nurse's page was never reloaded: the answer arrives through the held request.
    const started = Date.now();
    await nurse.locator('[data-testid="chat-message"][data-mine="false"]').filter({ hasText: '停止使用该内镜' }).waitFor({ timeout: 30_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    await screenshot(nurse, 'chat-answer-arrived');
    await screenshot(engineer, 'chat-engineer-answered');

    // Stored sealed, never as plain text.
    const [stored] = await rows<{ body_sealed: string }>(suite.server.running.orm, 'select body_sealed from chat_message where chat_id = ? order by id desc limit 1', [chat!.id]);
    expect(stored!.body_sealed.startsWith('v1.')).toBe(true);
    expect(stored!.body_sealed).not.toContain('停止使用');
  }, 180_000);

  it('opens the library by category and reads a document', async () => {
    const nurse = await device();
    await signIn(nurse, suite.server.url, '13800000004');
    await nurse.getByTestId('home-library').click();
    const doc = nurse.getByTestId('library-doc');
    await doc.first().waitFor({ timeout: 20_000 });
    await screenshot(nurse, 'library-list');
    await doc.first().click();
    await nurse.getByTestId('doc-reader').waitFor({ timeout: 20_000 });
    await nurse.getByTestId('doc-body').waitFor();
    await screenshot(nurse, 'library-reader');
    const [views] = await rows<{ n: number }>(suite.server.running.orm, 'select count(*) as n from document_view');
    expect(Number(views!.n)).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('an admin writes and publishes a document at a desk (1440 px), and readers find it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const desk = await context.newPage();
    suite.pages.push(desk);
    await signIn(desk, suite.server.url, '13800000001');
    await desk.goto(`${suite.server.url}/?load=${Date.now()}#/packages/library/admin/index`);
    await desk.getByTestId('doc-admin-page').waitFor({ timeout: 20_000 });
    await desk.getByTestId('doc-admin-new').click();
    await desk.locator('[data-testid="doc-edit-title"] input').fill('十二指肠镜抬钳器的清洗要点');
    await desk.locator('[data-testid="doc-edit-summary"] textarea').fill('抬钳器结构复杂，是清洗消毒的难点，按步骤刷洗并在抬起和放下位置各冲洗一次。');
    await desk.locator('.ProseMirror').click();
    await desk.keyboard.type('抬钳器需要在抬起和放下两个位置分别刷洗和冲洗，最后用压缩空气吹干。');
    await screenshot(desk, 'library-admin-editor-1440');
    await desk.getByTestId('doc-edit-publish').click();
    await desk.locator('.taro-model__confirm').click();
    // Saved and published through the API behind the form.
    const published = async () =>
      (await rows<{ n: number }>(suite.server.running.orm, "select count(*) as n from library_document where title = '十二指肠镜抬钳器的清洗要点' and published_at is not null and retired_at is null"))[0]!.n;
    for (let i = 0; i < 40 && Number(await published()) === 0; i++) await desk.waitForTimeout(500);
    expect(Number(await published())).toBe(1);
    await desk.goto(`${suite.server.url}/?load=${Date.now()}#/packages/library/admin/index`);
    await desk.locator('[data-testid="doc-admin-row"][data-status="published"]').first().waitFor({ timeout: 20_000 });
    await screenshot(desk, 'library-admin-list-1440');

    const nurse = await device();
    await signIn(nurse, suite.server.url, '13800000004');
    await nurse.getByTestId('home-library').click();
    await nurse.locator('[data-testid="library-search"] input').fill('抬钳器');
    await nurse.getByTestId('library-doc').filter({ hasText: '十二指肠镜抬钳器的清洗要点' }).waitFor({ timeout: 20_000 });
  }, 180_000);
});
