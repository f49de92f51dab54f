import { describe, expect, it } from 'vitest';
import { sampleSize, unitDraw } from './sampling.ts';

describe('the size of an outlet’s daily call-back sample', () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `2026-11-26|520300|O-${i}`);

  it('keeps the expected sample at the rate for an outlet with one application a day', () => {
    // Rounding up took that one application every day: 100 % instead of 5 %.
    const taken = keys(4000).reduce((sum, k) => sum + sampleSize(1, 0.05, k), 0);
    expect(taken / 4000).toBeGreaterThan(0.04);
    expect(taken / 4000).toBeLessThan(0.06);
  });

  it('takes the whole part, and one more with the probability of the fraction', () => {
    expect(keys(50).map((k) => sampleSize(40, 0.05, k))).toEqual(Array(50).fill(2));
    const sizes = keys(4000).map((k) => sampleSize(30, 0.05, k));
    expect(new Set(sizes)).toEqual(new Set([1, 2]));
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(1.45);
    expect(mean).toBeLessThan(1.55);
    expect(sampleSize(20, 0.05, 'k')).toBe(1);
    expect(sampleSize(3, 0, 'k')).toBe(0);
    expect(sampleSize(3, 1, 'k')).toBe(3);
  });

  it('draws the same size again for the same day and outlet', () => {
    for (const k of keys(100)) expect(sampleSize(7, 0.3, k)).toBe(sampleSize(7, 0.3, k));
    expect(unitDraw('x')).toBeGreaterThanOrEqual(0);
    expect(unitDraw('x')).toBeLessThan(1);
  });
});
