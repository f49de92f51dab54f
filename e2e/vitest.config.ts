import { defineConfig } from 'vitest/config';

/** Browser tests: the built web app on a real server over a fresh database, in real Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // A screen's later requests (names, counts) answer in tens of milliseconds on an idle
    // machine and in seconds on a loaded CI one: poll as long as a locator waits (15 s), not
    // vitest's default 1 s (CI caught a county name arriving after it).
    expect: { poll: { timeout: 15_000 } },
  },
});
