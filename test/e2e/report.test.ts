import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { browserSuite, input, screenshot, signIn } from '../support/browser';
import { rows } from '../support/db';

/**
 * Reporting a fault and working it, in the H5 build on a phone against the
 * real server: the general demo user reports with two photos (the label
 * code typed in, as on a browser without a camera scanner); the demo
 * engineer finds it in the workbench queue, accepts, holds awaiting parts,
 * resumes and resolves with a service report; the user sees every step on
 * the timeline and in the notification list, and rates the repair.
 */
const suite = browserSuite();
const device = () => suite.device();

const photo = (hue: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: hue, g: 90, b: 160 } } }).jpeg().toBuffer();

async function act(page: Page, action: string, confirm?: { reason?: string; note?: string; found?: string; done?: string }): Promise<void> {
  const detail = page.getByTestId('ticket-detail');
  await detail.getByTestId(`ticket-action-${action}`).click();
  if (confirm) {
    const sheet = page.getByTestId(`ticket-${action}-dialog`);
    await sheet.waitFor();
    if (confirm.reason) await sheet.locator(`[data-testid="ticket-hold-reason"][data-key="${confirm.reason}"]`).click();
    if (confirm.note) await sheet.locator(`[data-testid="ticket-${action}-note"] textarea`).fill(confirm.note);
    if (confirm.found) await sheet.locator(`[data-testid="ticket-${action}-found"] textarea`).fill(confirm.found);
    if (confirm.done) await sheet.locator(`[data-testid="ticket-${action}-done"] textarea`).fill(confirm.done);
    await sheet.getByTestId(`ticket-${action}-confirm`).click();
  }
}

