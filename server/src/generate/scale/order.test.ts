import { describe, expect, it } from 'vitest';
import { orderedBy } from './order.ts';

describe('orderedBy', () => {
  it('orders indexes by rank, and by index among equal ranks', () => {
    const ranks = [5, -3, 5, 0, -3, 1_000_000, 0];
    expect([...orderedBy(ranks.length, (i) => ranks[i]!)]).toEqual([1, 4, 3, 6, 0, 2, 5]);
  });

  it('agrees with a sort by comparison over many random ranks', () => {
    // MINSTD: exact in doubles.
    let seed = 12345;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    const ranks = Array.from({ length: 20_000 }, () => (next() % 5_000) - 2_500);
    const expected = ranks.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]! || a - b);
    expect([...orderedBy(ranks.length, (i) => ranks[i]!)]).toEqual(expected);
  });

  it('refuses ranks that are not integers, or too many to pack exactly', () => {
    expect(() => orderedBy(2, (i) => i / 2)).toThrow(/not an integer/);
    expect(() => orderedBy(3, (i) => (i === 1 ? 2 ** 52 : 0))).toThrow(/do not fit/);
  });

  it('orders nothing', () => {
    expect(orderedBy(0, () => 0).length).toBe(0);
  });
});
