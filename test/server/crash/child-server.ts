import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../support/free-port';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The server as production runs it, in a process of its own that can be
 * killed with SIGKILL and started again on the same database, DATA_DIR and
 * port (so clients keep one base URL, as they keep one domain).
 */
export interface ChildServer {
  url: string;
  api(pathname: string): string;
  /** Starts a new incarnation and resolves once /api/v1/health answers. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, open transactions die with the process. */
  kill(): Promise<void>;
  running(): boolean;
  /** The end of what the current (or last) incarnation printed. */
  output(): string;
}

/** Children still alive when the test process ends are killed, even if afterAll never ran. */
const alive = new Set<ChildProcess>();
process.once('exit', () => alive.forEach((c) => c.kill('SIGKILL')));

export function childServer(env: Record<string, string>, port: number): ChildServer {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-8000));

  const self: ChildServer = {
    url,
    api: (p) => `${url}/api/v1${p}`,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    output: () => out,
    async start() {
      if (self.running()) throw new Error('the child server is already running');
      out = '';
      // One process (no tsx CLI parent), so SIGKILL reaches the server itself and leaves no orphan.
      const c = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      alive.add(c);
      c.once('exit', () => alive.delete(c));
      c.stdout!.on('data', keep);
      c.stderr!.on('data', keep);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (!self.running()) throw new Error(`the server exited during start (${c.exitCode ?? c.signalCode}):\n${out}`);
        try {
          const res = await fetch(self.api('/health'), { signal: AbortSignal.timeout(2000) });
          if (res.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      await self.kill();
      throw new Error(`the server did not answer /api/v1/health within 60 s:\n${out}`);
    },
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
  };
  return self;
}
