/**
 * CPU time from Linux's /proc: of a process's main thread (the server under test: this process,
 * or each HTTP worker with --workers), which unlike event-loop busy time leaves out the time the
 * thread was runnable but waiting for a CPU, so it stays comparable on a loaded machine; and of
 * the PostgreSQL processes on this machine, the other half of a write's cost. NaN elsewhere.
 */
import { execFileSync } from 'node:child_process';
import cluster from 'node:cluster';
import fs from 'node:fs';

/**
 * The clock ticks /proc counts in, asked once as the module loads: in each thread that loads it,
 * before any window. Asked at a window's start instead (the load generator's thread is new for
 * each phase), the child process stalled the whole process for 50–160 ms as the window began
 * (docs/BENCHMARKS.md, 2026-12-06).
 */
const ticksPerSecond = (() => {
  if (process.platform !== 'linux') return 100;
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();
const ticks = () => ticksPerSecond;

/** CPU ms (user + system) of a /proc `stat` line. */
function cpuMsOfStat(stat: string): number {
  // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks();
}

/** CPU ms of the thread whose /proc `stat` file this is, or NaN (not Linux, thread gone). */
function threadCpuMs(statFile: string): number {
  try {
    return cpuMsOfStat(fs.readFileSync(statFile, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

/** Milliseconds of CPU (user + system) the main thread of `pid` has used so far, or NaN. */
export const mainThreadCpuMs = (pid = process.pid) => threadCpuMs(`/proc/${pid}/task/${pid}/stat`);

/** The calling thread's CPU so far: the load generator's own cost, read in its worker thread. */
export const currentThreadCpuMs = () => threadCpuMs('/proc/thread-self/stat');

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

/**
 * CPU ms (user + system) used so far by each process named `postgres` on this machine: the
 * database server's backends and helpers, for its share of a window beside the server thread's.
 * A server on another machine has none here.
 */
export function postgresCpuMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return byPid;
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      byPid.set(Number(pid), cpuMsOfStat(stat));
    } catch {
      // The process ended while /proc was read: its time is not counted.
    }
  }
  return byPid;
}

/** PostgreSQL's CPU ms between two readings; processes that ended between them are left out. */
export function postgresCpuSince(start: Map<number, number>): number {
  const now = postgresCpuMs();
  if (now.size === 0) return Number.NaN;
  let ms = 0;
  for (const [pid, used] of now) ms += used - (start.get(pid) ?? 0);
  return ms;
}
