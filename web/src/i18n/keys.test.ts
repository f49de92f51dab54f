import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

/** Every source file of the app, as text (Vite reads them at build time of the test). */
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

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
  for (const [rel, text] of Object.entries(sources)) {
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
