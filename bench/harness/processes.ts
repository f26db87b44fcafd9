import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Target } from '../dataset/meta';
import { buildServer } from '../../server/src/cli/build-server';
import { serverEnv } from './server-env';
import { freePort } from '../../test/support/free-port';

const ROOT = path.resolve(__dirname, '..', '..');

export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `node --import tsx <file>`: one process (the tsx CLI would add a parent), so its pid is the one whose memory we read. */
function nodeWithTsx(file: string, args: string[], env: Record<string, string>, nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, '--import', 'tsx', file, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Says so (with the end of its output) when a child dies while the bench still needs it. */
function watch(name: string, child: ChildProcess, output: () => string): { stopping: () => void } {
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`[bench] ${name} exited unexpectedly (${code ?? signal}):\n${output()}`);
  });
  return { stopping: () => (stopping = true) };
}

function stopper(child: ChildProcess, w?: { stopping: () => void }): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      w?.stopping();
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

let serverBundle: Promise<string> | undefined;

/** Our server, built from server/src/main.ts, with the bench environment; ready when /api/v1/health answers. */
export async function startOurServer(t: Target): Promise<Child> {
  return startBundledServer((port) => {
    const env = serverEnv(t, port);
    fs.mkdirSync(env.DATA_DIR!, { recursive: true });
    return env;
  });
}

/**
 * The server as production runs it — the bundle `npm run build:server`
 * makes, not the sources through tsx (built once per run) — on a free
 * loopback port with the environment `envFor` gives; ready when
 * /api/v1/health answers.
 */
export async function startBundledServer(envFor: (port: number) => Record<string, string>): Promise<Child> {
  const port = await freePort();
  const env = envFor(port);
  // BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of our server over the whole run, written when it stops (one path at a time is easiest to read).
  const profileDir = process.env.BENCH_CPU_PROFILE;
  // BENCH_NODE_FLAGS: extra V8/Node flags for our server (e.g. `--trace-gc`); BENCH_SERVER_LOG=<file>: its whole output there.
  const extraFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  serverBundle ??= buildServer();
  const bundle = await serverBundle;
  const flags = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : []), ...extraFlags];
  const child = spawn(process.execPath, [...flags, bundle], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = process.env.BENCH_SERVER_LOG ? fs.createWriteStream(process.env.BENCH_SERVER_LOG) : null;
  let output = '';
  const keep = (d: Buffer) => {
    logFile?.write(d);
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`our server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return { url, pid: child.pid!, stop: stopper(child, watch('our server', child, () => output)) };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`our server did not answer /api/v1/health within 120 s:\n${output}`);
}

/** The raw baseline with its plan file; ready when it prints its port. */
export async function startRawServer(planFile: string): Promise<Child> {
  const child = nodeWithTsx('bench/raw/server.ts', [planFile], {});
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /RAW_LISTENING (\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`the raw server exited (${code}):\n${output}`)));
  });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: stopper(child, watch('the raw server', child, () => output)) };
}

/** Resident memory of a process in MB, from /proc (Linux); null elsewhere. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}
