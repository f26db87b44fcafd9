/**
 * The builds `npm run bench:client` measures, rebuilt only when missing or
 * older than their sources. H5: server/src/cli/h5-build.ts (what `npm start`
 * and CI use; it stamps dist/h5). weapp: `npm run build:weapp`, stamped
 * beside dist/weapp (not inside it, where the stamp would count towards the
 * main package) with the same source fingerprint.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureH5Build, h5SourceFingerprint } from '../../server/src/cli/h5-build';

export const ROOT = path.resolve(__dirname, '../..');
const WEAPP_APP_JSON = path.join(ROOT, 'dist/weapp/app.json');
const WEAPP_STAMP = path.join(ROOT, 'dist/.weapp-build-stamp');
/** The same inputs as h5-build.ts: what both bundles are made from. */
const INPUTS = ['miniapp', 'shared', 'config', 'package-lock.json', '.env.production'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (stat.isFile()) return stat.mtimeMs;
  return fs
    .readdirSync(p)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(p, name))), 0);
}

/**
 * Current when our stamp matches the sources; without a stamp (a build made
 * by `npm run build:weapp` directly, as CI does) when app.json is newer than
 * every source file.
 */
export function weappBuildIsCurrent(fingerprint = h5SourceFingerprint()): boolean {
  if (!fs.existsSync(WEAPP_APP_JSON)) return false;
  if (fs.existsSync(WEAPP_STAMP)) return fs.readFileSync(WEAPP_STAMP, 'utf8') === fingerprint;
  const built = fs.statSync(WEAPP_APP_JSON).mtimeMs;
  return INPUTS.every((input) => newestMtime(path.join(ROOT, input)) <= built);
}

export function ensureWeappBuild(log: (line: string) => void): { built: boolean; ms: number } {
  const fingerprint = h5SourceFingerprint();
  if (weappBuildIsCurrent(fingerprint)) return { built: false, ms: 0 };
  log('Building the weapp mini-program (missing or older than its sources)…');
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build:weapp'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`the weapp build failed (exit ${result.status ?? result.signal})`);
  fs.writeFileSync(WEAPP_STAMP, fingerprint);
  return { built: true, ms: Date.now() - started };
}

/** Both targets, one after the other (each uses both cores), before anything is timed. */
export function ensureBuilds(log: (line: string) => void): { weapp: { built: boolean; ms: number }; h5: { built: boolean; ms: number } } {
  const weapp = ensureWeappBuild(log);
  const h5 = ensureH5Build(log);
  return { weapp, h5 };
}
