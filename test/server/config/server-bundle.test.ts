import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../../../server/src/cli/build-server';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * `npm run build:server` makes the file production runs (`node
 * dist/server/main.js`). Bundling can break what tsx forgives — a package
 * resolved at run time, a path relative to a source file — so the bundle
 * itself is started and asked for real answers.
 */
describe('the production server bundle', () => {
  // Inside the repository, so the bundle's packages resolve from its node_modules as they do from dist/.
  fs.mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(ROOT, '.cache', 'server-bundle-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bundle-'));
  let bundle: string;

  beforeAll(async () => {
    bundle = await buildServer(path.join(outDir, 'main.js'));
  }, 60_000);

  afterAll(() => {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, DATABASE_URL: `sqlite:${path.join(dataDir, 'db.sqlite')}`, LOG_LEVEL: 'warn', ...extra });

  it('migrates an empty database, serves the API and answers with problem+json', async () => {
    const child = spawn(process.execPath, [bundle], { cwd: ROOT, env: env({ PORT: '0', LOG_LEVEL: 'info' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" line in 30 s:\n${output}`)), 30_000);
        child.stdout.on('data', () => {
          const m = /"url":"(http:\/\/[^"]+)"/.exec(output);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const ready = await fetch(`${url}/api/v1/ready`);
      expect(ready.status).toBe(200);
      const me = await fetch(`${url}/api/v1/me`);
      expect(me.status).toBe(401);
      expect(me.headers.get('content-type')).toContain('application/problem+json');
      expect(((await me.json()) as { code: string }).code).toBeTruthy();
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);

  it('refuses a bad setting as the sources do, naming it', () => {
    const result = spawnSync(process.execPath, [bundle], { cwd: ROOT, env: env({ PORT: '0', HEAP_GROWING_PERCENT: 'lots' }), encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/HEAP_GROWING_PERCENT: /);
  });
});
