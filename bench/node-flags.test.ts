import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `npm start` gives the server's Node a larger young generation (`--max-semi-space-size=64`):
 * with a few dozen requests in flight, the default 16 MB semi-spaces fill before those requests'
 * objects are dead, so the scavenger copies them and promotes many to the old generation. In two
 * profiled pairs of the licence read on the city-year, the garbage collector's time per read fell
 * from 6.6–8.6 µs to 2.6–5.0 µs (docs/BENCHMARKS.md). The bench serves from its own process, so
 * it must start Node with the same heap flags, or it measures another server than the one
 * `npm start` runs.
 */
const scripts = (
  JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts;
const heapFlags = (command: string) =>
  command.split(/\s+/).filter((w) => /^--max-semi-space-size=\d+$/.test(w));

describe("the server's Node flags", () => {
  it('give npm start a young generation of 64 MB semi-spaces', () => {
    expect(scripts.start).toMatch(/^node /);
    expect(heapFlags(scripts.start!)).toEqual(['--max-semi-space-size=64']);
  });

  it('are the same for the bench, which serves from its own process', () => {
    expect(heapFlags(scripts.bench!)).toEqual(heapFlags(scripts.start!));
  });
});
