import { describe, expect, it } from 'vitest';
import { OUTLET_CATEGORIES } from '#shared/catalog.ts';
import { ALERT_EVIDENCE_KEYS } from '#shared/schemas/supervision.ts';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { figure, peerGroupKey, percent, probability } from './evidence-format.ts';

describe('an alert’s evidence', () => {
  it.each([
    ['zh-CN', zhCN.supervision.evidenceKeys],
    ['en', en.supervision.evidenceKeys],
  ] as const)('has a %s label for every key the detectors write', (_, labels) => {
    expect(ALERT_EVIDENCE_KEYS.filter((k) => !(k in labels))).toEqual([]);
  });

  it('reads p- and q-values as powers of ten, rates as percentages', () => {
    expect(probability(3.914e-12)).toBe('3.9×10⁻¹²');
    expect(probability(1.174e-10)).toBe('1.2×10⁻¹⁰');
    expect(probability(0.0123)).toBe('0.012');
    expect(probability(0)).toBe('0');
    expect(percent(0.975)).toBe('97.5%');
    expect(figure(12345)).toBe('12,345');
    expect(figure(6.94012)).toBe('6.94');
  });
});

describe('a peer group', () => {
  const lookup = (tree: unknown, key: string) =>
    key.split('.').reduce<unknown>((n, s) => (n as Record<string, unknown> | undefined)?.[s], tree);
  it.each([...OUTLET_CATEGORIES, 'subject-1', 'subject-4', 'unknown'])(
    '%s is named in both languages',
    (group) => {
      for (const resources of [zhCN, en]) {
        const name = lookup(resources, peerGroupKey(group));
        expect(typeof name).toBe('string');
        expect(name).not.toContain(group);
      }
    },
  );
});
