/** The client measurements as a console table, Markdown and JSON (bench/results/client-<date>.*). */
import type { LoadSample, PaintResult } from './paint';
import type { SizeRow } from './sizes';

export const FMP_TARGET_MS = 1500;
/** Other processes using more than this during a run make its time suspect. */
export const CONTENDED_CORES = 0.25;

export const FMP_DEFINITION =
  'First meaningful paint: from navigation start (performance.timeOrigin) to the end of the first rendering frame in which ' +
  "the page's marker element is in the DOM with a non-empty box intersecting the 375×812 viewport and checkVisibility() true. " +
  'A MutationObserver notices the marker, a requestAnimationFrame callback checks its box in that frame, and a message posted from ' +
  "that callback takes performance.now() once the frame's style, layout and paint have run. Markers: 首页 `home-welcome` " +
  '(greeting with name, hospital, department; after GET /me), 工单 the first `ticket-card` (after GET /me and GET /tickets). ' +
  'Element Timing on the marker (compositor presentation time) is shown beside it as a cross-check.';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  chromium: string;
  /** 1-minute load average before the builds and before the paint runs: other work on the machine skews the paint times. */
  loadAverage: { atStart: number; beforePaint: number; afterPaint: number };
}

export interface Settings {
  runs: number;
  warmup: number;
  cpuThrottling: number;
  viewport: string;
  origin: string;
  phone: string;
}

export interface Stats {
  medianMs: number;
  worstMs: number;
  bestMs: number;
}

export interface PaintRow {
  page: string;
  route: string;
  marker: string;
  runsMs: number[];
  fmp: Stats;
  element: Stats | null;
  fcp: Stats | null;
  lcp: Stats | null;
  /** Medians of where the time went, ms since navigation start (null: not seen in any run). */
  timeline: Timeline;
  /** The most CPU other processes used during one of the runs, in cores (null off Linux). */
  otherCoresMax: number | null;
  targetMs: number;
  medianOk: boolean;
  worstOk: boolean;
  samples: LoadSample[];
}

export interface ClientReport {
  date: string;
  startedAt: string;
  machine: Machine;
  settings: Settings;
  builds: { weapp: { built: boolean; ms: number }; h5: { built: boolean; ms: number } };
  definition: string;
  sizes: (SizeRow & { ok: boolean })[];
  paint: PaintRow[];
}

export interface Timeline {
  /** The scripts index.html loads, downloaded. */
  initialJs: number | null;
  dcl: number | null;
  fcp: number | null;
  /** The page's own lazily loaded chunk(s), downloaded. */
  pageChunk: number | null;
  /** GET /me answered (response end). */
  me: number | null;
  /** GET /tickets answered. */
  tickets: number | null;
  /** The marker added to the DOM. */
  markerInDom: number | null;
  fmp: number;
  /** Total duration of main-thread tasks over 50 ms that started before FMP. */
  longTasksBeforeFmp: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function stats(values: (number | null)[]): Stats | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  if (present.length === 0) return null;
  return { medianMs: Math.round(median(present)), worstMs: Math.round(Math.max(...present)), bestMs: Math.round(Math.min(...present)) };
}

