import type { Browser, Page } from 'playwright-core';
import { acceptPolicyAndBrowse, launchBrowser, newPhonePage, screenshot } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer({ env: { SERVE_H5: 'true', DEMO_SEED: 'true' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  page = await newPhonePage(browser);
});
afterEach(async () => {
  await page.context().close();
});

describe('H5 home page on a phone', () => {
  it('shows the live service status from the server, in Chinese', async () => {
    await acceptPolicyAndBrowse(page, server.url);
    await page.getByText('中国大陆').waitFor({ timeout: 20_000 });
    await expect(page.getByText('服务状态').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('正常').first().isVisible()).resolves.toBe(true);
    const version = (await (await fetch(server.api('/health'))).json()) as { version: string };
    await page.getByText(version.version).first().waitFor();
    await screenshot(page, 'home');
    // The page really asked the server (not a baked-in value).
    expect(server.logs.some((l) => l.msg === 'request' && l.path === '/api/v1/health' && l.status === 200)).toBe(true);
  });

  it('says in Chinese when the service cannot be reached, and recovers on 重试', async () => {
    await page.route('**/api/v1/health', (route) =>
      route.fulfill({
        status: 502,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502, code: 'SERVICE_UNAVAILABLE' }),
      }),
    );
    await acceptPolicyAndBrowse(page, server.url);
    await page.getByText('重试', { exact: true }).waitFor({ timeout: 20_000 });
    await expect(page.getByText('服务暂时无法访问', { exact: false }).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'home-error');
    await page.unroute('**/api/v1/health');
    await page.locator('.health-card__retry').click();
    await page.getByText('中国大陆').waitFor({ timeout: 10_000 });
  });

  it('moves between the three tabs', async () => {
    await acceptPolicyAndBrowse(page, server.url);
    await page.getByText('中国大陆').waitFor({ timeout: 20_000 });
    await page.locator('.taro-tabbar__tabbar').getByText('工单').click();
    await page.waitForURL(/tickets/);
    await screenshot(page, 'tickets');
    await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
    await page.waitForURL(/me/);
    await screenshot(page, 'me');
  });
});
