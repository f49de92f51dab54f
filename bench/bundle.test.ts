import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `npm run bench` measures the server as `npm start` runs it: bundled by esbuild and run by plain
 * node (scripts/bench.mjs), not the sources through tsx, whose kept function names cost a licence
 * read 3 % of the server thread on the city-year.
 */
const scripts = (
  JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe("the bench's bundle", () => {
  it('is what npm run bench runs, with plain node', () => {
    expect(scripts.bench).toMatch(/^node (--[\w-]+=\S+ )*scripts\/bench\.mjs$/);
  });

  it('builds, runs under plain node, and is built again when one of its inputs changed', () => {
    // Not through scripts/bench.mjs, which also builds the server: the server bundle's own test
    // (server/src/app/bundle.test.ts) counts that bundle's builds.
    const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(node(['scripts/build.mjs', 'bench']).status).toBe(0);
    const run = node(['dist/bench/run.mjs', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: npm run bench');
    fs.utimesSync('bench/args.ts', new Date(), new Date());
    expect(node(['scripts/build.mjs', 'bench']).stdout).toMatch(/^Bench bundled in \d+ ms/);
  }, 120_000);
});
