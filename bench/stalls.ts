/**
 * What can stall a window, measured beside it: so that a phase whose p99 jumped says whether a
 * pause of the server's thread (a long task, a collection), of the load generator's, or the
 * database server's background work (a checkpoint, autovacuum) came with the slow requests, and
 * whether those came together (a stall) or spread over the window (queueing under steady load).
 */
import fs from 'node:fs';
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import type { BackgroundOver } from './background.ts';

/** A thread's pauses over a window; times in seconds from when the watch began. */
export interface ThreadPauses {
  /** The longest its event loop was late for a 10 ms timer (a task or collection that held it). */
  loopDelayMaxMs: number;
  /** When that late timer was due. */
  loopDelayMaxAtS: number;
  /** The longest garbage collection pause of the thread (0 for none). */
  gcPauseMaxMs: number;
  /** Its kind: a scavenge of the young generation, or a full (mark-compact) collection's. */
  gcPauseMaxKind: 'minor' | 'major' | 'other' | null;
  /** When it began. */
  gcPauseMaxAtS: number;
  /** Its collection pauses of 10 ms or more. */
  gcPausesOver10Ms: number;
  /** Its full (mark-compact) collections. */
  gcMajor: number;
}

const kindOf = (kind: number | undefined): ThreadPauses['gcPauseMaxKind'] =>
  kind === constants.NODE_PERFORMANCE_GC_MINOR
    ? 'minor'
    : kind === constants.NODE_PERFORMANCE_GC_MAJOR
      ? 'major'
      : 'other';

const TICK_MS = 10;

/**
 * Starts watching this thread; `stop` gives what the window saw. The loop's lateness is taken
 * from a 10 ms timer of its own rather than `monitorEventLoopDelay`, whose histogram does not
 * say when: the moment is what ties a pause to the slow requests.
 */
export function watchThread(): { stop: () => ThreadPauses } {
  const began = performance.now();
  let due = began + TICK_MS;
  let lateMax = 0;
  let lateMaxAt = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - due > lateMax) {
      lateMax = now - due;
      lateMaxAt = due - began;
    }
    due = now + TICK_MS;
  }, TICK_MS);
  // A watch left running (a phase that failed) does not keep the process alive.
  timer.unref();
  let gcMax = 0;
  let gcMaxAt = 0;
  let gcMaxKind: ThreadPauses['gcPauseMaxKind'] = null;
  let gcLong = 0;
  let gcMajor = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Node puts the collection's kind in `detail` (the typings of PerformanceEntry lack it).
      const kind = kindOf((entry as { detail?: { kind?: number } }).detail?.kind);
      if (kind === 'major') gcMajor++;
      if (entry.duration >= 10) gcLong++;
      if (entry.duration <= gcMax) continue;
      gcMax = entry.duration;
      gcMaxAt = entry.startTime - began;
      gcMaxKind = kind;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      clearInterval(timer);
      observer.disconnect();
      return {
        loopDelayMaxMs: lateMax,
        loopDelayMaxAtS: lateMaxAt / 1000,
        gcPauseMaxMs: gcMax,
        gcPauseMaxKind: gcMaxKind,
        gcPauseMaxAtS: gcMaxAt / 1000,
        gcPausesOver10Ms: gcLong,
        gcMajor,
      };
    },
  };
}

/** The machine's CPU time so far, in clock ticks of all CPUs (Linux's /proc/stat). */
export interface HostTicks {
  total: number;
  /** Taken by the hypervisor for other guests while this one had work (a virtual machine's). */
  steal: number;
  /** Idle while waiting for the disk. */
  iowait: number;
}

/** Null off Linux. */
export function hostTicks(): HostTicks | null {
  try {
    const stat = fs.readFileSync('/proc/stat', 'utf8');
    // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is
    // already counted in user time.
    const t = stat.slice(0, stat.indexOf('\n')).trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: t.reduce((a, b) => a + b, 0), steal: t[7] ?? 0, iowait: t[4] ?? 0 };
  } catch {
    return null;
  }
}

/** Shares of the machine's CPU time between two readings. */
export interface HostShare {
  steal: number;
  iowait: number;
}

