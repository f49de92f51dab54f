import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { hostShare, hostTicks, slowestShare, stallsLine, watchThread } from './stalls.ts';

describe('where the slowest requests of a window fell', () => {
  it('puts a stall’s slow requests in one second, and steady queueing’s in many', () => {
    // 1,000 requests over 10 s; the 10 slowest all finished around +4.2 s.
    const latencies = Array.from({ length: 1000 }, (_, i) => (i >= 420 && i < 430 ? 80 : 3));
    const finishedAt = Array.from({ length: 1000 }, (_, i) => i * 10);
    expect(slowestShare(latencies, finishedAt)).toEqual({
      count: 10,
      firstS: 4.2,
      lastS: 4.29,
      seconds: 1,
    });
    // The same slow requests every tenth of a second.
    const spread = Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? 80 : 3));
    expect(slowestShare(spread, finishedAt)).toMatchObject({ count: 10, firstS: 0, seconds: 10 });
    expect(slowestShare([], [])).toBeNull();
  });
});

describe("a thread's pauses over a window", () => {
  it('sees a task that held the event loop, and the collections', async () => {
    const gcs: unknown[] = [];
    const every = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
    every.observe({ entryTypes: ['gc'] });
    const before = performance.now();
    const watch = watchThread();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const held = performance.now();
    const until = held + 150;
    while (performance.now() < until) {
      // holds the loop, as a long synchronous task would
    }
    let kept: number[][] = [];
    for (let i = 0; i < 20_000; i++) kept.push(new Array(64).fill(i));
    kept = [];
    // And one full collection, asked for as `--expose-gc` would allow.
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
    // Collections are reported to observers after the fact.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pauses = watch.stop();
    every.disconnect();
    expect(kept).toHaveLength(0);
    expect(pauses.loopDelayMaxMs).toBeGreaterThanOrEqual(100);
    // The late timer fell due while the loop was held (or one tick before), however late the
    // 30 ms wait ran on a busy machine.
    expect(pauses.loopDelayMaxAtS).toBeGreaterThanOrEqual((held - before) / 1000 - 0.02);
    expect(pauses.loopDelayMaxAtS).toBeLessThanOrEqual((until - before) / 1000);
    expect(pauses.gcPauseMaxMs).toBeGreaterThan(0);
    expect(pauses.gcPauseMaxKind).not.toBeNull();
    // The scavenges of the 20,000 arrays are not counted as full collections.
    expect(pauses.gcMajor).toBeGreaterThanOrEqual(1);
    expect(pauses.gcMajor).toBeLessThan(gcs.length);
  });

  it('says each party’s part in one line', () => {
    const line = stallsLine({
      slowest: { count: 43, firstS: 6.1, lastS: 6.4, seconds: 1 },
      server: {
        loopDelayMaxMs: 61.2,
        loopDelayMaxAtS: 6.07,
        gcPauseMaxMs: 14.5,
        gcPauseMaxKind: 'major',
        gcPauseMaxAtS: 6.1,
        gcPausesOver10Ms: 2,
        gcMajor: 3,
      },
      load: null,
      database: {
        checkpointEnded: '2026-12-06 19:00:01+08',
        autovacuumRuns: 2,
        autovacuumWorkers: 1,
      },
      host: { steal: 0.031, iowait: 0.002 },
      began: Date.UTC(2026, 11, 6, 11, 0, 1, 250),
    });
    expect(line).toMatch(/^window began 2026-12-06T11:00:01\.250Z; slowest/);
    expect(line).toContain('slowest 1 % (43) finished from +6.10 to +6.40 s, in 1 of');
    expect(line).toContain(
      'server: loop late by at most 61.2 ms (due at +6.07 s), ' +
        'longest GC pause 14.5 ms (major, at +6.10 s), 2 of 10 ms or more, 3 full collections',
    );
    expect(line).toContain('load generator: –');
    expect(line).toContain('a checkpoint (begun 2026-12-06 19:00:01+08) ended');
    expect(line).toContain('2 autovacuum/analyze runs ended, 1 running at most');
    expect(line).toContain(
      'the machine: 3.1 % of its CPU time taken by the hypervisor (steal), 0.2 % waiting',
    );
  });
});

describe("the machine's CPU time over a window", () => {
  it('gives the shares the hypervisor took and the disk kept waiting', () => {
    expect(
      hostShare({ total: 1000, steal: 10, iowait: 5 }, { total: 3000, steal: 110, iowait: 25 }),
    ).toEqual({ steal: 0.05, iowait: 0.01 });
    expect(hostShare(null, { total: 1, steal: 0, iowait: 0 })).toBeNull();
  });

  it('reads Linux’s counters of all CPUs', () => {
    const ticks = hostTicks();
    if (process.platform !== 'linux') return expect(ticks).toBeNull();
    expect(ticks!.total).toBeGreaterThan(ticks!.steal + ticks!.iowait);
  });
});
