import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateInSources, type CallFrame } from './profile-sources.ts';

/**
 * The bench serves from a bundle; its profiles name the bundle's lines. profile-top groups a
 * frame by its source file (server/src/…, shared/src/…), so a bundled frame must be named by the
 * source it came from, and a frame of a file without a source map stay as it is.
 */
let dir: string;
let bundleUrl: string;
let bundled: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-sources-'));
  fs.mkdirSync(path.join(dir, 'src', 'area'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'src', 'area', 'hot.ts'),
    '// a comment line\n\nexport function hotPath(n: number): number {\n  return n * 2;\n}\n',
  );
  fs.writeFileSync(
    path.join(dir, 'src', 'main.ts'),
    "import { hotPath } from './area/hot.ts';\nconsole.log(hotPath(2));\n",
  );
  await build({
    entryPoints: [path.join(dir, 'src', 'main.ts')],
    outfile: path.join(dir, 'out', 'main.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  bundled = fs.readFileSync(path.join(dir, 'out', 'main.mjs'), 'utf8');
  bundleUrl = pathToFileURL(path.join(dir, 'out', 'main.mjs')).href;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Where the bundle defines `hotPath`, as V8's profiler names a function's position (0-based). */
function frameOfHotPath(): CallFrame {
  const lines = bundled.split('\n');
  const lineNumber = lines.findIndex((l) => l.includes('function hotPath'));
  return {
    functionName: 'hotPath',
    url: bundleUrl,
    lineNumber,
    columnNumber: lines[lineNumber]!.indexOf('function hotPath'),
  };
}

describe('locateInSources', () => {
  it('names a bundled frame by its source file and line', () => {
    const frame = frameOfHotPath();
    expect(frame.lineNumber).toBeGreaterThan(0);
    locateInSources([frame]);
    expect(frame.url).toBe(pathToFileURL(path.join(dir, 'src', 'area', 'hot.ts')).href);
    expect(frame.lineNumber).toBe(2); // 0-based: the third line of hot.ts
    expect(frame.functionName).toBe('hotPath');
  });

  it('leaves frames without a source map as they are', () => {
    fs.copyFileSync(path.join(dir, 'out', 'main.mjs'), path.join(dir, 'out', 'plain.mjs'));
    const plainUrl = pathToFileURL(path.join(dir, 'out', 'plain.mjs')).href;
    const frames: CallFrame[] = [
      { ...frameOfHotPath(), url: plainUrl },
      { functionName: 'emit', url: 'node:events', lineNumber: 470, columnNumber: 3 },
      { functionName: '(garbage collector)', url: '', lineNumber: -1, columnNumber: -1 },
    ];
    const before = structuredClone(frames);
    locateInSources(frames);
    expect(frames).toEqual(before);
  });
});
