/**
 * CPU time of a process's main thread (the server under test: this process, or each HTTP worker
 * with --workers), from Linux's /proc/<pid>/task/<pid>/stat: unlike event-loop busy time it leaves out the time the thread was
 * runnable but waiting for a CPU, so it stays comparable on a loaded machine. NaN elsewhere.
 */
import { execFileSync } from 'node:child_process';
import cluster from 'node:cluster';
import fs from 'node:fs';

let ticksPerSecond: number | null = null;
const ticks = () => {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
};

/** Milliseconds of CPU (user + system) the main thread of `pid` has used so far, or NaN. */
export function mainThreadCpuMs(pid = process.pid): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks();
  } catch {
    return Number.NaN;
  }
}

/** The HTTP workers' process ids when the server runs in workers (--workers), else none. */
export const workerPids = (): number[] =>
  Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid ? [w.process.pid] : []));

/** CPU of the server's main threads so far: this process's, or every HTTP worker's together. */
export function serverCpuMs(): number {
  const pids = workerPids();
  return pids.length === 0
    ? mainThreadCpuMs()
    : pids.reduce((sum, pid) => sum + mainThreadCpuMs(pid), 0);
}
