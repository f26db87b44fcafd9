import fs from 'node:fs';
import { rssMb } from '../harness/processes';

export interface Sample {
  /** Seconds since the load started. */
  at: number;
  rssMb: number | null;
  /** Open file descriptors of the server process: sockets, database connections, files. */
  fds: number | null;
  inFlight: number;
}

export function openFds(pid: number): number | null {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Median of a measure over the samples taken between two moments (seconds since start). */
export function windowMedian(samples: Sample[], from: number, to: number, pick: (s: Sample) => number | null): number {
  const values = samples.filter((s) => s.at >= from && s.at < to).map(pick).filter((v): v is number => v !== null);
  return median(values);
}
