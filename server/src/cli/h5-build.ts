import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
/** What the H5 bundle is made from; a change in any of these makes the build stale. */
const INPUTS = ['miniapp', 'shared', 'config', 'package-lock.json', '.env.production'];
const STAMP = '.build-stamp';

function listFiles(p: string): string[] {
  if (!fs.existsSync(p)) return [];
  const stat = fs.statSync(p);
  if (stat.isFile()) return [p];
  return fs
    .readdirSync(p)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
    .flatMap((name) => listFiles(path.join(p, name)));
}

export function h5SourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((i) => listFiles(path.join(ROOT, i))).sort()) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function h5BuildIsCurrent(outDir = path.join(ROOT, 'dist/h5')): boolean {
  const stamp = path.join(outDir, STAMP);
  return fs.existsSync(path.join(outDir, 'index.html')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === h5SourceFingerprint();
}

/**
 * Builds the H5 app when it is missing or older than its sources. The app
 * calls the API on its own origin, so no base URL is baked in.
 */
export function ensureH5Build(log: (line: string) => void = console.log): { built: boolean; ms: number } {
  const outDir = path.join(ROOT, 'dist/h5');
  if (h5BuildIsCurrent(outDir)) return { built: false, ms: 0 };
  log('Building the H5 web app (first run or sources changed; about a minute on 2 cores)…');
  const started = Date.now();
  const fingerprint = h5SourceFingerprint();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--no-check'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: '' },
  });
  if (result.status !== 0) throw new Error(`the H5 build failed (exit ${result.status ?? result.signal})`);
  fs.writeFileSync(path.join(outDir, STAMP), fingerprint);
  return { built: true, ms: Date.now() - started };
}
