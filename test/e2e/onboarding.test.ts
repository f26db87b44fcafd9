import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { browserSuite, screenshot } from '../support/browser';

/**
 * Onboarding end to end, in the H5 build on a phone-sized Chromium against the
 * real server: a new user accepts the privacy policy, logs in with an SMS code
 * (the development provider's code is filled in by the page), registers with a
 * badge photo and waits; the demo admin approves the registration after
 * looking at the badge; the user logs in again and is in.
 *
 * Each actor uses a fresh browser context, as a separate device would.
 */

const NEW_USER = { phone: '13912345678', masked: '139****5678', name: '周晓梅' };
const ADMIN_PHONE = '13800000001'; // demo seed: 管理员

const suite = browserSuite();
const device = () => suite.device();

/** Taro renders `taro-input-core` with a native <input> inside; the test ids sit on our wrapper. */
function input(page: Page, testId: string): Locator {
  return page.locator(`[data-testid="${testId}"] input`);
}

function requested(path: string | RegExp, status: number): boolean {
  return suite.server.logs.some(
    (l) => l.msg === 'request' && typeof l.path === 'string' && (typeof path === 'string' ? l.path === path : path.test(l.path)) && l.status === status,
  );
}

/** A badge photo as a phone would take it: a real JPEG made at test time. */
async function badgeJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="300">
    <rect width="480" height="300" rx="24" fill="#1668dc"/>
    <rect x="32" y="60" width="130" height="180" fill="#e8f3ff"/>
    <text x="190" y="110" font-size="40" fill="#fff" font-family="Noto Sans CJK SC, sans-serif">工作证</text>
    <text x="190" y="170" font-size="44" fill="#fff" font-family="Noto Sans CJK SC, sans-serif">${NEW_USER.name}</text>
    <text x="190" y="220" font-size="26" fill="#fff" font-family="Noto Sans CJK SC, sans-serif">消化内镜中心</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** Fresh device: the consent page comes first; tick the two required items (nothing optional) and accept. */
async function acceptPolicy(page: Page, shot?: string): Promise<void> {
  await page.goto(suite.server.url);
  await page.getByTestId('consent-page').waitFor({ timeout: 20_000 });
  const accept = page.getByTestId('consent-accept');
  // 同意并继续 stays disabled until the policy and the 18+ statement are ticked.
  expect(await accept.getAttribute('class')).toContain('nut-button-disabled');
  await page.getByTestId('consent-service').click();
  await page.getByTestId('consent-adult').click();
  expect(await accept.getAttribute('class')).not.toContain('nut-button-disabled');
  if (shot) await screenshot(page, shot);
  await accept.click();
  await page.waitForURL(/pages\/login\/index/);
}

/**
 * 获取验证码 → the development provider's code lands in the code field. The
 * server allows one code per phone per cooldown: when a second login comes
 * sooner, wait for Retry-After and ask again, as a person would.
 */
async function requestCode(page: Page, phone: string): Promise<void> {
  await input(page, 'login-phone').fill(phone);
  for (let attempt = 0; attempt < 2; attempt++) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sms/send')),
      page.getByTestId('login-send-code').click(),
    ]);
    if (response.status() === 202) break;
    expect(response.status()).toBe(429);
    const wait = Number(response.headers()['retry-after'] ?? '60');
    await page.waitForTimeout((wait + 1) * 1000);
  }
  await page.getByTestId('login-dev-code').waitFor();
  expect(await input(page, 'login-code').inputValue()).toMatch(/^\d{6}$/);
}

async function smsLogin(page: Page, phone: string): Promise<void> {
  await requestCode(page, phone);
  await page.getByTestId('login-submit').click();
}

