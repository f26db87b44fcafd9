import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { CreateAppOptions } from '../../server/src/app';
import type { Clock } from '../../server/src/core/clock';
import { parseEnv } from '../../server/src/config/env';
import { createLogger } from '../../server/src/core/logger';
import { createScratchDatabase, type ScratchDatabase } from '../../server/src/db/scratch-database';
import { startServer, type RunningServer } from '../../server/src/server';
import type { BackgroundOptions } from '../../server/src/background';
import { credentialLeaks } from './log-scan';
import { registerCipher } from './tickets';

export type Dialect = 'sqlite' | 'postgresql';

/** One keyring per test process, so a restarted test server can read what the first one sealed. */
const TEST_KEYS = {
  PII_KEYS: `t1:${randomBytes(32).toString('base64')}`,
  PII_INDEX_KEY: randomBytes(32).toString('base64'),
};

export function testDialect(): Dialect {
  return process.env.TEST_DIALECT === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** A database for one test file: in-memory SQLite, or a fresh PostgreSQL database. */
export async function testDatabase(options: { file?: boolean } = {}): Promise<ScratchDatabase> {
  const dialect = testDialect();
  return createScratchDatabase(dialect, {
    adminUrl: process.env.TEST_DATABASE_URL,
    sqliteFile: options.file ? undefined : ':memory:',
    label: 'sd_test',
  });
}

export interface TestServer {
  url: string;
  api(pathname: string): string;
  /** Every line the server logged, parsed. */
  logs: Record<string, unknown>[];
  running: RunningServer;
  /** The server's DATA_DIR (keys, stored files). */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A real server on an ephemeral port, started the way `main` starts it, with
 * its log captured. Pass `database` to reuse one (restart tests); otherwise a
 * new one is made and dropped on close.
 */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    database?: ScratchDatabase;
    app?: CreateAppOptions;
    clock?: Clock;
    /** Background work; by default the outbox is delivered and scheduled jobs only run when a test asks. */
    background?: BackgroundOptions;
  } = {},
): Promise<TestServer> {
  const scratch = options.database ?? (await testDatabase());
  const db = scratch.database;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-data-'));
  const env = parseEnv({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: db.dialect === 'sqlite' ? `sqlite:${db.file}` : db.url,
    LOG_LEVEL: 'debug',
    ...TEST_KEYS,
    // Every test file's requests come from 127.0.0.1 within seconds; the route limits have their own
    // test (test/server/http/route-limits.test.ts) and stay out of the way of the others unless asked.
    AUTH_RATE_PER_MINUTE: '100000',
    UPLOAD_RATE_PER_MINUTE: '100000',
    WRITE_RATE_PER_MINUTE: '100000',
    EXPORT_RATE_PER_MINUTE: '100000',
    ...options.env,
  });
  const logs: Record<string, unknown>[] = [];
  /** Every token and code this server's requests carried or were given; none may appear in `logs`. */
  const credentials = new Set<string>();
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  let running: RunningServer;
  try {
    running = await startServer(env, createLogger({ level: env.LOG_LEVEL, destination: sink }), {
      app: { ...options.app, onCredentials: (values) => values.forEach((v) => credentials.add(v)) },
      clock: options.clock,
      background: { outbox: true, jobs: false, ...options.background },
    });
    registerCipher(running.orm, running.cipher);
  } catch (err) {
    if (!options.database) await scratch.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: running.url,
    api: (p) => `${running.url}/api/v1${p}`,
    logs,
    running,
    dataDir,
    close: async () => {
      await running.close();
      if (!options.database) await scratch.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      // Every test server of the run, at debug level, is held to it: no token or code in any log line.
      const leaks = credentialLeaks(logs, credentials);
      if (leaks.length) throw new Error(`credentials in the server's log (${leaks.length}):\n${leaks.slice(0, 5).join('\n')}`);
    },
  };
}

/** A clock tests can move: starts at the real time, advances only when told. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
