import { describe, expect, it } from 'vitest';
import type { RateUnit } from '../peer-outliers.ts';
import { rateOutliers } from '../peer-outliers.ts';
import { bernoulliCusum, cusumPValue } from './cusum.ts';
import { benjaminiHochberg } from './fdr.ts';
import { funnelTest, type UnitCount } from './funnel.ts';
import { seededRandom } from '#shared/random.ts';
import { expit, logit, pValue } from './normal.ts';

/**
 * The simulation the method was chosen by (docs/SUPERVISION.md). Seeded, so every run draws the
 * same numbers: 200 replicates of 100 honest units whose sizes spread log-uniformly over
 * 20–2,000 exams and whose true pass odds differ between units (logit-normal, τ = 0.2 around
 * 60 %), plus, for power, one unit of 300 exams at three times the centre's odds.
 */
const UNITS = 100;
const REPLICATES = 200;
const CENTRE = 0.6;
const TAU = 0.2;
const Q = 0.05;

/** Seeded draws of units: honest ones around the centre, and one of 300 at tripled odds. */
function unitSampler(seed: number) {
  const random = seededRandom(seed);
  const normal = () =>
    Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const binomial = (n: number, p: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (random() < p) k++;
    return k;
  };
  return {
    honest(i: number): UnitCount {
      const n = Math.round(20 * 100 ** random());
      return { unit: `u${i}`, n, events: binomial(n, expit(logit(CENTRE) + TAU * normal())) };
    },
    tripled(): UnitCount {
      return { unit: 'tripled', n: 300, events: binomial(300, expit(logit(CENTRE) + Math.log(3))) };
    },
  };
}

function simulate(seed: number) {
  const draw = unitSampler(seed);
  return Array.from({ length: REPLICATES }, () => {
    const honest = Array.from({ length: UNITS }, (_, i) => draw.honest(i));
    return { honest, tripled: draw.tripled() };
  });
}

const replicates = simulate(20261205);
const median = (units: UnitCount[]) => [...units].map((u) => u.n).sort((a, b) => a - b)[UNITS / 2]!;

/** Share of units flagged, overall and among the smaller and larger half. */
function flagRates(flag: (units: UnitCount[]) => boolean[]) {
  let all = 0;
  let small = 0;
  let large = 0;
  for (const { honest } of replicates) {
    const cut = median(honest);
    flag(honest).forEach((f, i) => {
      if (!f) return;
      all++;
      if (honest[i]!.n < cut) small++;
      else large++;
    });
  }
  const total = UNITS * REPLICATES;
  return { all: all / total, small: small / (total / 2), large: large / (total / 2) };
}

const chosen = (units: UnitCount[]) =>
  benjaminiHochberg(
    funnelTest(units, 'two-sided').units.map((u) => u.p),
    Q,
  ).flagged;

describe('simulation: the random-effects funnel with Benjamini–Hochberg', () => {
  it('flags at most 2 % of honest units, and small units no more often than large ones', () => {
    const rates = flagRates(chosen);
    expect(rates.all).toBeLessThanOrEqual(0.02);
    expect(rates.small).toBeLessThanOrEqual(rates.large + 0.002);
  });

  it('is calibrated at every size: about 5 % of p-values below 0.05 in either half', () => {
    const rates = flagRates((units) => funnelTest(units, 'two-sided').units.map((u) => u.p < 0.05));
    expect(rates.small).toBeGreaterThan(0.035);
    expect(rates.small).toBeLessThan(0.065);
    expect(rates.large).toBeGreaterThan(0.035);
    expect(rates.large).toBeLessThan(0.065);
  });

  it('flags a unit with tripled pass odds over 300 exams in at least 9 of 10 replicates', () => {
    let found = 0;
    for (const { honest, tripled } of replicates) {
      if (chosen([...honest, tripled]).at(-1)) found++;
    }
    expect(found / REPLICATES).toBeGreaterThanOrEqual(0.9);
  });

  it('is needed: a textbook multiplicative funnel flags several % of the same honest units, most of them large', () => {
    // Spiegelhalter's φ from 10 %-winsorised z-scores, limits at ±3.09 (99.8 %).
    const multiplicative = (units: UnitCount[]) => {
      const pooled = units.reduce((a, u) => a + u.events, 0) / units.reduce((a, u) => a + u.n, 0);
      const z = units.map(
        (u) => (u.events / u.n - pooled) / Math.sqrt((pooled * (1 - pooled)) / u.n),
      );
      const sorted = [...z].sort((a, b) => a - b);
      const lo = sorted[Math.floor(0.1 * z.length)]!;
      const hi = sorted[Math.ceil(0.9 * z.length) - 1]!;
      const phi = Math.max(
        1,
        z.reduce((a, v) => a + Math.min(hi, Math.max(lo, v)) ** 2, 0) / z.length,
      );
      return z.map((v) => pValue(v / Math.sqrt(phi), 'two-sided') < 0.002);
    };
    const rates = flagRates(multiplicative);
    expect(rates.all).toBeGreaterThan(0.03);
    expect(rates.large).toBeGreaterThan(5 * rates.small);
  });
});

