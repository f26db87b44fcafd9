/**
 * How much CPU other processes took while a load was timed: the machine's busy
 * time (/proc/stat) minus that of this process and its descendants (the
 * in-process server, Chromium). Linux only; null elsewhere. On a shared 2-core
 * machine a build or load test next door slows a throttled page a lot, and
 * this says so in the results instead of leaving it to be guessed.
 */
import fs from 'node:fs';

interface Snapshot {
  busy: number;
  total: number;
  /** utime + stime by pid, for this process and its descendants. */
  ours: Map<number, number>;
}

function machine(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = cpu[3]! + cpu[4]!; // idle + iowait
  return { busy: total - idle, total };
}

/** utime + stime (clock ticks) of `root` and every process descending from it, by pid. */
function treeTicks(root: number): Map<number, number> {
  const procs: { pid: number; ppid: number; ticks: number }[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // Gone meanwhile.
    }
  }
  const children = new Map<number, typeof procs>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const ticks = new Map<number, number>([[root, procs.find((p) => p.pid === root)?.ticks ?? 0]]);
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      ticks.set(child.pid, child.ticks);
      queue.push(child.pid);
    }
  }
  return ticks;
}

export function cpuSnapshot(): Snapshot | null {
  if (process.platform !== 'linux') return null;
  try {
    return { ...machine(), ours: treeTicks(process.pid) };
  } catch {
    return null;
  }
}

/** Cores' worth of CPU used by other processes between two snapshots (0 = none, 2 = both cores of this machine). */
export function otherCores(before: Snapshot | null, after: Snapshot | null, cores: number): number | null {
  if (!before || !after) return null;
  const total = after.total - before.total;
  if (total <= 0) return null;
  // /proc/stat counts USER_HZ ticks summed over all CPUs, as /proc/<pid>/stat does per process.
  // Ours: what each of our processes alive at the end used since the start (a new one: all of it);
  // one that ended meanwhile (a closed context's renderer) is not subtracted from the end.
  let ours = 0;
  for (const [pid, ticks] of after.ours) ours += ticks - (before.ours.get(pid) ?? 0);
  const other = after.busy - before.busy - ours;
  return Math.max(0, Math.round((other / (total / cores)) * 100) / 100);
}
