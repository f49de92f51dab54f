import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarise, type HeapNode } from './alloc-top.ts';
import { windowProfiler } from './profile.ts';

const frame = (functionName: string, url: string, lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
});
const node = (f: HeapNode['callFrame'], selfSize: number, children: HeapNode[] = []) => ({
  callFrame: f,
  selfSize,
  children,
});

/** Allocates `n` short-lived objects (garbage by the time the profile is read). */
function churnForTheProfile(n: number) {
  // Each array escapes into the ring, so the compiler cannot leave it unallocated.
  const ring: unknown[][] = new Array<unknown[]>(1024);
  for (let i = 0; i < n; i++) ring[i & 1023] = [i, i + 1, i + 2, `${i}`];
  return ring.reduce((a, r) => a + r.length, 0);
}

describe('alloc-top', () => {
  it("charges Node core and native allocations to the nearest caller's group", () => {
    const head = node(frame('(root)', ''), 0, [
      node(frame('submit', 'file:///repo/server/src/applications/handler.ts', 9), 100, [
        node(frame('emit', 'node:events', 470), 30, [node(frame('stringify', ''), 20)]),
        node(frame('compile', 'file:///repo/node_modules/kysely/dist/esm/x.js'), 40),
      ]),
      // Nobody's code on the stack: it stays Node core's.
      node(frame('processTicksAndRejections', 'node:internal/process/task_queues'), 5),
    ]);
    const s = summarise(head);
    expect(s.totalBytes).toBe(195);
    expect(Object.fromEntries(s.byGroup)).toEqual({
      'application code': 150,
      'Kysely (build, compile, run queries)': 40,
      'Node core (JS)': 5,
    });
    expect(s.byFunction[0]).toEqual(['submit\tserver/src/applications/handler.ts:10', 100]);
    expect(s.byFunction.find(([k]) => k.startsWith('stringify'))).toEqual(['stringify\t', 20]);
  });

  it('profiles what a window allocated, the objects already collected included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-profile-'));
    const profiler = windowProfiler(dir, 'churn', 'allocations');
    await profiler.start();
    // Far more than the young generation holds: most of it is collected before the stop.
    expect(churnForTheProfile(2_000_000)).toBe(4096);
    const file = await profiler.stop();
    expect(path.basename(file)).toBe('churn.heapprofile');
    const { head } = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode };
    const churned = summarise(head)
      .byFunction.filter(([k]) => k.startsWith('churnForTheProfile\t'))
      .reduce((a, [, b]) => a + b, 0);
    // Two million arrays of four and as many strings: well over 100 MB allocated, a few MB alive.
    expect(churned).toBeGreaterThan(50 * 1024 * 1024);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
