import { defineConfig } from 'vitest/config';
import { E2E_SERVERS } from './support/servers.ts';

/**
 * Browser tests: the built web app on real servers over fresh databases, in real Chromium. The
 * global setup starts E2E_SERVERS servers and as many files run at once, each holding one
 * server to itself (setup.ts takes it before the file's hooks run, support/lease.ts): the files
 * log in as the same demo accounts and change what the others would see.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    setupFiles: ['e2e/setup.ts'],
    fileParallelism: true,
    maxWorkers: E2E_SERVERS,
    // Two files share the two cores, so a test takes about twice as long as it does alone (the
    // longest, 27 s alone, took up to 64 s beside another file): keep the old margin.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // A screen's later requests (names, counts) answer in tens of milliseconds on an idle
    // machine and in seconds on a loaded CI one: poll as long as a locator waits (15 s), not
    // vitest's default 1 s (CI caught a county name arriving after it).
    expect: { poll: { timeout: 15_000 } },
  },
});
