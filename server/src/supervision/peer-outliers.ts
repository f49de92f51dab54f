import { bernoulliCusum } from './stats/cusum.ts';
import { benjaminiHochberg } from './stats/fdr.ts';
import { funnelLimits, funnelTest, type Funnel } from './stats/funnel.ts';
import type { Alternative } from './stats/normal.ts';
import { shrunkenRate } from './stats/shrinkage.ts';

/** A unit's outcomes in the period (in time order) and in its own history before it. */
export interface RateUnit {
  key: string;
  /** Units are compared with the units of the same group (the same exam subject, outlet kind). */
  group: string;
  n: number;
  events: number;
  /** '1' for an event, '0' otherwise, in time order; empty where order is not known. */
  outcomes: string;
  baseline: { n: number; events: number };
}

export interface RateParams {
  q: number;
  minUnitSize: number;
  cusumOddsRatio: number;
  cusumThreshold: number;
}

export interface RateOutlier {
  key: string;
  /** The peer comparison and the drift watch, as the alert's evidence shows them. */
  evidence: {
    n: number;
    events: number;
    rate: number;
    shrunkenRate: number;
    peers: { group: string; units: number; centre: number; tau: number };
    limits95: { lower: number; upper: number };
    limits998: { lower: number; upper: number };
    z: number;
    p: number;
    q: number;
    flaggedBy: ('funnel' | 'cusum')[];
    cusum: { baselineRate: number; oddsRatio: number; threshold: number; signalAt: number } | null;
  };
}

/** Every eligible unit in its peer group's funnel, with its p-value and BH q-value. */
export function peerComparison(
  units: readonly RateUnit[],
  params: Pick<RateParams, 'q' | 'minUnitSize'>,
  alternative: Alternative,
) {
  const eligible = units.filter((u) => u.n >= params.minUnitSize);
  const groups = new Map<string, RateUnit[]>();
  for (const u of eligible) groups.set(u.group, [...(groups.get(u.group) ?? []), u]);
  const tested: { unit: RateUnit; funnel: Funnel; size: number; z: number; p: number }[] = [];
  for (const [, members] of groups) {
    const funnel = funnelTest(
      members.map((u) => ({ unit: u.key, n: u.n, events: u.events })),
      alternative,
    );
    funnel.units.forEach((f, i) =>
      tested.push({ unit: members[i]!, funnel, size: members.length, z: f.z, p: f.p }),
    );
  }
  const bh = benjaminiHochberg(
    tested.map((t) => t.p),
    params.q,
  );
  return tested.map((t, i) => ({ ...t, q: bh.adjusted[i]!, flagged: bh.flagged[i]! }));
}

/**
 * Units whose rate stands out from their peers (random-effects funnel per group, Benjamini–
 * Hochberg over every unit of the rule) or drifted from their own history (Bernoulli CUSUM
 * against the unit's shrunken baseline rate). Units below the minimum size are left out of the
 * comparison; they still count as examined.
 */
export function rateOutliers(
  units: readonly RateUnit[],
  params: RateParams,
  alternative: Alternative,
): { examined: number; outliers: RateOutlier[] } {
  const outliers: RateOutlier[] = [];
  for (const { unit, funnel, size, z, p, q, flagged } of peerComparison(
    units,
    params,
    alternative,
  )) {
    const flaggedBy: ('funnel' | 'cusum')[] = flagged ? ['funnel'] : [];
    let cusum: RateOutlier['evidence']['cusum'] = null;
    if (unit.baseline.n >= params.minUnitSize && unit.outcomes.length) {
      const baselineRate = shrunkenRate(
        unit.baseline.events,
        unit.baseline.n,
        funnel.centre,
        funnel.tau,
      );
      // A drift up (odds × R) for 'greater', down for 'less', either for 'two-sided'.
      const ratios =
        alternative === 'greater'
          ? [params.cusumOddsRatio]
          : alternative === 'less'
            ? [1 / params.cusumOddsRatio]
            : [params.cusumOddsRatio, 1 / params.cusumOddsRatio];
      for (const ratio of ratios) {
        const r = bernoulliCusum(unit.outcomes, baselineRate, ratio, params.cusumThreshold);
        if (r.signalAt !== null && !cusum) {
          cusum = {
            baselineRate,
            oddsRatio: ratio,
            threshold: params.cusumThreshold,
            signalAt: r.signalAt,
          };
          flaggedBy.push('cusum');
        }
      }
    }
    if (!flaggedBy.length) continue;
    outliers.push({
      key: unit.key,
      evidence: {
        n: unit.n,
        events: unit.events,
        rate: unit.events / unit.n,
        shrunkenRate: shrunkenRate(unit.events, unit.n, funnel.centre, funnel.tau),
        peers: {
          group: unit.group,
          units: size,
          centre: funnel.centre,
          tau: funnel.tau,
        },
        limits95: funnelLimits(funnel, unit.n, 1.959964),
        limits998: funnelLimits(funnel, unit.n, 3.090232),
        z,
        p,
        q,
        flaggedBy,
        cusum,
      },
    });
  }
  return { examined: units.length, outliers };
}