describe('simulation: small peer groups (each unit against the others)', () => {
  // The same honest units and tripled unit, in groups of 5 to 19: a county's exam sites, a
  // category's outlets in a small city.
  const draw = unitSampler(20261201);
  const flagged = (units: UnitCount[]) =>
    benjaminiHochberg(
      funnelTest(units, 'two-sided').units.map((u) => u.p),
      Q,
    ).flagged;

  it('flags at most 2 % of honest units, and small units no more often than large ones', () => {
    let all = 0;
    let small = 0;
    let large = 0;
    let total = 0;
    for (const size of [5, 8, 12, 19]) {
      for (let r = 0; r < 100; r++) {
        const units = Array.from({ length: size }, (_, i) => draw.honest(i));
        const cut = units.map((u) => u.n).sort((a, b) => a - b)[Math.floor(size / 2)]!;
        flagged(units).forEach((f, i) => {
          if (!f) return;
          all++;
          if (units[i]!.n < cut) small++;
          else large++;
        });
        total += size;
      }
    }
    expect(all / total).toBeLessThanOrEqual(0.02);
    expect(small).toBeLessThanOrEqual(large);
  });

  it('flags tripled odds over 300 exams among nine honest peers in most replicates', () => {
    let found = 0;
    for (let r = 0; r < 100; r++) {
      const units = [...Array.from({ length: 9 }, (_, i) => draw.honest(i)), draw.tripled()];
      if (flagged(units).at(-1)) found++;
    }
    expect(found / 100).toBeGreaterThanOrEqual(0.5);
  });
});

describe('simulation: the Bernoulli CUSUM threshold', () => {
  it('rarely signals on an honest unit and catches tripled odds within 300 exams (h = 5, odds ×2)', () => {
    const random = seededRandom(7);
    const run = (p: number, length: number) =>
      Array.from({ length }, () => (random() < p ? 1 : 0) as 0 | 1);
    let falseAlarms = 0;
    let detected = 0;
    for (let k = 0; k < 200; k++) {
      if (bernoulliCusum(run(CENTRE, 300), CENTRE, 2, 5).signalAt !== null) falseAlarms++;
      const tripled = expit(logit(CENTRE) + Math.log(3));
      if (bernoulliCusum(run(tripled, 300), CENTRE, 2, 5).signalAt !== null) detected++;
    }
    expect(falseAlarms / 200).toBeLessThan(0.15);
    expect(detected / 200).toBeGreaterThan(0.95);
  });
});

describe('simulation: the CUSUM p-value', () => {
  it('is conservative: honest runs reach each level no more often than it says', () => {
    const random = seededRandom(9);
    for (const level of [3, 4, 5]) {
      let reached = 0;
      for (let k = 0; k < 2000; k++) {
        const run = Array.from({ length: 300 }, () => (random() < CENTRE ? 1 : 0) as 0 | 1);
        if (bernoulliCusum(run, CENTRE, 2, level).max >= level) reached++;
      }
      const said = cusumPValue(level, 300, CENTRE, 2);
      expect(reached / 2000).toBeLessThanOrEqual(said);
      expect(reached / 2000).toBeGreaterThan(said / 2);
    }
  });
});

describe('simulation: a rate rule as a whole (funnel, CUSUM against each unit’s own history, BH)', () => {
  /** 50 honest units per replicate, each with three times its period's outcomes as history. */
  function honestRun(random: () => number, centre: number) {
    const normal = () =>
      Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    const draw = (p: number, n: number) => {
      let outcomes = '';
      let events = 0;
      for (let k = 0; k < n; k++) {
        const e = random() < p;
        outcomes += e ? '1' : '0';
        if (e) events++;
      }
      return { outcomes, events };
    };
    return Array.from({ length: 50 }, (_, i): RateUnit => {
      const p = expit(logit(centre) + TAU * normal());
      const n = Math.round(20 * 100 ** random());
      const now = draw(p, n);
      const before = draw(p, 3 * n);
      return {
        key: `u${i}`,
        group: 'g',
        n,
        events: now.events,
        outcomes: now.outcomes,
        baseline: { n: 3 * n, events: before.events },
      };
    });
  }

  it('flags at most 2 % of honest units, and large units (long CUSUMs) no more than small ones', () => {
    const random = seededRandom(12);
    const params = { q: Q, minUnitSize: 10, cusumOddsRatio: 2, cusumThreshold: 5 };
    for (const centre of [0.6, 0.85]) {
      let units = 0;
      let flagged = 0;
      const bySize = { small: [0, 0], large: [0, 0] };
      for (let k = 0; k < 60; k++) {
        const honest = honestRun(random, centre);
        const keys = new Set(rateOutliers(honest, params, 'two-sided').outliers.map((o) => o.key));
        for (const u of honest) {
          units++;
          if (keys.has(u.key)) flagged++;
          const half = u.n < 200 ? bySize.small : bySize.large;
          half[0]!++;
          if (keys.has(u.key)) half[1]!++;
        }
      }
      expect(flagged / units).toBeLessThanOrEqual(0.02);
      expect(bySize.large[1]! / bySize.large[0]!).toBeLessThanOrEqual(0.02);
    }
  });
});
