import { browserSuite, input, screenshot, signIn, tab } from '../support/browser';
import { rows } from '../support/db';

/**
 * Points and gifts in the H5 build against the real server with demo data:
 * 李静 (demo staff, 1,500 points) redeems a gift with a new address picked
 * from the region cascader, sees her balance drop and the order pending; the
 * admin at a desk (1440 px) ships it with a tracking number from the
 * fulfilment console; 李静 then sees it shipped with the carrier and number.
 */
const suite = browserSuite();
const TRACKING = 'SF1234567890123';
/** Straight to a page, as a bookmark or a tap on a notification would (tab bars are absent on subpackage pages). */
const open = (page: import('playwright-core').Page, path: string) => page.goto(`${suite.server.url}/?load=${Date.now()}#${path}`);

describe('redeem a gift, ship it, see it shipped', () => {
  it('runs from 我的 to a shipped order', async () => {
    const nurse = await suite.device();
    await signIn(nurse, suite.server.url, '13800000004');
    await tab(nurse, '我的');
    const balance = nurse.getByTestId('me-points-balance');
    await balance.waitFor({ timeout: 20_000 });
    const before = Number(await balance.innerText());
    expect(before).toBe(1500);
    await expect(nurse.getByTestId('me-points-cap').innerText()).resolves.toContain('¥0');
    await screenshot(nurse, 'points-me-card');

    // The catalog: the sold-out charger is shown but cannot be had.
    await nurse.getByTestId('me-points-gifts').click();
    await nurse.getByTestId('gifts-page').waitFor({ timeout: 20_000 });
    await nurse.locator('[data-testid="gift-card"][data-available="false"]').filter({ hasText: '无线充电器' }).waitFor({ timeout: 20_000 });
    // The pictures on screen have arrived (drawn by the demo seed, served by /gift-images).
    // (A string: the test project's TypeScript has no DOM types.)
    await nurse.waitForFunction(
      `(() => { const shown = [...document.querySelectorAll('[data-testid="gift-card"] img')].slice(0, 4);
        return shown.length === 4 && shown.every((img) => img.complete && img.naturalWidth > 0); })()`,
      undefined,
      { timeout: 20_000 },
    );
    await screenshot(nurse, 'points-catalog');
    await nurse.getByTestId('gift-card').filter({ hasText: '防雾护目镜' }).click();
    await nurse.getByTestId('gift-page').waitFor({ timeout: 20_000 });
    await expect(nurse.getByTestId('gift-price').innerText()).resolves.toContain('300');
    await screenshot(nurse, 'points-gift-detail');
    await nurse.getByTestId('gift-redeem').click();

    // No saved address yet: add one on the way, region from the cascader.
    await nurse.getByTestId('redeem-page').waitFor({ timeout: 20_000 });
    await nurse.getByTestId('redeem-add-address').click();
    await nurse.getByTestId('address-edit-page').waitFor({ timeout: 20_000 });
    await input(nurse, 'address-recipient').fill('李静');
    await input(nurse, 'address-phone').fill('13912345678');
    await nurse.getByTestId('address-region-open').click();
    for (const name of ['广东省', '深圳市', '南山区']) await nurse.locator('.nut-cascader-item').filter({ hasText: new RegExp(`^${name}$`) }).first().click();
    await expect(nurse.getByTestId('address-region-text').innerText()).resolves.toBe('广东省 深圳市 南山区');
    await nurse.locator('[data-testid="address-detail"] textarea').fill('科技园南区深南大道 9988 号 3 栋 1201');
    await screenshot(nurse, 'points-address-form');
    await nurse.getByTestId('address-save').click();

    await nurse.getByTestId('redeem-address').waitFor({ timeout: 20_000 });
    await expect(nurse.getByTestId('redeem-address').innerText()).resolves.toContain('深圳市');
    await expect(nurse.getByTestId('redeem-balance-after').innerText()).resolves.toContain('1200');
    await screenshot(nurse, 'points-redeem-confirm');
    await nurse.getByTestId('redeem-submit').click();
    await nurse.getByTestId('redeem-confirm-ok').click();

    await nurse.getByTestId('order-page').waitFor({ timeout: 20_000 });
    // Scoped to the summary: an order card further back in the page stack carries the same status tag.
    await nurse.getByTestId('order-summary').locator('[data-testid="order-status"][data-status="pending"]').waitFor({ timeout: 20_000 });
    const number = (await nurse.getByTestId('order-number').innerText()).match(/DH\w+/)![0];
    await screenshot(nurse, 'points-order-pending');

    // Stored once, the address sealed, the balance moved by the price.
    const orders = await rows<{ id: string; status: string; address_sealed: string; points_total: number }>(
      suite.server.running.orm,
      'select id, status, address_sealed, points_total from redemption_order where number = ?',
      [number],
    );
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ status: 'pending' });
    expect(Number(orders[0]!.points_total)).toBe(300);
    expect(orders[0]!.address_sealed).not.toContain('深南大道');

    await open(nurse, '/pages/me/index');
    await nurse.getByTestId('me-points-balance').filter({ hasText: String(before - 300) }).waitFor({ timeout: 20_000 });
    await expect(nurse.getByTestId('me-points-cap').innerText()).resolves.toContain('¥45');

    // The admin ships it from the fulfilment console at a desk.
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const desk = await context.newPage();
    suite.pages.push(desk);
    await signIn(desk, suite.server.url, '13800000001');
    await tab(desk, '我的');
    await desk.locator('.me-admin-orders').click();
    await desk.getByTestId('admin-orders-page').waitFor({ timeout: 20_000 });
    const row = desk.locator(`[data-testid="admin-order-row"][data-number="${number}"]`);
    await row.waitFor({ timeout: 20_000 });
    await expect(row.getByTestId('admin-order-address').innerText()).resolves.toContain('深南大道');
    await screenshot(desk, 'points-admin-orders-1440');
    await row.getByTestId('admin-order-ship').click();
    await desk.getByTestId('admin-ship-dialog').waitFor();
    await desk.locator('[data-testid="admin-ship-carrier-option"][data-key="顺丰速运"]').click();
    await input(desk, 'admin-ship-tracking').fill(TRACKING);
    await screenshot(desk, 'points-admin-ship-dialog-1440');
    await desk.getByTestId('admin-ship-confirm').click();
    await desk.locator(`[data-testid="admin-order-row"][data-number="${number}"][data-status="shipped"]`).waitFor({ timeout: 20_000 });
    await expect(row.getByTestId('admin-order-tracking').innerText()).resolves.toContain(TRACKING);
    await screenshot(desk, 'points-admin-shipped-1440');
    // The catalog from the same console: the glasses went down by the one she took.
    await desk.getByTestId('admin-orders-gifts').click();
    await desk.getByTestId('admin-gifts-page').waitFor({ timeout: 20_000 });
    const glasses = desk.getByTestId('admin-gift-row').filter({ hasText: '防雾护目镜' });
    await expect(glasses.getByTestId('admin-gift-stock').innerText()).resolves.toContain('199');
    await screenshot(desk, 'points-admin-gifts-1440');

    // 李静 sees it shipped, with the carrier and the number to track.
    await nurse.reload();
    await nurse.getByTestId('me-points-orders').click();
    await nurse.getByTestId('orders-page').waitFor({ timeout: 20_000 });
    const card = nurse.locator(`[data-testid="order-card"][data-order-id="${orders[0]!.id}"]`);
    await card.and(nurse.locator('[data-status="shipped"]')).waitFor({ timeout: 20_000 });
    await card.click();
    await nurse.getByTestId('order-summary').locator('[data-testid="order-status"][data-status="shipped"]').waitFor({ timeout: 20_000 });
    await expect(nurse.getByTestId('order-carrier').innerText()).resolves.toContain('顺丰速运');
    await expect(nurse.getByTestId('order-tracking-no').innerText()).resolves.toContain(TRACKING);
    await screenshot(nurse, 'points-order-shipped');

    // Her ledger shows where the points went.
    await open(nurse, '/packages/points/index');
    const spent = nurse.locator('[data-testid="ledger-entry"][data-reason="redemption"]');
    await spent.waitFor({ timeout: 20_000 });
    await expect(spent.getByTestId('ledger-entry-delta').innerText()).resolves.toContain('-300');
    await screenshot(nurse, 'points-ledger');
  }, 240_000);
});
