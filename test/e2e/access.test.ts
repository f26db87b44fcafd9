import type { Browser, Locator, Page } from 'playwright-core';
import { input, launchBrowser, newPhonePage, screenshot, signIn, tab } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';
import { insertTicket } from '../support/tickets';

/**
 * Advanced access end to end, in the H5 build against the real server: the
 * demo general staff member (李静, 北京东华医院 · 消化内镜中心) applies for two
 * departments; the demo admin grants only one of them; after a reload she
 * has the 科室工单 scope on the 工单 tab and sees exactly that department's
 * tickets (inside the visibility window), colleagues' phones masked; the
 * admin revokes and her very next load shows only her own tickets again.
 *
 * The staff member uses a phone-sized context, the admin a 1280 px desktop
 * one (the H5 admin console), each its own device.
 */

const STAFF_PHONE = '13800000004'; // demo seed: 李静, general
const STAFF_NAME = '李静';
const ADMIN_PHONE = '13800000001'; // demo seed: 赵敏, admin
const HOSPITAL = '北京东华医院';
const GRANTED = '消化内科';
const WITHHELD = '普外科';
const DAY = 24 * 3600_000;

let server: TestServer;
let browser: Browser;
const pages: Page[] = [];
/** Tickets inserted for this test, by role in the story. */
let granted: { id: string; number: string };
let withheld: { id: string; number: string };
let tooOld: { id: string; number: string };

beforeAll(async () => {
  server = await startTestServer({ env: { SERVE_H5: 'true', DEMO_SEED: 'true', SMS_COOLDOWN_SECONDS: '5' } });
  browser = await launchBrowser();
  const orm = server.running.orm;
  // A colleague's ticket in the department that will be granted, one in the department that will not,
  // and one in the granted department but older than the visibility window (365 days).
  granted = await insertTicket(orm, {
    reporterPhone: '13800000005',
    hospitalName: HOSPITAL,
    departmentName: GRANTED,
    status: 'in_progress',
    description: '【e2e 授权科室】十二指肠镜抬钳器失灵，无法抬起。',
    contactPhone: '13700001234',
  });
  withheld = await insertTicket(orm, {
    reporterPhone: '13800000005',
    hospitalName: HOSPITAL,
    departmentName: WITHHELD,
    description: '【e2e 未授权科室】腹腔镜冷光源闪烁。',
  });
  tooOld = await insertTicket(orm, {
    reporterPhone: '13800000005',
    hospitalName: HOSPITAL,
    departmentName: GRANTED,
    status: 'closed',
    description: '【e2e 超出期限】很久以前的工单。',
    createdAt: new Date(Date.now() - 400 * DAY),
  });
});
afterAll(async () => {
  for (const page of pages) await page.context().close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function phone(): Promise<Page> {
  const page = await newPhonePage(browser);
  pages.push(page);
  return page;
}

async function desktop(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  pages.push(page);
  return page;
}

/** Taro renders native inputs inside its own elements; the test ids sit on our wrappers. */
function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text}\\s*$`);
}

/** Fresh device: accept the policy, log in with the development SMS code. */
const login = (page: Page, phoneNumber: string) => signIn(page, server.url, phoneNumber);

/**
 * A deep link as a fresh load. Changing only the hash would be a same-document
 * navigation for the router to interpret; the query makes it a real reload.
 */
async function open(page: Page, route: string): Promise<void> {
  await page.goto(`${server.url}/?load=${Date.now()}#${route}`);
}

/**
 * The 工单 tab's root. H5 keeps earlier pages in the DOM (hidden), so every
 * lookup on a page starts from that page's own root.
 */
function ticketsPage(page: Page, scope?: 'all' | 'mine' | 'managed'): Locator {
  return page.locator(scope ? `[data-testid="tickets-page"][data-scope="${scope}"]` : '[data-testid="tickets-page"]');
}

/** The ticket numbers on the 工单 tab once it has settled (every page loaded). */
async function listedNumbers(page: Page): Promise<string[]> {
  const root = ticketsPage(page);
  await root.getByTestId('tickets-list').or(root.getByTestId('page-empty')).waitFor({ timeout: 20_000 });
  // Load every page (the demo data fits in one; this keeps the assertion exact if it grows).
  while (await root.getByTestId('tickets-load-more').isVisible()) {
    await root.getByTestId('tickets-load-more').click();
    await page.waitForTimeout(300);
  }
  return root.getByTestId('ticket-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-number') ?? ''));
}

