import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'shared/**/*.test.ts',
      'web/src/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    globalSetup: ['test/global-setup.ts'],
    // Each file gets its own database cloned from a migrated, seeded template.
    pool: 'forks',
    // A test file spends most of its time waiting on the database and its own HTTP requests:
    // on two cores, four files at once took the whole suite from 600 s to 410 s (one per core
    // left the CPU half idle). At most eight: each file holds a pool of five connections,
    // some open more (other server processes over the same database), and the embedded test
    // server allows 200.
    maxWorkers: Math.min(8, Math.max(2, os.availableParallelism() * 2)),
    // The files of one worker share the loaded modules (410 s → 330 s: each file imported the
    // whole server again). They can: the platform keeps no module-level state except caches
    // keyed by their database handle, and no test mocks a module.
    isolate: false,
    // A timeout catches a hang, never a slow machine: with four files at once, CI's slowest test
    // (a cluster of server processes started, killed and stopped) took 23 s, 9 s with two.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // What a test polls for (a notice between processes, a job's effect) comes within
    // milliseconds on an idle machine and can take seconds on a busy one: poll up to 10 s,
    // not vitest's default 1 s (a four-file run caught a listener's reconnect after 1 s).
    expect: { poll: { timeout: 10_000 } },
  },
});
