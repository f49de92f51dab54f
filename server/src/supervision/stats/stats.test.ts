import { describe, expect, it } from 'vitest';
import { studentPValue, studentUpperTail } from './student-t.ts';
import { bernoulliCusum, cusumPValue, oddsShift } from './cusum.ts';
import { benjaminiHochberg } from './fdr.ts';
import { funnelLimits, funnelTest } from './funnel.ts';
import { pValue, upperTail } from './normal.ts';
import { shrinkagePrior, shrunkenRate } from './shrinkage.ts';

describe('normal tail', () => {
  it('gives the familiar quantiles, and keeps its precision far in the tail', () => {
    expect(upperTail(1.959964)).toBeCloseTo(0.025, 7);
    expect(upperTail(3.090232)).toBeCloseTo(0.001, 7);
    expect(pValue(-2, 'two-sided')).toBeCloseTo(0.0455003, 6);
    expect(pValue(-2, 'greater')).toBeCloseTo(0.9772499, 6);
    expect(pValue(-2, 'less')).toBeCloseTo(0.0227501, 6);
    // 2.8665e-7: relative precision, not just absolute.
    expect(upperTail(5) / 2.866516e-7).toBeCloseTo(1, 5);
  });
});

describe('Benjamini–Hochberg', () => {
  it('flags every unit when the largest p-value clears its step (worked example)', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 against k·0.05/4 = 0.0125, 0.025, 0.0375, 0.05.
    const r = benjaminiHochberg([0.01, 0.04, 0.03, 0.005], 0.05);
    expect(r.flagged).toEqual([true, true, true, true]);
    r.adjusted.forEach((a, i) => expect(a).toBeCloseTo([0.02, 0.04, 0.04, 0.02][i]!, 10));
  });

  it('stops at the last step a p-value clears (worked example)', () => {
    // 0.03 > 2·0.05/4 = 0.025, and no later p-value clears its step: only 0.01 is flagged.
    const r = benjaminiHochberg([0.01, 0.2, 0.03, 0.5], 0.05);
    expect(r.flagged).toEqual([true, false, false, false]);
    r.adjusted.forEach((a, i) => expect(a).toBeCloseTo([0.04, 0.8 / 3, 0.06, 0.5][i]!, 10));
  });

  it('flags nothing in an empty family', () => {
    expect(benjaminiHochberg([], 0.05)).toEqual({ adjusted: [], flagged: [] });
  });
});

describe('funnel with additive over-dispersion', () => {
  it('finds no between-unit spread where rates agree, and centres on the common rate', () => {
    const f = funnelTest(
      [
        { unit: 'a', n: 100, events: 20 },
        { unit: 'b', n: 200, events: 40 },
        { unit: 'c', n: 50, events: 10 },
      ],
      'two-sided',
    );
    expect(f.tau).toBe(0);
    expect(f.centre).toBeCloseTo(0.2, 2);
    for (const u of f.units) expect(Math.abs(u.z)).toBeLessThan(0.1);
  });

  it('allows for real differences between large units instead of flagging them all', () => {
    // Six sites of 1,000 exams each, 50 % … 75 %: binomial noise alone would put the ends
    // 8 standard errors from the pooled rate; between sites such spread is ordinary.
    const rates = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75];
    const f = funnelTest(
      rates.map((r, i) => ({ unit: `s${i}`, n: 1000, events: r * 1000 })),
      'two-sided',
    );
    expect(f.tau).toBeGreaterThan(0.3);
    expect(f.centre).toBeGreaterThan(0.6);
    expect(f.centre).toBeLessThan(0.66);
    for (const u of f.units) expect(Math.abs(u.z)).toBeLessThan(2);
  });

  it('draws the funnel’s limits: binomial alone, and widened by τ', () => {
    // centre 0.5, n 100: s = √(1/25) = 0.2 on the logit scale; expit(±1.96·0.2).
    const plain = funnelLimits({ centre: 0.5, tau: 0 }, 100, 1.96);
    expect(plain.lower).toBeCloseTo(0.403236, 5);
    expect(plain.upper).toBeCloseTo(0.596764, 5);
    // τ = 0.2: √(0.04 + 0.04) = 0.2828; expit(±1.96·0.2828).
    const wide = funnelLimits({ centre: 0.5, tau: 0.2 }, 100, 1.96);
    expect(wide.lower).toBeCloseTo(0.364851, 5);
    expect(wide.upper).toBeCloseTo(0.635149, 5);
  });

  it('scores each unit of a small group against the others: one 100 % site among six 60 % ones', () => {
    // Fitted to all seven, the outlier widened τ until its own z stayed at 2.24 (p 0.025); the
    // others alone agree exactly (τ = 0), so against them it is 28 standard errors out.
    const counts = [
      ...Array.from({ length: 6 }, (_, i) => ({ unit: `s${i}`, n: 138, events: 83 })),
      { unit: 'lenient', n: 138, events: 138 },
    ];
    const f = funnelTest(counts, 'two-sided');
    const lenient = f.units.at(-1)!;
    expect(lenient.peers?.centre).toBeCloseTo(0.6, 2);
    expect(lenient.peers?.tau).toBe(0);
    expect(lenient.z).toBeGreaterThan(20);
    expect(lenient.p).toBeLessThan(1e-5);
    const flagged = benjaminiHochberg(
      f.units.map((u) => u.p),
      0.05,
    ).flagged;
    expect(flagged).toEqual([false, false, false, false, false, false, true]);
  });

  it('tests in one direction when asked', () => {
    const counts = [
      ...Array.from({ length: 20 }, (_, i) => ({ unit: `u${i}`, n: 200, events: 118 + (i % 5) })),
      { unit: 'high', n: 200, events: 190 },
    ];
    const greater = funnelTest(counts, 'greater').units.at(-1)!;
    const less = funnelTest(counts, 'less').units.at(-1)!;
    expect(greater.p).toBeLessThan(1e-6);
    expect(less.p).toBeGreaterThan(0.999);
  });
});

