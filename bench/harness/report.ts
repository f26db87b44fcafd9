import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS_DIR } from '../dataset/config';
import type { Round } from './load';

export interface PathResult {
  key: string;
  label: string;
  raw: Round;
  ours: Round;
  rawRounds: Round[];
  oursRounds: Round[];
  /** Data statements the raw baseline replays / statements our server ran for the request. */
  statements: { replayed: number; total: number };
  rssMaxMb: number | null;
  notes: string[];
}

export interface RunReport {
  date: string;
  dialect: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; os: string; database: string };
  settings: { connections: number; seconds: number; rounds: number; pick: string; serverJobs: string };
  dataset: { builtAt: string; buildSeconds: number; counts: Record<string, number>; sizeMb: number | null };
  ours: { rssIdleMb: number | null; rssMaxMb: number | null };
  paths: PathResult[];
}

export function machine(database: string): RunReport['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    database,
  };
}

const ms = (x: number) => (Number.isFinite(x) ? String(x) : '–');

export function table(r: RunReport): string {
  const lines = [
    '| path | raw req/s | raw p50/p99 ms | ours req/s | ours p50/p99 ms | ours/raw | errors raw/ours | SQL replayed/ran | ours RSS max MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const p of r.paths) {
    const ratio = p.raw.rps ? (p.ours.rps / p.raw.rps).toFixed(2) : '–';
    lines.push(`| ${p.label} | ${p.raw.rps} | ${ms(p.raw.p50)}/${ms(p.raw.p99)} | ${p.ours.rps} | ${ms(p.ours.p50)}/${ms(p.ours.p99)} | ${ratio} | ${p.raw.errors}/${p.ours.errors} | ${p.statements.replayed}/${p.statements.total} | ${p.rssMaxMb ?? '–'} |`);
  }
  return lines.join('\n');
}

export function header(r: RunReport): string {
  const m = r.machine;
  return [
    `# Bench ${r.date} — ${r.dialect}`,
    '',
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, ${m.database}.`,
    `autocannon ${r.settings.connections} connections, ${r.settings.seconds} s per round, ${r.settings.rounds} rounds per server alternating raw/ours after a warm-up; the table shows each side's ${r.settings.pick}.`,
    `Dataset built ${r.dataset.builtAt} in ${r.dataset.buildSeconds} s (${r.dataset.sizeMb ?? '?'} MB on disk): ${Object.entries(r.dataset.counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}.`,
    `Our server's scheduled jobs: ${r.settings.serverJobs}.`,
    `Our server RSS: ${r.ours.rssIdleMb ?? '?'} MB after start, ${r.ours.rssMaxMb ?? '?'} MB at most during the run.`,
    '',
  ].join('\n');
}

/** bench/results/<date>-<dialect>.md and .json. */
export function writeReport(r: RunReport): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stem = path.join(RESULTS_DIR, `${r.date.replace(/[:.]/g, '-')}-${r.dialect}`);
  const notes = r.paths.flatMap((p) => p.notes.map((n) => `- ${p.label}: ${n}`));
  fs.writeFileSync(`${stem}.md`, `${header(r)}\n${table(r)}\n${notes.length ? `\nNotes:\n${notes.join('\n')}\n` : ''}`);
  fs.writeFileSync(`${stem}.json`, `${JSON.stringify(r, null, 2)}\n`);
  return stem;
}
