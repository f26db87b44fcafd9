/**
 * H5 time to first meaningful paint in Chromium with CPU throttling: the real
 * server serving dist/h5 with demo data on 127.0.0.1, the demo staff member
 * signed in through the API, then cold loads (new context each, HTTP cache
 * disabled) timed in the page by probe.js.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SessionSchema } from '../../shared/schemas/auth.schema';
import { PolicySchema } from '../../shared/schemas/privacy.schema';
import { launchBrowser, newPhonePage } from '../../test/support/browser';
import { cpuSnapshot, otherCores } from './contention';

export interface PageSpec {
  key: string;
  label: string;
  /** Hash route of the H5 app. */
  route: string;
  /** The element whose paint makes the page meaningful. */
  selector: string;
  /** What that element is, for the report. */
  marker: string;
}

export const PAGES: PageSpec[] = [
  {
    key: 'home',
    label: '首页',
    route: '/pages/index/index',
    selector: '[data-testid="home-welcome"]',
    marker: 'home-welcome (greeting with name, hospital and department; needs GET /me)',
  },
  {
    key: 'tickets',
    label: '工单',
    route: '/pages/tickets/index',
    selector: '[data-testid="ticket-card"]',
    marker: 'first ticket-card (needs GET /me, then GET /tickets)',
  },
];

/** One cold load, in ms since navigation start. */
export interface LoadSample {
  /** First meaningful paint: the end of the frame that first painted the marker (see probe.js). */
  fmp: number;
  /** The marker was added to the DOM. */
  appeared: number | null;
  /** Element Timing's presentation time for the marker's subtree (cross-check). */
  element: number | null;
  fcp: number | null;
  lcp: number | null;
  dcl: number | null;
  /** Every request of the load (path, start and end in ms since navigation start), to see where the time went. */
  resources: { path: string; initiator: string; start: number; end: number; bytes: number }[];
  /** Main-thread tasks over 50 ms. */
  longTasks: { start: number; duration: number }[];
  /** Cores' worth of CPU other processes on the machine used during the load (contention.ts); null off Linux. */
  otherCores: number | null;
}

export interface PaintOptions {
  runs: number;
  warmup: number;
  cpuThrottling: number;
  timeoutMs: number;
  /** Where a screenshot of each page's first measured load goes (look at them). */
  screenshotDir: string;
  log: (line: string) => void;
}

export interface PaintResult {
  page: PageSpec;
  samples: LoadSample[];
  screenshot: string;
}

const PROBE = fs.readFileSync(path.join(__dirname, 'probe.js'), 'utf8');
const TOKEN_KEY = 'scopedesk.token';
const IDENTIFIER = 'scopedesk-bench';
/** Evaluated in the page (a string: this project's TypeScript has no DOM types). */
const RESOURCES = `performance.getEntriesByType('resource').map((e) => ({
  path: new URL(e.name).pathname + new URL(e.name).search,
  initiator: e.initiatorType,
  start: Math.round(e.startTime),
  end: Math.round(e.responseEnd),
  bytes: e.encodedBodySize,
}))`;

