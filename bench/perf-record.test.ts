import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { perfRecorder } from './perf-record.ts';
import { allOf, type WindowProfiler } from './profile.ts';

describe('--perf over a window', () => {
  it('says how to install perf when it is not there, without ending the bench at the start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-perf-'));
    const recorder = perfRecorder(dir, 'mix-c32', path.join(dir, 'no-such-perf'));
    await recorder.start();
    // The failure comes after the start: a window's start must not wait for it or throw.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(recorder.stop()).rejects.toThrow(
      /perf did not start \(Debian: apt-get install linux-perf\)/,
    );
    fs.rmSync(dir, { recursive: true });
  });

  it('reports a perf that ended on its own with its code and what it said', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-perf-'));
    // A stand-in that refuses as perf does without the right to sample the machine.
    const fake = path.join(dir, 'perf');
    fs.writeFileSync(fake, '#!/bin/sh\necho "perf_event_paranoid setting is 4" >&2\nexit 255\n', {
      mode: 0o755,
    });
    const recorder = perfRecorder(dir, 'mix-c32', fake);
    await recorder.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(recorder.stop()).rejects.toThrow(
      /ended with 255: perf_event_paranoid setting is 4/,
    );
    fs.rmSync(dir, { recursive: true });
  });
});

describe('profilers over the same windows', () => {
  const fake = (file: string, calls: string[]): WindowProfiler => ({
    start: () => Promise.resolve(calls.push(`start ${file}`)),
    stop: () => Promise.resolve((calls.push(`stop ${file}`), file)),
  });

  it('start and stop together, naming every file', async () => {
    const calls: string[] = [];
    const both = allOf([fake('a.cpuprofile', calls), fake('a.perf.data', calls)])!;
    await both.start();
    expect(await both.stop()).toBe('a.cpuprofile, a.perf.data');
    expect(calls).toEqual([
      'start a.cpuprofile',
      'start a.perf.data',
      'stop a.cpuprofile',
      'stop a.perf.data',
    ]);
  });

  it('are none when none is asked, and one is itself', () => {
    expect(allOf([])).toBeNull();
    const one = fake('x', []);
    expect(allOf([one])).toBe(one);
  });
});