describe('onboarding in the H5 app on a phone', () => {
  let userPage: Page;
  let adminPage: Page;

  it('a new user accepts the policy, logs in with an SMS code, registers with a badge photo and waits for review', async () => {
    userPage = await device();
    await acceptPolicy(userPage, 'onboarding-consent');
    await requestCode(userPage, NEW_USER.phone);
    await screenshot(userPage, 'onboarding-login');
    await userPage.getByTestId('login-submit').click();

    // Unregistered → the registration form (onboarding subpackage).
    await userPage.waitForURL(/packages\/onboarding\/register\/index/, { timeout: 20_000 });
    await userPage.getByTestId('register-page').waitFor();
    await input(userPage, 'reg-name').fill(NEW_USER.name);
    await input(userPage, 'reg-hospital-search').fill('东华');
    await userPage.getByTestId('reg-hospital-option').filter({ hasText: '北京东华医院' }).click();
    await userPage.getByTestId('reg-hospital-chosen').waitFor();
    await userPage.getByTestId('reg-department-option').filter({ hasText: '消化内镜中心' }).click();
    await input(userPage, 'reg-position').fill('护士长');
    await input(userPage, 'reg-title').fill('主管护师');
    await userPage.locator('.reg-gender-female').click();

    // The badge needs its own consent, asked in place, before the picker opens.
    await userPage.getByTestId('reg-badge-pick').click();
    await userPage.getByTestId('purpose-consent-badge_photo').waitFor();
    await screenshot(userPage, 'onboarding-badge-consent');
    const [chooser] = await Promise.all([userPage.waitForEvent('filechooser'), userPage.getByTestId('purpose-consent-accept').click()]);
    const jpeg = await badgeJpeg();
    expect(jpeg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    await chooser.setFiles({ name: 'badge.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await userPage.getByTestId('reg-badge-uploaded').waitFor({ timeout: 20_000 });
    await userPage.getByTestId('reg-badge-preview').waitFor();
    await screenshot(userPage, 'onboarding-register');

    await userPage.getByTestId('reg-submit').click();
    await userPage.waitForURL(/packages\/onboarding\/status\/index/, { timeout: 20_000 });
    await userPage.getByTestId('status-pending').waitFor();
    expect(await userPage.getByTestId('status-title').innerText()).toContain('审核中');
    await screenshot(userPage, 'onboarding-pending');

    expect(requested('/api/v1/auth/sms/verify', 200)).toBe(true);
    expect(requested('/api/v1/files', 201)).toBe(true);
    expect(requested('/api/v1/registration', 201)).toBe(true);

    // The consent given before login was recorded with the account, with the badge purpose added later.
    const stored = await userPage.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('scopedesk.token'));
    const token = (() => {
      try {
        const parsed = JSON.parse(stored ?? '') as { data?: unknown };
        return typeof parsed.data === 'string' ? parsed.data : (stored ?? '');
      } catch {
        return stored ?? '';
      }
    })();
    const me = (await (await fetch(suite.server.api('/me'), { headers: { authorization: `Bearer ${token}` } })).json()) as {
      status: string;
      consents: { policyVersion: string | null; purposes: string[]; adult: boolean };
    };
    expect(me.status).toBe('pending');
    expect(me.consents.adult).toBe(true);
    expect(me.consents.policyVersion).toEqual(expect.any(String));
    expect(me.consents.purposes).toEqual(expect.arrayContaining(['service', 'badge_photo']));
    expect(me.consents.purposes).not.toContain('location');
  }, 120_000);

  it('the demo admin logs in, sees the new registration with its badge and approves it', async () => {
    adminPage = await device();
    await acceptPolicy(adminPage);
    await smsLogin(adminPage, ADMIN_PHONE);
    await adminPage.waitForURL(/pages\/index\/index/, { timeout: 20_000 });
    await adminPage.getByTestId('home-welcome').waitFor();

    await adminPage.locator('.taro-tabbar__tabbar').getByText('我的').click();
    await adminPage.waitForURL(/pages\/me\/index/);
    await adminPage.getByTestId('me-profile').waitFor();
    // The entry shows only with admin.registrations.
    await adminPage.locator('.me-admin-registrations').click();
    await adminPage.waitForURL(/packages\/admin\/registrations\/index/);

    const card = adminPage.getByTestId('admin-reg-card').filter({ hasText: NEW_USER.name });
    await card.waitFor({ timeout: 20_000 });
    const text = await card.innerText();
    expect(text).toContain(NEW_USER.masked);
    expect(text).toContain('北京东华医院');
    expect(text).toContain('消化内镜中心');
    expect(text).toContain('护士长 / 主管护师');
    expect(text).not.toContain(NEW_USER.phone);

    // The badge is fetched with the admin's token and shown from a local URL.
    const badge = card.locator('[data-testid="admin-reg-badge"] img');
    await badge.waitFor({ timeout: 20_000 });
    await adminPage.waitForFunction(
      (el) => {
        const img = el as unknown as { complete: boolean; naturalWidth: number } | null;
        return Boolean(img && img.complete && img.naturalWidth > 0);
      },
      await badge.elementHandle(),
      { timeout: 20_000 },
    );
    expect(requested(/^\/api\/v1\/files\/[^/]+$/, 200)).toBe(true);
    await screenshot(adminPage, 'onboarding-admin-review');

    await badge.click();
    await adminPage.getByTestId('image-preview').waitFor();
    await screenshot(adminPage, 'onboarding-admin-badge');
    await adminPage.getByTestId('image-preview').click();
    await adminPage.getByTestId('image-preview').waitFor({ state: 'detached' });

    // 通过 asks first.
    await card.getByTestId('admin-reg-approve').click();
    await adminPage.getByText('确认通过', { exact: true }).waitFor();
    await adminPage.getByText('确认通过', { exact: true }).click();
    await card.waitFor({ state: 'detached', timeout: 20_000 });
    expect(requested(/^\/api\/v1\/admin\/registrations\/[^/]+\/approve$/, 200)).toBe(true);
    await adminPage.getByTestId('admin-tab-active').click();
    await adminPage.getByTestId('admin-reg-card').filter({ hasText: NEW_USER.name }).waitFor({ timeout: 20_000 });
    await screenshot(adminPage, 'onboarding-admin-approved');
  }, 120_000);

  it('the user logs in again on a fresh device and is in', async () => {
    const again = await device();
    await acceptPolicy(again);
    // The same phone asked for a code a moment ago: requestCode waits out the cooldown if needed.
    await smsLogin(again, NEW_USER.phone);
    await again.waitForURL(/pages\/index\/index/, { timeout: 20_000 });
    const welcome = again.getByTestId('home-welcome');
    await welcome.waitFor();
    expect(await welcome.innerText()).toContain(NEW_USER.name);
    expect(await welcome.innerText()).toContain('已认证');
    await again.getByText('中国大陆').waitFor();
    await screenshot(again, 'onboarding-approved-home');
  }, 150_000);
});
