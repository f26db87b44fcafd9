import type { Page } from 'playwright-core';
import { browserSuite, input, screenshot, signIn } from '../support/browser';
import { rows } from '../support/db';
import { eventually } from '../support/eventually';
import { BAD_ROW_MESSAGE, equipmentCsv } from '../support/equipment-csv';

/**
 * The admin console in the H5 build, at a desk (1440 × 900) and on a phone
 * (375 × 812), against the real server with demo data: import a CSV of 200
 * equipment units with one bad row (reported, the other 199 applied), print
 * their QR labels, find 李静 by her phone number and sign her out everywhere,
 * and read the dashboard, whose open-ticket figure matches the database.
 */
const suite = browserSuite();
const STAFF_PHONE = '13800000004';
/** Straight to a page, as a bookmark would (subpackage pages have no tab bar). */
const open = (page: Page, path: string) => page.goto(`${suite.server.url}/?load=${Date.now()}#${path}`);

const VIEWPORTS = [
  { name: '1440', viewport: { width: 1440, height: 900 }, mobile: false, prefix: 'DK' },
  { name: '375', viewport: { width: 375, height: 812 }, mobile: true, prefix: 'PH' },
] as const;

async function adminAt(v: (typeof VIEWPORTS)[number]): Promise<Page> {
  const context = await suite.browser.newContext({
    viewport: v.viewport,
    deviceScaleFactor: v.mobile ? 2 : 1,
    isMobile: v.mobile,
    hasTouch: v.mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // window.print() would open the system dialog: count the calls instead.
  await context.addInitScript('window.__printed = 0; window.print = () => { window.__printed += 1; };');
  const page = await context.newPage();
  suite.pages.push(page);
  await signIn(page, suite.server.url, '13800000001');
  return page;
}

describe.each(VIEWPORTS)('the admin console at $name px', (v) => {
  it('imports 200 units, prints their labels, signs a user out everywhere and reads the dashboard', async () => {
    // 李静 is signed in on her phone before the admin starts.
    const nurse = await suite.device();
    await signIn(nurse, suite.server.url, STAFF_PHONE);

    const admin = await adminAt(v);
    await open(admin, '/packages/admin/directory/import/index');
    await admin.getByTestId('admin-import-kind-equipment').click();
    const csv = equipmentCsv({ count: 200, badRow: 57, serialPrefix: `E2E${v.prefix}` });
    await admin.locator('input[type="file"]').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

    // The dry run: 199 new units, one row with an error, nothing stored yet.
    const summary = admin.getByTestId('admin-import-summary');
    await summary.waitFor({ timeout: 30_000 });
    await expect(summary.getAttribute('data-created')).resolves.toBe('199');
    await expect(summary.getAttribute('data-failed')).resolves.toBe('1');
    const preview = admin.getByTestId('admin-import-preview');
    await expect(preview.innerText()).resolves.toContain('58');
    await expect(preview.innerText()).resolves.toContain(BAD_ROW_MESSAGE);
    const serials = `E2E${v.prefix}%`;
    const count = async () => (await rows<{ n: number }>(suite.server.running.orm, 'select count(*) as n from equipment_unit where serial like ?', [serials]))[0]!.n;
    expect(Number(await count())).toBe(0);
    await screenshot(admin, `console-import-preview-${v.name}`);

    await admin.getByTestId('admin-import-apply').click();
    await admin.getByTestId('admin-import-apply-confirm').click();
    await admin.getByTestId('admin-import-result').waitFor({ timeout: 30_000 });
    expect(Number(await count())).toBe(199);
    await screenshot(admin, `console-import-result-${v.name}`);

    // Their labels: one per unit, each QR carrying the unit's label code.
    await admin.getByTestId('admin-import-labels').click();
    await admin.getByTestId('admin-labels-sheet').waitFor({ timeout: 30_000 });
    await admin.locator('[data-testid="admin-label"]').nth(198).waitFor({ timeout: 30_000 });
    expect(await admin.locator('[data-testid="admin-label"]').count()).toBe(199);
    const code = await admin.locator('[data-testid="admin-label"]').first().getAttribute('data-code');
    const [unit] = await rows<{ serial: string }>(suite.server.running.orm, 'select serial from equipment_unit where label_code = ?', [code]);
    expect(unit?.serial).toMatch(new RegExp(`^E2E${v.prefix}`));
    await screenshot(admin, `console-labels-${v.name}`);
    await admin.getByTestId('admin-labels-print').click();
    await expect(admin.evaluate('window.__printed')).resolves.toBe(1);
    await admin.emulateMedia({ media: 'print' });
    await screenshot(admin, `console-labels-print-${v.name}`);
    // Printed to PDF as the browser would print it: 199 labels, 24 to an A4 sheet → 9 pages.
    const pdf = (await admin.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(9);
    await admin.emulateMedia({ media: 'screen' });

    // Find 李静 by her phone number and end all her sessions: from the sidebar at a desk, from 我的 → 管理后台 on a phone.
    if (v.mobile) {
      await open(admin, '/pages/me/index');
      await admin.locator('.me-admin-console').click();
      await admin.locator('.admin-home-users').click();
    } else {
      // (The import page is still in the H5 page stack behind the labels, hidden, with its own sidebar.)
      await admin.locator('[data-testid="console-nav-users"]:visible').click();
    }
    await input(admin, 'admin-users-search').fill(STAFF_PHONE);
    await input(admin, 'admin-users-search').press('Enter');
    const row = admin.locator('[data-testid="admin-users-table-row"]').filter({ hasText: '李静' });
    await row.waitFor({ timeout: 20_000 });
    // Exactly one person has that number (the list may still be settling after the search).
    await eventually(async () => expect(await admin.locator('[data-testid="admin-users-table-row"]:visible').count()).toBe(1));
    await screenshot(admin, `console-users-${v.name}`);
    if (!v.mobile) await expect(admin.locator('[data-testid="console-nav"]:visible').innerText()).resolves.toContain('审计日志');
    const nurseId = await row.getAttribute('data-id');
    const live = async () =>
      Number((await rows<{ n: number }>(suite.server.running.orm, 'select count(*) as n from user_session where user_id = ? and revoked_at is null', [nurseId]))[0]!.n);
    expect(await live()).toBeGreaterThan(0);
    await row.click();
    const drawer = admin.getByTestId('admin-user-drawer');
    await drawer.waitFor();
    await screenshot(admin, `console-user-drawer-${v.name}`);
    await drawer.getByTestId('admin-user-revoke-sessions').click();
    await admin.getByTestId('admin-user-revoke-sessions-confirm').click();
    await eventually(async () => expect(await live()).toBe(0));
    // Her phone notices on its next request and forgets the session: opening 我的 again offers
    // 登录 / 注册 — or, if a background poll noticed first, the app starts over at the consent page,
    // as after any sign-out on a shared device.
    await open(nurse, '/pages/me/index');
    await nurse.locator('.me-login').or(nurse.getByTestId('consent-page')).first().waitFor({ timeout: 20_000 });
    await screenshot(nurse, `console-signed-out-${v.name}`);

    await admin.getByTestId('admin-user-drawer-close').click();
    if (!v.mobile) {
      // The sign-out is on record in the audit log, beside the directory it was done from.
      await admin.locator('[data-testid="console-nav-audit"]:visible').click();
      await admin.locator('[data-testid="admin-audit-table-row"]:visible').filter({ hasText: '强制下线' }).filter({ hasText: '李静' }).first().waitFor({ timeout: 20_000 });
      await screenshot(admin, `console-audit-${v.name}`);
      await admin.locator('[data-testid="console-nav-directory"]:visible').click();
      await admin.locator('[data-testid="admin-hospitals-row"]:visible').first().waitFor({ timeout: 20_000 });
      // Sorted by unit count, most first (two clicks: ascending, then descending): 北京东华医院, which just got 199 more.
      await admin.getByTestId('admin-hospitals-sort-unitCount').click();
      await admin.getByTestId('admin-hospitals-sort-unitCount').click();
      await eventually(async () => expect(await admin.locator('[data-testid="admin-hospitals-row"]:visible').first().innerText()).toContain('北京东华医院'));
      await screenshot(admin, `console-directory-${v.name}`);
    } else {
      // 陈建华 (advanced) sees the units of the departments he manages under 我的 → 设备概况.
      const head = await suite.device();
      await signIn(head, suite.server.url, '13800000005');
      await open(head, '/pages/me/index');
      await head.locator('.me-fleet').click();
      await head.getByTestId('fleet-unit').first().waitFor({ timeout: 20_000 });
      await expect(head.getByTestId('fleet-totals').innerText()).resolves.toMatch(/\d/);
      await screenshot(head, `console-fleet-${v.name}`);
    }

    // The dashboard: open tickets as the database counts them.
    await open(admin, '/packages/dashboard/index');
    const kpi = admin.getByTestId('dashboard-kpi-open');
    await kpi.waitFor({ timeout: 30_000 });
    const [open_] = await rows<{ n: number }>(suite.server.running.orm, "select count(*) as n from ticket where status not in ('resolved', 'closed', 'cancelled')", []);
    await expect(kpi.getAttribute('data-value')).resolves.toBe(String(open_!.n));
    await admin.getByTestId('dashboard-chart-status').waitFor();
    await admin.waitForTimeout(800); // the charts' entry animation
    await screenshot(admin, `console-dashboard-${v.name}`);
  });
});