function med(values: (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length ? Math.round(median(present)) : null;
}

function timeline(samples: LoadSample[], initialScripts: string[]): Timeline {
  const ends = (s: LoadSample, match: (path: string) => boolean) => {
    const hits = s.resources.filter((r) => match(r.path));
    return hits.length ? Math.max(...hits.map((r) => r.end)) : null;
  };
  const first = (s: LoadSample, match: (path: string) => boolean) => s.resources.find((r) => match(r.path))?.end ?? null;
  const isScript = (p: string) => /\.js(\?|$)/.test(p);
  return {
    initialJs: med(samples.map((s) => ends(s, (p) => initialScripts.includes(p)))),
    dcl: med(samples.map((s) => s.dcl)),
    fcp: med(samples.map((s) => s.fcp)),
    pageChunk: med(samples.map((s) => ends(s, (p) => isScript(p) && !initialScripts.includes(p)))),
    me: med(samples.map((s) => first(s, (p) => p === '/api/v1/me'))),
    tickets: med(samples.map((s) => first(s, (p) => p.startsWith('/api/v1/tickets')))),
    markerInDom: med(samples.map((s) => s.appeared)),
    fmp: med(samples.map((s) => s.fmp))!,
    longTasksBeforeFmp: med(samples.map((s) => s.longTasks.filter((t) => t.start < s.fmp).reduce((sum, t) => sum + t.duration, 0)))!,
  };
}

/** `initialScripts`: the paths index.html loads (the H5 size row's files). */
export function paintRows(results: PaintResult[], initialScripts: string[]): PaintRow[] {
  return results.map(({ page, samples }) => {
    const fmp = stats(samples.map((s) => s.fmp))!;
    return {
      page: page.label,
      route: page.route,
      marker: page.marker,
      runsMs: samples.map((s) => Math.round(s.fmp)),
      fmp,
      element: stats(samples.map((s) => s.element)),
      fcp: stats(samples.map((s) => s.fcp)),
      lcp: stats(samples.map((s) => s.lcp)),
      timeline: timeline(samples, initialScripts),
      otherCoresMax: samples.some((x) => x.otherCores !== null) ? Math.max(...samples.map((x) => x.otherCores ?? 0)) : null,
      targetMs: FMP_TARGET_MS,
      medianOk: fmp.medianMs <= FMP_TARGET_MS,
      worstOk: fmp.worstMs <= FMP_TARGET_MS,
      samples,
    };
  });
}

const kb = (n: number) => (n / 1024).toFixed(1);
const ms = (s: Stats | null, key: keyof Stats = 'medianMs') => (s ? String(s[key]) : '–');

function status(row: PaintRow): string {
  if (row.worstOk) return 'ok';
  return row.medianOk ? 'ok (worst over)' : 'OVER';
}

/** Rows of cells → an aligned text table (console) or a Markdown table. */
function table(head: string[], rows: string[][], markdown: boolean, right: boolean[]): string {
  if (markdown) {
    const sep = right.map((r) => (r ? '---:' : '---'));
    return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

export function sizeTable(report: ClientReport, markdown: boolean): string {
  return table(
    ['bundle', 'size KB', 'budget KB', 'status'],
    report.sizes.map((r) => [r.name, kb(r.bytes), kb(r.limit), r.ok ? 'ok' : 'OVER']),
    markdown,
    [false, true, true, false],
  );
}

export function paintTable(report: ClientReport, markdown: boolean): string {
  const n = report.settings.runs;
  return table(
    ['page', `FMP median ms (n=${n})`, 'FMP worst ms', 'runs ms', 'element timing median ms', 'FCP median ms', 'target ms', 'status', 'other CPU, max cores'],
    report.paint.map((r) => [
      r.page,
      ms(r.fmp),
      ms(r.fmp, 'worstMs'),
      r.runsMs.join(' '),
      ms(r.element),
      ms(r.fcp),
      String(r.targetMs),
      status(r),
      r.otherCoresMax === null ? '–' : `${r.otherCoresMax}${r.otherCoresMax > CONTENDED_CORES ? ' (contended)' : ''}`,
    ]),
    markdown,
    [false, true, true, false, true, true, true, false, false],
  );
}

export function timelineTable(report: ClientReport, markdown: boolean): string {
  const cell = (v: number | null) => (v === null ? '–' : String(v));
  return table(
    ['page', 'initial JS loaded', 'DOMContentLoaded', 'FCP', 'page chunk loaded', 'GET /me answered', 'GET /tickets answered', 'marker in DOM', 'FMP', 'long tasks before FMP'],
    report.paint.map((r) => {
      const t = r.timeline;
      return [r.page, cell(t.initialJs), cell(t.dcl), cell(t.fcp), cell(t.pageChunk), cell(t.me), cell(t.tickets), cell(t.markerInDom), cell(t.fmp), cell(t.longTasksBeforeFmp)];
    }),
    markdown,
    [false, true, true, true, true, true, true, true, true, true],
  );
}

export function toMarkdown(report: ClientReport): string {
  const m = report.machine;
  const s = report.settings;
  const h5 = report.sizes.find((r) => r.files);
  return [
    `# Client measurements, ${report.date}`,
    '',
    `\`npm run bench:client\`, started ${report.startedAt}. Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}; Node ${m.node}; Chromium ${m.chromium}. 1-minute load average ${m.loadAverage.atStart} at the start, ${m.loadAverage.beforePaint} before the paint runs, ${m.loadAverage.afterPaint} after them (the paint runs themselves keep about one core busy; much more means other work skewed the times).`,
    '',
    '## Bundle sizes',
    '',
    'As `.ci/bundle-sizes.mjs` computes them (the same module): bytes on disk per weapp package; for H5 the gzipped scripts `index.html` loads.',
    '',
    sizeTable(report, true),
    '',
    ...(h5?.files ? [`H5 initial scripts: ${h5.files.map((f) => `\`${f.src}\` ${kb(f.rawBytes)} KB (${kb(f.gzipBytes)} KB gzip)`).join(', ')}.`, ''] : []),
    '## H5 first meaningful paint',
    '',
    `Chromium headless at ${s.viewport}, CPU throttled ${s.cpuThrottling}× (DevTools \`Emulation.setCPUThrottlingRate\`), HTTP cache disabled, a new browser context for every load, ` +
      `the real server serving \`dist/h5\` with demo data at ${s.origin}, signed in as the demo staff member ${s.phone} (token in storage, so the page opens straight on the tab). ` +
      `${s.warmup} warm-up load(s) per page first, not counted; then ${s.runs} rounds alternating the pages. Target ≤ ${FMP_TARGET_MS} ms; the status column judges the median, and says when the worst run is over.`,
    '',
    paintTable(report, true),
    '',
    report.definition,
    '',
    `*Other CPU* is the CPU other processes on the machine used during a load (busy time in /proc/stat minus this run's own processes, server and Chromium included), the most of any run; above ${CONTENDED_CORES} cores the times are inflated by contention and the run should be repeated on a quiet machine. The per-run figures are in the .json.`,
    '',
    'Where the time went (medians over the runs, ms since navigation start; each column is its own median, so they need not add up; ' +
      'the requests are response ends from Resource Timing; long tasks are main-thread tasks over 50 ms):',
    '',
    timelineTable(report, true),
    '',
  ].join('\n');
}
