import { describe, expect, it } from 'vitest';

/** Every source file of the app but the resources and tests, as text. */
const sources = import.meta.glob<string>(
  ['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../i18n/*.ts'],
  { query: '?raw', import: 'default', eager: true },
);

/** A source without its comments (block comments, and line comments not inside a URL). */
const code = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

/** Chinese characters and the full-width punctuation of Chinese text (，。：；（）、 …). */
const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]/;

describe('the text a user reads', () => {
  it('comes from the resources: no component writes Chinese text or punctuation itself', () => {
    // A '（' or '：' written in a component showed on the English page ("Refused：…").
    const found = Object.entries(sources).flatMap(([file, text]) =>
      code(text)
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => CHINESE.test(line))
        .map(({ line, at }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
