import { expect } from 'vitest';

const CHINESE = /[\u4e00-\u9fa5]/;

/**
 * Every item of a refusal notice has its English twin: `messageEn` and `remedyEn` are present and
 * hold no Chinese. `properNames` (a plate number, an outlet name) are left as typed, in Chinese,
 * and are taken out before the check.
 */
export function expectEnglishRefusalItems(
  items: { code: string; messageEn?: unknown; remedyEn?: unknown }[],
  properNames: string[] = [],
) {
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    for (const text of [item.messageEn, item.remedyEn]) {
      expect(text, item.code).toEqual(expect.any(String));
      const rest = properNames.reduce((s, name) => s.replaceAll(name, ''), text as string);
      expect(rest.trim(), item.code).not.toBe('');
      expect(rest, item.code).not.toMatch(CHINESE);
    }
  }
}