async function api<T>(base: string, pathname: string, parse: (body: unknown) => T, init?: { method: string; body?: unknown }): Promise<T> {
  const res = await fetch(`${base}/api/v1${pathname}`, {
    method: init?.method ?? 'GET',
    headers: init?.body !== undefined ? { 'content-type': 'application/json' } : {},
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${pathname}: ${res.status} ${text.slice(0, 300)}`);
  return parse(text ? JSON.parse(text) : undefined);
}

/**
 * Signs the demo staff member in as the app does (policy, SMS code from the
 * development provider, verify with the consent), and checks the session
 * opens straight on 首页: active, consent in place.
 */
export async function signInThroughApi(base: string, phone: string): Promise<string> {
  const policy = await api(base, '/privacy/policy', (b) => PolicySchema.parse(b));
  const sent = await api(base, '/auth/sms/send', (b) => b as { devCode?: string }, { method: 'POST', body: { phone, purpose: 'login' } });
  if (!sent.devCode) throw new Error('no development SMS code in the response: is SMS_PROVIDER=dev?');
  const consent = { policyVersion: policy.version, purposes: policy.purposes.filter((p) => p.required).map((p) => p.key), adult: true };
  const session = await api(base, '/auth/sms/verify', (b) => SessionSchema.parse(b), { method: 'POST', body: { phone, code: sent.devCode, consent } });
  const me = session.user;
  if (!me || me.status !== 'active') throw new Error(`${phone} is not an active user (${me?.status ?? 'unregistered'})`);
  const c = me.consents;
  if (c.reconsentRequired || !c.policyVersion || !c.adult || !c.purposes.includes('service')) throw new Error(`${phone} would land on the consent page`);
  return session.token;
}

/** A fresh phone-sized context with the token where Taro's H5 storage keeps it, throttled, cache off. */
async function coldPage(browser: Browser, origin: string, token: string, spec: PageSpec, cpuThrottling: number): Promise<{ page: Page; painted: Promise<number> }> {
  const page = await newPhonePage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
  let resolvePainted: (ms: number) => void = () => undefined;
  const painted = new Promise<number>((resolve) => (resolvePainted = resolve));
  await page.exposeFunction('__clientBenchPainted', (ms: number) => resolvePainted(ms));
  // Taro.setStorageSync on H5 stores `{"data": value}` under the key (services/token.ts's key).
  const stored = JSON.stringify({ data: token });
  const config = { origin, selector: spec.selector, identifier: IDENTIFIER };
  await page.addInitScript({
    content: `if (location.origin === ${JSON.stringify(origin)} && !localStorage.getItem(${JSON.stringify(TOKEN_KEY)})) localStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(stored)});\nwindow.__clientBenchConfig = ${JSON.stringify(config)};\n${PROBE}`,
  });
  return { page, painted };
}

async function loadOnce(browser: Browser, origin: string, token: string, spec: PageSpec, options: PaintOptions, screenshot?: string): Promise<LoadSample> {
  const { page, painted } = await coldPage(browser, origin, token, spec, options.cpuThrottling);
  let cpuBefore = cpuSnapshot();
  let cpuAfter = cpuBefore;
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${spec.label}: ${spec.selector} not painted within ${options.timeoutMs} ms`)), options.timeoutMs);
    });
    try {
      cpuBefore = cpuSnapshot();
      await Promise.race([page.goto(`${origin}/#${spec.route}`, { waitUntil: 'commit' }).then(() => painted), timeout]);
      cpuAfter = cpuSnapshot();
    } catch (err) {
      const file = path.join(options.screenshotDir, `client-${spec.key}-failed.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      throw new Error(`${err instanceof Error ? err.message : String(err)} (page at ${page.url()}; screenshot ${file})`);
    } finally {
      clearTimeout(timer);
    }
    // Element Timing and LCP entries arrive after presentation; give them a moment before reading.
    await page.waitForTimeout(500);
    const out = (await page.evaluate('window.__clientBench')) as Record<string, number | null> & { longTasks: LoadSample['longTasks'] };
    const resources = (await page.evaluate(RESOURCES)) as LoadSample['resources'];
    if (!page.url().includes(spec.route)) throw new Error(`${spec.label}: ended on ${page.url()}, not ${spec.route}`);
    if (screenshot) await page.screenshot({ path: screenshot, animations: 'disabled' });
    return { fmp: out.painted!, appeared: out.appeared ?? null, element: out.element ?? null, fcp: out.fcp ?? null, lcp: out.lcp ?? null, dcl: out.dcl ?? null, resources, longTasks: out.longTasks, otherCores: otherCores(cpuBefore, cpuAfter, os.cpus().length) };
  } finally {
    await page.context().close();
  }
}

export async function measurePaint(origin: string, token: string, options: PaintOptions): Promise<{ results: PaintResult[]; chromium: string }> {
  fs.mkdirSync(options.screenshotDir, { recursive: true });
  const browser = await launchBrowser();
  try {
    const results: PaintResult[] = PAGES.map((page) => ({ page, samples: [], screenshot: path.join(options.screenshotDir, `client-${page.key}.png`) }));
    // Warm-up loads (not counted) let the server JIT its routes; then rounds alternate the pages.
    for (let i = 0; i < options.warmup; i++) {
      for (const r of results) await loadOnce(browser, origin, token, r.page, options);
    }
    for (let round = 0; round < options.runs; round++) {
      for (const r of results) {
        const sample = await loadOnce(browser, origin, token, r.page, options, round === 0 ? r.screenshot : undefined);
        r.samples.push(sample);
        const other = sample.otherCores === null ? '' : ` (other processes: ${sample.otherCores} cores)`;
        options.log(`  ${r.page.label} run ${round + 1}/${options.runs}: ${Math.round(sample.fmp)} ms${other}`);
      }
    }
    return { results, chromium: browser.version() };
  } finally {
    await browser.close();
  }
}

export function defaultScreenshotDir(): string {
  return path.join(os.tmpdir(), 'scopedesk-bench-client');
}
