import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, fisherCombined, hypergeometric, sumUpperTail } from './stats.ts';

describe('exact tests', () => {
  it('combines p-values by Fisher’s method', () => {
    expect(fisherCombined([0.03])).toBeCloseTo(0.03, 12);
    // −2 ln(0.1 × 0.1) = 2 ln 100 on χ²(4): survival e^(−ln 100)(1 + ln 100) = 0.01 × 5.605.
    expect(fisherCombined([0.1, 0.1])).toBeCloseTo(0.01 * (1 + Math.log(100)), 12);
  });

  it('adjusts p-values by Benjamini–Hochberg', () => {
    // m = 4: p × m / rank, made monotone from the largest down.
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.5])).toEqual([
      0.04, 0.05333333333333334, 0.05333333333333334, 0.5,
    ]);
  });

  it('gives the hypergeometric law of Fisher’s exact test', () => {
    // 10 units, 4 marked, 3 drawn: P(0) = C(6,3)/C(10,3) = 20/120, P(3) = C(4,3)/120.
    const law = hypergeometric(10, 4, 3);
    expect(law[0]).toBeCloseTo(20 / 120, 12);
    expect(law[3]).toBeCloseTo(4 / 120, 12);
    expect(law.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('sums independent counts for a stratified tail', () => {
    // Two fair coins as laws [½, ½]: P(sum ≥ 1) = ¾, P(sum ≥ 2) = ¼.
    expect(
      sumUpperTail(
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        1,
      ),
    ).toBeCloseTo(0.75, 12);
    expect(
      sumUpperTail(
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        2,
      ),
    ).toBeCloseTo(0.25, 12);
    expect(sumUpperTail([hypergeometric(10, 4, 3)], 3)).toBeCloseTo(4 / 120, 12);
  });
});