/** The session token the app stored (Taro's H5 storage wraps values as `{data}`). */
async function tokenOf(page: Page): Promise<string> {
  const stored = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('scopedesk.token'));
  try {
    const parsed = JSON.parse(stored ?? '') as { data?: unknown };
    return typeof parsed.data === 'string' ? parsed.data : (stored ?? '');
  } catch {
    return stored ?? '';
  }
}

interface ListedTicket {
  id: string;
  number: string;
  department: { name: string };
  createdAt?: string;
}

/** Every ticket the admin sees, through the API (the admin sees all; staff only inside the window). */
async function allTickets(token: string): Promise<ListedTicket[]> {
  const out: ListedTicket[] = [];
  let cursor: string | null = null;
  do {
    const url = server.api(`/tickets?scope=all&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: ListedTicket[]; nextCursor: string | null };
    out.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

describe('advanced access in the H5 app', () => {
  let staff: Page;
  let admin: Page;
  let ownNumbers: string[];

  it('a general staff member sees only her own tickets, no scope switch, and applies for two departments', async () => {
    staff = await phone();
    await login(staff, STAFF_PHONE);

    await tab(staff, '工单');
    await staff.waitForURL(/pages\/tickets\/index/);
    ownNumbers = await listedNumbers(staff);
    expect(ownNumbers.length).toBeGreaterThan(0); // the demo seed gives her two
    expect(ownNumbers).not.toContain(granted.number);
    expect(ownNumbers).not.toContain(withheld.number);
    expect(await ticketsPage(staff).getByTestId('tickets-scope').count()).toBe(0);
    await screenshot(staff, 'access-1-general-tickets');

    await tab(staff, '我的');
    await staff.getByTestId('me-profile').waitFor();
    await staff.locator('.me-access-request').click();
    await staff.waitForURL(/packages\/access\/index/);
    await staff.getByTestId('access-form').waitFor({ timeout: 20_000 });
    expect(await staff.getByTestId('access-current').getAttribute('data-tier')).toBe('general');

    const options = staff.getByTestId('access-department-option');
    await options.filter({ hasText: exactly(GRANTED) }).click();
    await options.filter({ hasText: exactly(WITHHELD) }).click();
    expect(await options.filter({ hasText: exactly(GRANTED) }).getAttribute('data-selected')).toBe('true');
    await input(staff, 'access-position').fill('护士长');
    await staff.locator('[data-testid="access-reason"] textarea').fill('兼管消化内科与普外科的内镜设备，需要跟进两个科室的报修进度。');
    await screenshot(staff, 'access-2-apply');

    const [created] = await Promise.all([
      staff.waitForResponse((r) => r.url().endsWith('/api/v1/access-requests') && r.request().method() === 'POST'),
      staff.getByTestId('access-submit').click(),
    ]);
    expect(created.status()).toBe(201);
    await staff.getByTestId('access-pending').waitFor();
    const request = staff.getByTestId('access-request').first();
    expect(await request.getAttribute('data-status')).toBe('pending');
    const requestedText = await request.getByTestId('access-request-requested').innerText();
    expect(requestedText).toContain(GRANTED);
    expect(requestedText).toContain(WITHHELD);
    // A second application while one is pending is not offered.
    expect(await staff.getByTestId('access-form').count()).toBe(0);
    await screenshot(staff, 'access-3-pending');
  }, 120_000);

  it('the admin narrows the grant to one department and approves', async () => {
    admin = await desktop();
    await login(admin, ADMIN_PHONE);
    await tab(admin, '我的');
    await admin.getByTestId('me-profile').waitFor();
    // Admins hold every permission, but advanced access is for staff: no application entry for them.
    expect(await admin.locator('.me-access-request').count()).toBe(0);
    await admin.locator('.me-admin-access').click();
    await admin.waitForURL(/packages\/admin\/access\/index/);

    const card = admin.getByTestId('admin-access-card').filter({ hasText: STAFF_NAME });
    await card.waitFor({ timeout: 20_000 });
    const text = await card.innerText();
    expect(text).toContain('138****0004');
    expect(text).not.toContain(STAFF_PHONE);
    expect(text).toContain(`${HOSPITAL} · 消化内镜中心`);
    const departments = card.getByTestId('admin-access-dept');
    expect(await departments.count()).toBe(2);
    // Everything asked for is ticked to begin with.
    expect(await departments.evaluateAll((els) => els.map((e) => e.getAttribute('data-checked')))).toEqual(['true', 'true']);

    // Unticking everything is refused in place; nothing is sent.
    await departments.filter({ hasText: GRANTED }).click();
    await departments.filter({ hasText: WITHHELD }).click();
    await card.getByTestId('admin-access-approve').click();
    await admin.getByText('请至少勾选一个科室', { exact: false }).waitFor();
    await screenshot(admin, 'access-4-admin-none-ticked');
    await departments.filter({ hasText: GRANTED }).click();
    expect(await departments.filter({ hasText: GRANTED }).getAttribute('data-checked')).toBe('true');
    expect(await departments.filter({ hasText: WITHHELD }).getAttribute('data-checked')).toBe('false');
    await screenshot(admin, 'access-5-admin-narrowed');

    await card.getByTestId('admin-access-approve').click();
    await admin.getByText('确认授予', { exact: true }).waitFor();
    const [approved] = await Promise.all([
      admin.waitForResponse((r) => /\/api\/v1\/admin\/access-requests\/[^/]+\/approve$/.test(r.url())),
      admin.getByText('确认授予', { exact: true }).click(),
    ]);
    expect(approved.status()).toBe(200);
    const body = (await approved.json()) as { status: string; granted: { name: string }[] };
    expect(body.status).toBe('approved');
    expect(body.granted.map((d) => d.name)).toEqual([GRANTED]);
    await card.waitFor({ state: 'detached', timeout: 20_000 });

    await admin.getByTestId('admin-access-tab-approved').click();
    const decided = admin.getByTestId('admin-access-card').filter({ hasText: STAFF_NAME });
    await decided.waitFor({ timeout: 20_000 });
    expect(await decided.getByTestId('admin-access-granted').innerText()).toBe(`已授予：${GRANTED}（未授予：${WITHHELD}）`);
    await screenshot(admin, 'access-6-admin-approved');
  }, 120_000);

  it('after a reload the staff member has the 科室工单 scope with exactly the granted department’s tickets', async () => {
    // Exactly: every ticket of the granted department inside the window, by the admin's complete view.
    const everything = await allTickets(await tokenOf(admin));
    const windowStart = Date.now() - 365 * DAY;
    const expected = everything
      .filter((t) => t.department.name === GRANTED && t.createdAt && Date.parse(t.createdAt) >= windowStart)
      .map((t) => t.number)
      .sort();
    expect(expected).toContain(granted.number);
    expect(expected).not.toContain(tooOld.number);

    await staff.reload();
    await staff.getByTestId('access-request').first().waitFor({ timeout: 20_000 });
    const request = staff.getByTestId('access-request').first();
    expect(await request.getAttribute('data-status')).toBe('approved');
    expect(await request.getByTestId('access-request-granted').innerText()).toBe(GRANTED);
    expect(await request.getByTestId('access-request-narrowed').innerText()).toContain(`未授予：${WITHHELD}`);
    expect(await staff.getByTestId('access-current').getAttribute('data-tier')).toBe('advanced');
    await request.scrollIntoViewIfNeeded();
    await screenshot(staff, 'access-7-approved-narrowed');

    await open(staff, '/pages/tickets/index');
    await ticketsPage(staff).getByTestId('tickets-scope').waitFor({ timeout: 20_000 });
    await ticketsPage(staff, 'mine').waitFor();
    expect((await listedNumbers(staff)).sort()).toEqual([...ownNumbers].sort()); // 我的报修 first
    await ticketsPage(staff).getByTestId('tickets-scope-managed').click();
    const root = ticketsPage(staff, 'managed');
    await root.waitFor();
    expect(await root.getByTestId('tickets-managed-hint').innerText()).toContain(GRANTED);
    const managed = (await listedNumbers(staff)).sort();
    expect(managed).toEqual(expected);
    expect(managed).not.toContain(withheld.number);
    for (const org of await root.getByTestId('ticket-org').allInnerTexts()) expect(org).toBe(`${HOSPITAL} · ${GRANTED}`);
    await screenshot(staff, 'access-8-managed-tickets');

    // A colleague's ticket: every field of the view, the contact phone masked.
    await root.locator(`[data-testid="ticket-card"][data-ticket-id="${granted.id}"]`).click();
    await staff.waitForURL(/packages\/ticket\/detail\/index/);
    const detail = staff.getByTestId('ticket-detail');
    await detail.waitFor({ timeout: 20_000 });
    expect(await detail.getByTestId('ticket-detail-number').innerText()).toBe(granted.number);
    expect(await detail.getByTestId('ticket-detail-org').innerText()).toBe(`${HOSPITAL} · ${GRANTED}`);
    expect(await detail.getByTestId('ticket-detail-description').innerText()).toContain('十二指肠镜抬钳器失灵');
    // Masked by the server (the page shows it as given): the last four digits only.
    const contact = await detail.getByTestId('ticket-detail-phone').innerText();
    expect(contact).toMatch(/\*{3,}1234/);
    expect(contact).not.toContain('13700001234');
    expect(contact).toContain('仅显示后四位');
    expect(await detail.getByTestId('ticket-status').getAttribute('data-status')).toBe('in_progress');
    await screenshot(staff, 'access-9-managed-detail');

    // The withheld department's ticket does not exist for her.
    await open(staff, `/packages/ticket/detail/index?id=${withheld.id}`);
    await staff.getByTestId('ticket-not-found').waitFor({ timeout: 20_000 });

    // Leave her on the 我的 tab with the 科室工单 list loaded: the next step comes back without a reload.
    await open(staff, '/pages/tickets/index');
    await ticketsPage(staff).getByTestId('tickets-scope-managed').click();
    await ticketsPage(staff, 'managed').getByTestId('tickets-list').waitFor({ timeout: 20_000 });
    await tab(staff, '我的');
    await staff.getByTestId('me-tier').waitFor();
  }, 120_000);

  it('the admin revokes; her very next load shows only her own tickets', async () => {
    await open(admin, '/packages/admin/access/index');
    await admin.getByTestId('admin-access-users-link').click();
    await admin.waitForURL(/packages\/admin\/advanced-users\/index/);
    const user = admin.getByTestId('admin-advanced-user').filter({ hasText: STAFF_NAME });
    await user.waitFor({ timeout: 20_000 });
    expect(await user.getByTestId('admin-advanced-departments').innerText()).toContain(GRANTED);
    await user.getByTestId('admin-advanced-revoke').click();
    await admin.getByTestId('admin-revoke-dialog').waitFor();
    // A reason is required.
    await admin.getByTestId('admin-revoke-confirm').click();
    await admin.getByTestId('admin-revoke-error').waitFor();
    await admin.locator('[data-testid="admin-revoke-reason"] textarea').fill('岗位调整，不再负责消化内科');
    await screenshot(admin, 'access-10-admin-revoke');
    const [revoked] = await Promise.all([
      admin.waitForResponse((r) => /\/api\/v1\/admin\/users\/[^/]+\/revoke-advanced$/.test(r.url())),
      admin.getByTestId('admin-revoke-confirm').click(),
    ]);
    expect(revoked.status()).toBe(204);
    await user.waitFor({ state: 'detached', timeout: 20_000 });
    await screenshot(admin, 'access-11-admin-revoked');

    // Back on the 工单 tab (no reload): the page refreshes /me and the list it allows.
    await tab(staff, '工单');
    await staff.waitForURL(/pages\/tickets\/index/);
    await ticketsPage(staff, 'all').waitFor({ timeout: 20_000 });
    expect(await ticketsPage(staff).getByTestId('tickets-scope').count()).toBe(0);
    const after = (await listedNumbers(staff)).sort();
    expect(after).toEqual([...ownNumbers].sort());
    expect(after).not.toContain(granted.number);
    await screenshot(staff, 'access-12-after-revoke');

    // And the colleague's ticket is gone for her, on the server too.
    await open(staff, `/packages/ticket/detail/index?id=${granted.id}`);
    await staff.getByTestId('ticket-not-found').waitFor({ timeout: 20_000 });
    await screenshot(staff, 'access-13-revoked-detail');
    const direct = await fetch(server.api(`/tickets/${granted.id}`), { headers: { authorization: `Bearer ${await tokenOf(staff)}` } });
    expect(direct.status).toBe(404);
  }, 120_000);
});
