import { describe, expect, it } from 'vitest';
import { groupBy, SmallSets } from './graph.ts';

/** The detectors' collections: they must answer as a Map of Sets and a plain grouping would. */
describe('SmallSets', () => {
  it('answers as a Map of Sets would, through one value, a repeat and many', () => {
    const small = new SmallSets();
    const plain = new Map<string, Set<string>>();
    // Keys with one value, the same value again, two values, and many.
    const adds: [string, string][] = [
      ['phone:1', 'a'],
      ['phone:2', 'b'],
      ['phone:2', 'b'],
      ['phone:3', 'c'],
      ['phone:3', 'a'],
      ['phone:3', 'c'],
      ...Array.from({ length: 30 }, (_, i): [string, string] => ['hub', `p${i % 25}`]),
    ];
    for (const [k, v] of adds) {
      small.add(k, v);
      plain.set(k, (plain.get(k) ?? new Set<string>()).add(v));
    }
    for (const k of ['phone:1', 'phone:2', 'phone:3', 'hub', 'unknown']) {
      expect(small.size(k)).toBe(plain.get(k)?.size ?? 0);
      expect([...small.values(k)]).toEqual([...(plain.get(k) ?? [])]);
      for (const v of ['a', 'b', 'c', 'p3', 'x']) {
        expect(small.has(k, v)).toBe(plain.get(k)?.has(v) ?? false);
      }
    }
    expect(small.size('hub')).toBe(25);
  });
});

describe('groupBy', () => {
  it('keeps each group in the order of the items and asks each key once', () => {
    let asked = 0;
    const groups = groupBy(['a1', 'b1', 'a2', 'c1', 'b2'], (s) => {
      asked++;
      return s[0]!;
    });
    expect([...groups]).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1', 'b2']],
      ['c', ['c1']],
    ]);
    expect(asked).toBe(5);
  });
});
