import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** `npm run server` as an operator would run it: a bad setting stops it, naming the setting. */
function startServerProcess(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-refuse-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return result;
}

describe('the server refuses to start on bad configuration', () => {
  it('refuses a database outside the data region, naming DATABASE_URL, without contacting it', () => {
    const result = startServerProcess({ DATABASE_URL: 'postgres://scopedesk@db.example.com:5432/scopedesk' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('db.example.com');
    expect(result.stdout).not.toContain('listening');
  });

  it('refuses a malformed setting, naming it', () => {
    const result = startServerProcess({ PORT: 'not-a-port' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/PORT: /);
  });
});
