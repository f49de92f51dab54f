/**
 * `--profile <dir>`: a CPU profile of the server's thread (this process's main thread) over each
 * phase's measured window only — start-up, seeding and warm-up left out — written as
 * `<dir>/<workload>-c<clients>.cpuprofile` (open it in Chrome DevTools or speedscope;
 * `npx tsx bench/profile-top.ts <file>` lists the top functions).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

export interface WindowProfiler {
  start(): void;
  /** Stops the profile and writes it; resolves with the file written. */
  stop(): Promise<string>;
}

export function windowProfiler(dir: string, name: string): WindowProfiler {
  const session = new Session();
  session.connect();
  let started: Promise<unknown> = Promise.resolve();
  return {
    start() {
      started = session
        .post('Profiler.enable')
        .then(() => session.post('Profiler.setSamplingInterval', { interval: 1000 }))
        .then(() => session.post('Profiler.start'));
    },
    async stop() {
      await started;
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}
