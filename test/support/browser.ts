import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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
