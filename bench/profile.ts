/**
 * `--profile <dir>`: a CPU profile of the server's thread (this process's main thread) over each
 * phase's measured window only — start-up, seeding and warm-up left out — written as
 * `<dir>/<workload>-c<clients>.cpuprofile` (open it in Chrome DevTools or speedscope;
 * `npx tsx bench/profile-top.ts <file>` lists the top functions).
 *
 * `--alloc-profile <dir>`: what that thread allocated over the window, sampled about every
 * `ALLOCATION_SAMPLE_BYTES`, the objects the collector has already taken included (V8's sampling
 * heap profiler otherwise keeps only the survivors), as `<dir>/<workload>-c<clients>.heapprofile`
 * (`npx tsx bench/alloc-top.ts <file> <requests>` gives bytes per request by group and function).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

export interface WindowProfiler {
  /** Starts the profile; resolves once it is running (the bench does not wait: a window is long). */
  start(): Promise<unknown>;
  /** Stops the profile and writes it; resolves with the file written. */
  stop(): Promise<string>;
}

export type ProfileKind = 'cpu' | 'allocations';

/** One sample per this many bytes on average: about 40 per mixed application (170 KiB). */
const ALLOCATION_SAMPLE_BYTES = 4096;

export function windowProfiler(dir: string, name: string, kind: ProfileKind): WindowProfiler {
  const session = new Session();
  session.connect();
  let started: Promise<unknown> = Promise.resolve();
  const write = (extension: string, profile: unknown) => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.${extension}`);
    fs.writeFileSync(file, JSON.stringify(profile));
    return file;
  };
  if (kind === 'allocations') {
    return {
      start() {
        return (started = session.post('HeapProfiler.enable').then(() =>
          session.post('HeapProfiler.startSampling', {
            samplingInterval: ALLOCATION_SAMPLE_BYTES,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: true,
          }),
        ));
      },
      async stop() {
        await started;
        const { profile } = await session.post('HeapProfiler.stopSampling');
        session.disconnect();
        return write('heapprofile', profile);
      },
    };
  }
  return {
    start() {
      return (started = session
        .post('Profiler.enable')
        .then(() => session.post('Profiler.setSamplingInterval', { interval: 1000 }))
        .then(() => session.post('Profiler.start')));
    },
    async stop() {
      await started;
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return write('cpuprofile', profile);
    },
  };
}

/** Several profilers over the same windows as one (a V8 profile and `--perf` together). */
export function allOf(profilers: readonly WindowProfiler[]): WindowProfiler | null {
  if (profilers.length === 0) return null;
  if (profilers.length === 1) return profilers[0]!;
  return {
    start: () => Promise.all(profilers.map((p) => p.start())),
    stop: async () => (await Promise.all(profilers.map((p) => p.stop()))).join(', '),
  };
}