export function hostShare(start: HostTicks | null, end: HostTicks | null): HostShare | null {
  if (!start || !end || end.total <= start.total) return null;
  const total = end.total - start.total;
  return { steal: (end.steal - start.steal) / total, iowait: (end.iowait - start.iowait) / total };
}

/** Where in the window the slowest requests finished. */
export interface SlowestShare {
  /** The slowest 1 % of the window's requests (at least one). */
  count: number;
  /** Seconds from the window's start to the first and the last of them to finish. */
  firstS: number;
  lastS: number;
  /** How many of the window's whole seconds they finished in: 1–2 for a stall. */
  seconds: number;
}

/**
 * The slowest 1 % of the requests, by when they finished (ms from the window's start, in the
 * order of `latencies`). Null without requests.
 */
export function slowestShare(
  latencies: ArrayLike<number>,
  finishedAt: ArrayLike<number>,
): SlowestShare | null {
  const n = latencies.length;
  if (n === 0) return null;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => latencies[b]! - latencies[a]!,
  );
  const slowest = order.slice(0, Math.ceil(n / 100)).map((i) => finishedAt[i]!);
  return {
    count: slowest.length,
    firstS: Math.min(...slowest) / 1000,
    lastS: Math.max(...slowest) / 1000,
    seconds: new Set(slowest.map((at) => Math.floor(at / 1000))).size,
  };
}

/** What could have stalled a phase's window, beside where its slowest requests fell. */
export interface PhaseStalls {
  /** The slowest 1 % of the requests, by when they finished; null without requests. */
  slowest: SlowestShare | null;
  /** The server's thread (null with --workers: the server runs in other processes). */
  server: ThreadPauses | null;
  /** The load generator's thread. */
  load: ThreadPauses | null;
  /** The database server's checkpoints and autovacuum; null where not read. */
  database: BackgroundOver | null;
  /** The machine's CPU time the hypervisor took, and that waited for the disk; null off Linux. */
  host: HostShare | null;
  /** When the window began (epoch ms), the origin of the times above. */
  began: number | null;
}

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '–');

function pausesText(who: string, p: ThreadPauses | null): string {
  if (!p) return `${who}: –`;
  return (
    `${who}: loop late by at most ${ms(p.loopDelayMaxMs)} (due at +${p.loopDelayMaxAtS.toFixed(2)} s), ` +
    `longest GC pause ${ms(p.gcPauseMaxMs)}` +
    (p.gcPauseMaxKind ? ` (${p.gcPauseMaxKind}, at +${p.gcPauseMaxAtS.toFixed(2)} s)` : '') +
    (p.gcPausesOver10Ms ? `, ${p.gcPausesOver10Ms} of 10 ms or more` : '') +
    `, ${p.gcMajor} full collections`
  );
}

/** One line: where the slowest 1 % fell, and what each party did meanwhile. */
export function stallsLine(s: PhaseStalls): string {
  const parts: string[] = [];
  if (s.began !== null) parts.push(`window began ${new Date(s.began).toISOString()}`);
  if (s.slowest) {
    const { count, firstS, lastS, seconds } = s.slowest;
    parts.push(
      `slowest 1 % (${count}) finished from +${firstS.toFixed(2)} to +${lastS.toFixed(2)} s, ` +
        `in ${seconds} of the window's seconds`,
    );
  }
  parts.push(pausesText('server', s.server), pausesText('load generator', s.load));
  const db = s.database;
  parts.push(
    db
      ? `PostgreSQL: ${db.checkpointEnded ? `a checkpoint (begun ${db.checkpointEnded}) ended` : 'no checkpoint ended'}, ` +
          `${db.autovacuumRuns} autovacuum/analyze runs ended, ${db.autovacuumWorkers} running at most`
      : 'PostgreSQL: –',
  );
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  parts.push(
    s.host
      ? `the machine: ${pct(s.host.steal)} of its CPU time taken by the hypervisor (steal), ` +
          `${pct(s.host.iowait)} waiting for the disk`
      : 'the machine: –',
  );
  return parts.join('; ');
}