describe('Student t', () => {
  it('gives the familiar two-sided 5 % points and tends to the normal', () => {
    expect(studentPValue(12.7062, 1, 'two-sided')).toBeCloseTo(0.05, 5);
    expect(studentPValue(3.18245, 3, 'two-sided')).toBeCloseTo(0.05, 5);
    expect(studentPValue(2.22814, 10, 'two-sided')).toBeCloseTo(0.05, 5);
    expect(studentPValue(2.0, 10, 'two-sided')).toBeCloseTo(0.073388, 5);
    expect(studentPValue(1.959964, 1e6, 'two-sided')).toBeCloseTo(0.05, 5);
  });

  it('tests in one direction when asked', () => {
    expect(studentUpperTail(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentPValue(2.01505, 5, 'greater')).toBeCloseTo(0.05, 5);
    expect(studentPValue(2.01505, 5, 'less')).toBeCloseTo(0.95, 5);
  });
});

describe('empirical-Bayes shrinkage', () => {
  it('ranks 900 of 1,000 above 20 of 20 (worked example, centre 0.6, τ 0.2)', () => {
    // M = 1 / (0.6 · 0.4 · 0.04) − 1 = 103.1667.
    expect(shrinkagePrior(0.6, 0.2)).toBeCloseTo(103.1667, 4);
    expect(shrunkenRate(20, 20, 0.6, 0.2)).toBeCloseTo(0.664953, 6);
    expect(shrunkenRate(900, 1000, 0.6, 0.2)).toBeCloseTo(0.871944, 6);
  });

  it('gives the centre when units do not differ, and the raw rate under a flat prior', () => {
    expect(shrunkenRate(20, 20, 0.6, 0)).toBe(0.6);
    expect(shrunkenRate(3, 4, 0.5, 10)).toBe(0.75);
  });
});

describe('Bernoulli CUSUM', () => {
  it('accumulates log-likelihood ratios (worked example: p0 0.5, odds ×3 → p1 0.75)', () => {
    expect(oddsShift(0.5, 3)).toBeCloseTo(0.75, 12);
    // +ln 1.5 = 0.405465 per pass, ln 0.5 = −0.693147 per fail.
    const r = bernoulliCusum('1101', 0.5, 3, 10);
    expect(r.signalAt).toBeNull();
    expect(r.max).toBeCloseTo(2 * Math.log(1.5), 10);
    expect(bernoulliCusum('111', 0.5, 3, 1.2).signalAt).toBe(2);
    expect(bernoulliCusum([1, 1, 1], 0.5, 3, 1.3).signalAt).toBeNull();
  });

  it('never goes below zero: failures do not bank credit against later passes', () => {
    expect(bernoulliCusum('0000000111', 0.5, 3, 1.2).signalAt).toBe(9);
  });

  it('gives the chance of an in-control excursion over n outcomes (worked example: p0 0.6, odds ×2, S 5, 300 outcomes)', () => {
    // p1 = 0.75; KL(0.6 ‖ 0.75) = 0.6·ln 0.8 + 0.4·ln 1.6 = 0.0541153;
    // ARL(5) ≈ (e⁵ − 5 − 1)/0.0541153 = 2,631.7; P = 1 − exp(−300/2,631.7) = 0.10774.
    expect(cusumPValue(5, 300, 0.6, 2)).toBeCloseTo(0.10774, 4);
    // Longer runs make the same excursion less surprising; nothing reached is no evidence.
    expect(cusumPValue(5, 3000, 0.6, 2)).toBeGreaterThan(0.6);
    expect(cusumPValue(0, 300, 0.6, 2)).toBe(1);
    expect(cusumPValue(12, 300, 0.6, 2)).toBeLessThan(1e-3);
  });
});