async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="ticket-status"][data-status="${status}"]`).first().waitFor({ timeout: 20_000 });
}

describe('report a fault and follow it to resolution', () => {
  let ticketId = '';
  let ticketNumber = '';

  it('a nurse reports a fault with two photos in under a minute', async () => {
    const [label] = await rows<{ label_code: string; serial: string }>(
      suite.server.running.orm,
      "select u.label_code, u.serial from equipment_unit u join department d on d.id = u.department_id where d.name = '消化内镜中心' order by u.serial limit 1",
    );
    const page = await device();
    await signIn(page, suite.server.url, '13800000004');
    await page.getByTestId('home-report').click();
    await page.getByTestId('report-page').waitFor();

    await input(page, 'report-code').fill(label!.label_code);
    await page.getByTestId('report-code-lookup').click();
    await page.getByTestId('report-equipment-serial').filter({ hasText: label!.serial }).waitFor();
    await page.locator('[data-testid="report-description"] textarea').fill('胃镜图像出现黑点，白平衡后仍存在，无法继续检查。');

    for (const hue of [40, 200]) {
      await page.getByTestId('report-photo-add').click();
      if (hue === 40) {
        await page.getByTestId('purpose-consent-fault_media').waitFor();
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('purpose-consent-accept').click()]);
        await chooser.setFiles({ name: 'fault-1.jpg', mimeType: 'image/jpeg', buffer: await photo(hue) });
      } else {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('report-photo-add').click()]);
        await chooser.setFiles({ name: 'fault-2.jpg', mimeType: 'image/jpeg', buffer: await photo(hue) });
      }
    }
    await page.locator('[data-testid="report-photo"][data-state="done"]').nth(1).waitFor({ timeout: 20_000 });
    await input(page, 'report-contact-phone').fill('13800000004');
    await screenshot(page, 'report-form');

    await page.getByTestId('report-submit').click();
    const number = page.getByTestId('report-success-number');
    await number.waitFor({ timeout: 20_000 });
    ticketNumber = (await number.innerText()).trim();
    expect(ticketNumber).toMatch(/^R\d{8}-\d{4}$/);
    await screenshot(page, 'report-success');

    const [row] = await rows<{ id: string; photos: number }>(
      suite.server.running.orm,
      "select t.id, (select count(*) from stored_file f where f.owner_id = t.reporter_id and f.purpose = 'ticket_photo' and f.attached_at is not null) as photos from ticket t where t.number = ?",
      [ticketNumber],
    );
    ticketId = row!.id;
    expect(Number(row!.photos)).toBe(2);
    // The draft is gone once the report went through.
    expect(await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('scopedesk.ticketDraft'))).toBeNull();
  }, 120_000);

  it('the engineer takes it from the workbench queue, accepts, holds awaiting parts, resumes and resolves with a service report', async () => {
    const page = await device();
    await signIn(page, suite.server.url, '13800000002');
    await page.getByTestId('home-workbench').click();
    await page.getByTestId('workbench-page').waitFor({ timeout: 20_000 });
    const card = page.locator(`[data-testid="ticket-card"][data-number="${ticketNumber}"]`);
    await card.waitFor({ timeout: 20_000 });
    await screenshot(page, 'report-engineer-queue');
    await card.click();
    await page.getByTestId('ticket-detail').waitFor({ timeout: 20_000 });
    // The fault photos came with the ticket.
    await page.locator('[data-testid="ticket-photo"] img').nth(1).waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('ticket-photo').count()).resolves.toBe(2);
    await act(page, 'accept');
    await waitForStatus(page, 'accepted');
    await act(page, 'start');
    await waitForStatus(page, 'in_progress');
    await act(page, 'hold', { reason: 'awaiting_parts', note: '已订购插入管，预计三天到货' });
    await waitForStatus(page, 'on_hold');
    await screenshot(page, 'report-engineer-hold');
    await act(page, 'resume');
    await waitForStatus(page, 'in_progress');
    await act(page, 'resolve', { found: '先端 CCD 模块受潮，图像出现黑点', done: '更换 CCD 模块，图像测试正常' });
    await waitForStatus(page, 'resolved');
    await page.getByTestId('ticket-service-report').waitFor();
    await screenshot(page, 'report-engineer-resolved');
  }, 120_000);

  it('the nurse sees every step on the timeline', async () => {
    const page = await device();
    await signIn(page, suite.server.url, '13800000004');
    await page.goto(`${suite.server.url}/?load=${Date.now()}#/packages/ticket/detail/index?id=${ticketId}`);
    const timeline = page.getByTestId('ticket-timeline');
    await timeline.waitFor({ timeout: 20_000 });
    const kinds = await timeline.getByTestId('ticket-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['create', 'accept', 'start', 'hold', 'resume', 'resolve']);
    await expect(timeline.innerText()).resolves.toContain('等待配件');
    await expect(page.getByTestId('ticket-service-report').innerText()).resolves.toContain('更换 CCD 模块');
    await timeline.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-timeline');
  }, 120_000);

  it('the nurse finds each step in the notification list, then rates the repair, which closes it', async () => {
    const page = await device();
    await signIn(page, suite.server.url, '13800000004');
    await page.getByTestId('home-notifications').click();
    await page.getByTestId('notifications-page').waitFor({ timeout: 20_000 });
    const items = page.getByTestId('notification');
    await items.nth(4).waitFor({ timeout: 20_000 });
    const texts = await items.allInnerTexts();
    const aboutThis = texts.filter((t) => t.includes(ticketNumber));
    // Newest first: resolved, resumed, on hold (awaiting parts), started, accepted.
    expect(aboutThis).toHaveLength(5);
    expect(aboutThis[0]).toContain('已解决');
    expect(aboutThis[2]).toContain('等待配件');
    expect(aboutThis[4]).toContain('已受理');
    await screenshot(page, 'report-notifications');

    await items.first().click();
    await page.getByTestId('ticket-rating-form').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="rating-star"][data-score="5"]').click();
    await page.locator('[data-testid="ticket-rating-comment"] textarea').fill('工程师响应很快，维修后图像清晰。');
    await screenshot(page, 'report-rating-form');
    await page.getByTestId('ticket-rating-submit').click();
    await waitForStatus(page, 'closed');
    await page.getByTestId('ticket-rating').waitFor();
    await screenshot(page, 'report-rated');
    const [rated] = await rows<{ score: number }>(suite.server.running.orm, 'select r.score from ticket_rating r where r.ticket_id = ?', [ticketId]);
    expect(Number(rated!.score)).toBe(5);
  }, 120_000);
});
