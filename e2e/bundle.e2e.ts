import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 9, item 7: no chunk of the web app over 500 kB. Vite only warns past its
 * `chunkSizeWarningLimit`, so a library pulled into a shared chunk would grow the first load
 * without failing the build; this reads the build `npm run test:e2e` has just made.
 */
const ASSETS = path.resolve('web/dist/assets');
/** Vite's kB, as its build report prints them: 1000 bytes. */
const LIMIT_BYTES = 500 * 1000;

const chunks = () =>
  fs
    .readdirSync(ASSETS)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((f) => ({ file: f, bytes: fs.statSync(path.join(ASSETS, f)).size }));

describe('the web bundle', () => {
  it('is split into chunks of at most 500 kB each', () => {
    const all = chunks();
    // Split by route: dozens of chunks, not one bundle that merely happens to be small.
    expect(all.filter((c) => c.file.endsWith('.js')).length).toBeGreaterThan(20);
    expect(all.filter((c) => c.bytes > LIMIT_BYTES)).toEqual([]);
  });

  it('loads ECharts only with a chart, not with the first screen', () => {
    const index = fs.readFileSync(path.resolve('web/dist/index.html'), 'utf8');
    const entries = [...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((f) => /echarts|zrender/i.test(f ?? ''))).toEqual([]);
  });
});
