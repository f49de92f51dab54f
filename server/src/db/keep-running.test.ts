import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { keepRunning } from './keep-running.ts';

/**
 * The watcher over a stand-in server: a `sleep` process whose pid is in a pid file, as a
 * postmaster's is in postmaster.pid.
 */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function server(pidFile: string) {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  children.push(child);
  fs.writeFileSync(pidFile, `${child.pid}\n`);
  return child;
}

async function until(done: () => boolean, ms = 10_000) {
  for (const end = Date.now() + ms; !done(); await sleep(20)) {
    if (Date.now() > end) throw new Error('timed out');
  }
}

const fast = { watchMs: 50, everyMs: 50, withinMs: 1_000, times: 2, perMs: 60_000 };

describe('keeping the embedded server running', () => {
  it('starts a server that ended on its own again, and says so', async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keep-')), 'pid');
    const first = server(pidFile);
    const lines: string[] = [];
    let starts = 0;
    const watcher = keepRunning({
      pidFile,
      start: async () => {
        starts++;
        server(pidFile);
      },
      warn: (l) => lines.push(l),
      policy: fast,
    });
    await sleep(200);
    expect(starts).toBe(0);
    first.kill('SIGKILL');
    await until(() => starts === 1);
    expect(lines[0]).toContain(`(pid ${first.pid}) ended on its own`);
    await until(() => lines.length === 2);
    expect(lines[1]).toContain('runs again');
    // Its stop says the server runs, so the owner stops it.
    expect(await watcher.stop()).toBe(true);
  });

  it('tries again while the start fails, then gives the server up', async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keep-')), 'pid');
    const first = server(pidFile);
    let tries = 0;
    const watcher = keepRunning({
      pidFile,
      start: async () => {
        tries++;
        throw new Error('pre-existing shared memory block is still in use');
      },
      warn: () => undefined,
      policy: { ...fast, withinMs: 300 },
    });
    first.kill('SIGKILL');
    const lost = await watcher.lost;
    expect(lost.message).toMatch(/could not be started again: pre-existing shared memory/);
    expect(tries).toBeGreaterThan(2);
    // Nothing runs, so the owner has nothing to stop.
    expect(await watcher.stop()).toBe(false);
  });

  it('gives up a server that keeps ending', async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keep-')), 'pid');
    let current = server(pidFile);
    const watcher = keepRunning({
      pidFile,
      start: async () => {
        current = server(pidFile);
      },
      warn: () => undefined,
      policy: fast,
    });
    // Two restarts are allowed within the minute; the third end is one too many.
    for (let i = 0; i < 3; i++) {
      const ended = current;
      ended.kill('SIGKILL');
      if (i < 2) await until(() => current !== ended);
    }
    expect((await watcher.lost).message).toMatch(/ended 3 times within 1 min/);
    expect(await watcher.stop()).toBe(false);
  });

  it('leaves alone a server stopped together with its owner', async () => {
    const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keep-')), 'pid');
    const first = server(pidFile);
    let starts = 0;
    const watcher = keepRunning({
      pidFile,
      start: async () => {
        starts++;
      },
      warn: () => undefined,
      policy: { ...fast, watchMs: 200 },
    });
    // Ctrl-C reaches both: the server ends, and the owner's shutdown stops the watcher soon after,
    // here after one look (at 200 ms) that found the server gone.
    first.kill('SIGINT');
    await sleep(300);
    expect(await watcher.stop()).toBe(false);
    await sleep(500);
    expect(starts).toBe(0);
  });
});
