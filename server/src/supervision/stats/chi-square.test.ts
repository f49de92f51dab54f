import { describe, expect, it } from 'vitest';
import { chiSquareTail, independenceTest, upperGamma } from './chi-square.ts';

describe('chi-square tail', () => {
  it('gives the 5 % and 1 % critical values of the tables', () => {
    expect(chiSquareTail(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareTail(5.991465, 2)).toBeCloseTo(0.05, 7);
    expect(chiSquareTail(9.487729, 4)).toBeCloseTo(0.05, 7);
    expect(chiSquareTail(6.634897, 1)).toBeCloseTo(0.01, 7);
    expect(chiSquareTail(37.56623, 20)).toBeCloseTo(0.01, 6);
    expect(chiSquareTail(0, 3)).toBe(1);
  });

  it('agrees with closed forms: df 2 is exp(−x/2), Q(1, x) = e^−x', () => {
    for (const x of [0.1, 1, 4, 12, 40]) {
      expect(chiSquareTail(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 10);
      expect(upperGamma(1, x) / Math.exp(-x)).toBeCloseTo(1, 10);
    }
  });
});

describe('independence test (examiner × school)', () => {
  it('2 × 2 worked example: X² = 0.7937 on 1 df, p = 0.373', () => {
    // Totals 30/70 and 40/60 of 100: expected 12, 18, 28, 42;
    // X² = 4/12 + 4/18 + 4/28 + 4/42 = 0.79365.
    const r = independenceTest([
      [10, 20],
      [30, 40],
    ]);
    expect(r.statistic).toBeCloseTo(0.793651, 5);
    expect(r.df).toBe(1);
    expect(r.p).toBeCloseTo(0.37299, 4);
    expect(r.sparseShare).toBe(0);
    expect(r.cramersV).toBeCloseTo(Math.sqrt(0.793651 / 100), 6);
  });

  it("an examiner who gets one school's candidates stands out (3 × 3 worked example)", () => {
    // Examiners A, B, C (rows); schools X, Y, Z (columns); every margin 30 of 90, so every
    // expected count is 10. A examined 24 of X's 30 candidates.
    // X² = (14² + 9² + 5² + 8² + 4² + 4² + 6² + 5² + 1²)/10 = 460/10 = 46 on (3−1)(3−1) = 4 df;
    // for 4 df the tail is e^(−x/2)(1 + x/2) = 24·e^(−23) = 2.46e-9.
    const r = independenceTest([
      [24, 1, 5],
      [2, 14, 14],
      [4, 15, 11],
    ]);
    expect(r.statistic).toBeCloseTo(46, 10);
    expect(r.df).toBe(4);
    expect(r.p / (24 * Math.exp(-23))).toBeCloseTo(1, 8);
    expect(r.cramersV).toBeCloseTo(Math.sqrt(46 / (90 * 2)), 10);
  });

  it('a random-looking assignment is not flagged: the same table in proportion', () => {
    const r = independenceTest([
      [10, 10, 10],
      [10, 10, 10],
      [10, 10, 10],
    ]);
    expect(r.statistic).toBe(0);
    expect(r.p).toBeCloseTo(1, 12);
  });

  it('drops empty rows and columns, and has nothing to test with one examiner', () => {
    const r = independenceTest([
      [5, 0, 5],
      [0, 0, 0],
      [5, 0, 5],
    ]);
    expect(r.rows).toBe(2);
    expect(r.columns).toBe(2);
    expect(r.statistic).toBe(0);
    expect(r.p).toBeCloseTo(1, 12);
    expect(independenceTest([[3, 4, 5]])).toMatchObject({ df: 0, p: 1 });
    expect(independenceTest([])).toMatchObject({ df: 0, p: 1, total: 0 });
  });

  it('says when the table is too sparse for the approximation', () => {
    const r = independenceTest([
      [3, 1],
      [1, 3],
    ]);
    expect(r.sparseShare).toBe(1);
  });
});
