import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { approvedStaff, call, login } from '../support/api';
import { browserSuite, input, screenshot, signIn, tab } from '../support/browser';
import { rows } from '../support/db';

/**
 * The privacy centre in the H5 build against the real server: a member of
 * staff views her data, exports it, withdraws a consent and cancels her
 * account; an admin at a desk runs the purge (grace period 0 days here, 15 by
 * default); signing in with the same phone then starts from nothing.
 */
const suite = browserSuite({ CANCELLATION_GRACE_DAYS: '0' });

/** Consent, phone, dev code, submit — as signIn does, but for a person who lands elsewhere than 首页. */
async function signInAnywhere(page: Page, phone: string): Promise<void> {
  await page.goto(suite.server.url);
  await page.getByTestId('consent-page').waitFor({ timeout: 20_000 });
  await page.getByTestId('consent-service').click();
  await page.getByTestId('consent-adult').click();
  await page.getByTestId('consent-accept').click();
  await page.waitForURL(/pages\/login\/index/);
  await input(page, 'login-phone').fill(phone);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sms/send')),
      page.getByTestId('login-send-code').click(),
    ]);
    if (response.status() === 202) break;
    // A code went to this phone moments ago: wait out the cooldown, as a person would.
    await page.waitForTimeout((Number(response.headers()['retry-after'] ?? '5') + 1) * 1000);
  }
  await page.getByTestId('login-dev-code').waitFor();
  await page.getByTestId('login-submit').click();
}

describe('see, copy, withdraw, cancel — and start from nothing after the purge', () => {
  it('runs from 我的数据 to a fresh account', async () => {
    const admin = await login(suite.server, '13800000001');
    const staff = await approvedStaff(suite.server, admin.token, '北京东华医院', '消化内镜中心', '周晓梅');
    // Something of hers to find: a saved address.
    const saved = await call(suite.server, 'POST', '/addresses', {
      token: staff.token,
      body: { recipientName: '周晓梅', phone: staff.phone, provinceCode: '110000', cityCode: '110100', districtCode: '110105', detail: '朝阳区团结湖路 12 号 3 单元 501' },
    });
    expect(saved.status).toBe(201);

    const page = await suite.device();
    await signIn(page, suite.server.url, staff.phone);
    await tab(page, '我的');
    await page.locator('.me-privacy').click();
    await page.getByTestId('privacy-go-data').waitFor({ timeout: 20_000 });
    await screenshot(page, 'privacy-centre');

    // 我的数据: everything held, then the file.
    await page.getByTestId('privacy-go-data').click();
    const addresses = page.locator('[data-testid="data-section"][data-section="addresses"]');
    await addresses.waitFor({ timeout: 20_000 });
    await expect(addresses.getAttribute('data-total')).resolves.toBe('1');
    await screenshot(page, 'privacy-my-data');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('data-export').click()]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(exported).toMatchObject({ schemaVersion: 1, profile: expect.objectContaining({ name: '周晓梅' }) });
    expect(JSON.stringify(exported.addresses)).toContain('团结湖路');
    await page.getByTestId('data-export-done').waitFor();
    const [logged] = await rows<{ n: number }>(suite.server.running.orm, "select count(*) as n from pii_access_log where action = 'export.self' and subject_user_id = ?", [staff.id]);
    expect(Number(logged!.n)).toBe(1);

    // 授权管理: withdrawing is one tap and a confirmation.
    await page.goBack();
    await page.getByTestId('privacy-go-consents').click();
    await page.getByTestId('consent-withdraw-badge_photo').click();
    await page.getByTestId('consent-dialog').waitFor();
    await screenshot(page, 'privacy-withdraw-consent');
    await page.getByTestId('consent-confirm').click();
    await page.locator('[data-testid="consent-item"][data-purpose="badge_photo"][data-granted="false"]').waitFor({ timeout: 20_000 });
    const [user] = await rows<{ consent_purposes: string }>(suite.server.running.orm, 'select consent_purposes from app_user where id = ?', [staff.id]);
    expect(String(user!.consent_purposes)).not.toContain('badge_photo');

    // 注销账号: read what happens, confirm with a code, and the session ends at once.
    await page.goBack();
    await page.getByTestId('privacy-go-cancel').click();
    await page.getByTestId('cancel-statement').waitFor({ timeout: 20_000 });
    await page.getByTestId('cancel-understand').click();
    // Her sign-in code was sent seconds ago: if the cooldown says wait, she waits and taps again.
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.getByTestId('cancel-send-code').click();
      if (await page.getByTestId('cancel-dev-code').waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
      await page.waitForTimeout(5_000);
    }
    await page.getByTestId('cancel-dev-code').waitFor();
    await screenshot(page, 'privacy-cancel');
    await page.getByTestId('cancel-submit').click();
    await page.getByTestId('cancel-final-dialog').waitFor();
    await page.getByTestId('cancel-final-confirm').click();
    await page.getByTestId('consent-page').waitFor({ timeout: 20_000 });
    expect((await call(suite.server, 'GET', '/me', { token: staff.token })).status).toBe(401);

    // The admin runs the purge from the console at a desk.
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const desk = await context.newPage();
    suite.pages.push(desk);
    await signIn(desk, suite.server.url, '13800000001');
    await tab(desk, '我的');
    await desk.locator('.me-admin-privacy').click();
    await desk.getByTestId('admin-privacy-run-cancellation-purge').click();
    await desk.locator('.taro-model__confirm').click();
    const result = desk.locator('[data-testid="admin-privacy-job-result"][data-job="cancellation-purge"][data-status="succeeded"]');
    await result.waitFor({ timeout: 60_000 });
    await screenshot(desk, 'privacy-admin-purge-1440');

    const [purged] = await rows<{ purged_at: unknown; phone_index: unknown; name_sealed: unknown }>(
      suite.server.running.orm,
      'select purged_at, phone_index, name_sealed from app_user where id = ?',
      [staff.id],
    );
    expect(purged).toMatchObject({ phone_index: null, name_sealed: null });
    expect(purged!.purged_at).not.toBeNull();
    expect(await rows(suite.server.running.orm, 'select id from address where user_id = ?', [staff.id])).toEqual([]);

    // The same phone starts from nothing: a new person with a registration form to fill in.
    const again = await suite.device();
    await signInAnywhere(again, staff.phone);
    await again.waitForURL(/packages\/onboarding\/register/, { timeout: 20_000 });
    await screenshot(again, 'privacy-after-purge-register');
    // …as a new row: the purged one stays an empty shell.
    const [shell] = await rows<{ purged_at: unknown; phone_index: unknown }>(suite.server.running.orm, 'select purged_at, phone_index from app_user where id = ?', [staff.id]);
    expect(shell).toMatchObject({ phone_index: null });
    expect(shell!.purged_at).not.toBeNull();
  }, 240_000);
});
