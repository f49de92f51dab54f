import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

const SRC = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/** What a dotted key reaches in a resource tree (undefined when a step is missing). */
function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, step) =>
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[step]
          : undefined,
      tree,
    );
}

/**
 * Every key a component names literally, `t('a.b')`, and every prefix of a key built from a
 * value, `t(\`a.b.${x}\`)`: a missing one shows the raw key to the user (i18next's fallback).
 */
function namedKeys() {
  const keys: { file: string; key: string; prefix: boolean }[] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(SRC, file);
    for (const m of text.matchAll(/\bt\(\s*'([A-Za-z][\w-]*(?:\.[\w-]+)+)'/g))
      keys.push({ file: rel, key: m[1]!, prefix: false });
    for (const m of text.matchAll(/\bt\(\s*`([A-Za-z][\w-]*(?:\.[\w-]+)*)\.\$\{/g))
      keys.push({ file: rel, key: m[1]!, prefix: true });
  }
  return keys;
}

describe('the resource keys the components name', () => {
  const keys = namedKeys();

  it('are found in the sources (the scan itself works)', () => {
    expect(keys.length).toBeGreaterThan(500);
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ] as const)('all exist in %s', (_, resources) => {
    const missing = keys
      .filter(({ key, prefix }) => {
        const found = lookup(resources, key);
        return prefix ? found === null || typeof found !== 'object' : found === undefined;
      })
      .map(({ file, key }) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });
});
