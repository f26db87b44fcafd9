import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from './test-server';

export const SCREENSHOTS = path.resolve(__dirname, '../e2e/screenshots');

/** Debian's Chromium, headless, as a phone: the flags are the ones that work as root on these machines. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // Page transitions are fast-forwarded to their end, so the picture shows the page, not the slide.
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

/**
 * A first visit lands on the privacy consent page: tick the policy and the
 * 18+ statement (nothing optional), accept, and look around without signing in.
 */
export async function acceptPolicyAndBrowse(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('consent-page').waitFor({ timeout: 20_000 });
  await page.getByTestId('consent-service').click();
  await page.getByTestId('consent-adult').click();
  await page.getByTestId('consent-accept').click();
  await page.getByTestId('login-skip').click();
  await page.waitForURL(/pages\/index\/index/);
}

/** Taro renders `taro-input-core` with a native <input> inside; the test ids sit on our wrapper. */
export function input(page: Page, testId: string): Locator {
  return page.locator(`[data-testid="${testId}"] input`);
}

/** A fresh device as a person uses it: accept the policy, sign in with the development SMS code, land on 首页. */
export async function signIn(page: Page, url: string, phoneNumber: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('consent-page').waitFor({ timeout: 20_000 });
  await page.getByTestId('consent-service').click();
  await page.getByTestId('consent-adult').click();
  await page.getByTestId('consent-accept').click();
  await page.waitForURL(/pages\/login\/index/);
  await input(page, 'login-phone').fill(phoneNumber);
  for (let attempt = 0; attempt < 2; attempt++) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sms/send')),
      page.getByTestId('login-send-code').click(),
    ]);
    if (response.status() === 202) break;
    // The same phone a moment ago: wait out the cooldown, as a person would.
    await page.waitForTimeout((Number(response.headers()['retry-after'] ?? '60') + 1) * 1000);
  }
  await page.getByTestId('login-dev-code').waitFor();
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/pages\/index\/index/, { timeout: 20_000 });
  await page.getByTestId('home-welcome').waitFor();
}

export async function tab(page: Page, text: '首页' | '工单' | '我的'): Promise<void> {
  await page.locator('.taro-tabbar__tabbar').getByText(text).click();
}

/**
 * The usual browser suite: a real server serving the H5 build with demo data
 * (a 5 s SMS cooldown keeps a second sign-in of one phone quick; the 60 s
 * default has its own API test), one Chromium, and `device()` for each fresh
 * phone. Everything is closed after the file.
 */
export function browserSuite(env: Record<string, string> = {}) {
  const suite = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    pages: [] as Page[],
    async device(): Promise<Page> {
      const page = await newPhonePage(suite.browser);
      suite.pages.push(page);
      return page;
    },
  };
  beforeAll(async () => {
    suite.server = await startTestServer({ env: { SERVE_H5: 'true', DEMO_SEED: 'true', SMS_COOLDOWN_SECONDS: '5', ...env } });
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const page of suite.pages) await page.context().close().catch(() => undefined);
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
