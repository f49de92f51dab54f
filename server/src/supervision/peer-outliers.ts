import { bernoulliCusum, cusumPValue } from './stats/cusum.ts';
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
    cusum: {
      baselineRate: number;
      oddsRatio: number;
      threshold: number;
      signalAt: number;
      max: number;
      p: number;
    } | null;
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
  const tested: {
    unit: RateUnit;
    funnel: Funnel;
    /** The centre and spread the unit was measured by: its group's, or in a small group the others'. */
    yardstick: Pick<Funnel, 'centre' | 'tau'>;
    size: number;
    z: number;
    p: number;
  }[] = [];
  for (const [, members] of groups) {
    const funnel = funnelTest(
      members.map((u) => ({ unit: u.key, n: u.n, events: u.events })),
      alternative,
    );
    funnel.units.forEach((f, i) =>
      tested.push({
        unit: members[i]!,
        funnel,
        yardstick: f.peers ?? funnel,
        size: members.length,
        z: f.z,
        p: f.p,
      }),
    );
  }
  const bh = benjaminiHochberg(
    tested.map((t) => t.p),
    params.q,
  );
  return tested.map((t, i) => ({ ...t, q: bh.adjusted[i]!, flagged: bh.flagged[i]! }));
}

/** The unit's rate before the period, pulled a little towards its peers when it rests on little. */
const BASELINE_PRIOR = 20;
const baselineRate = (b: RateUnit['baseline'], centre: number) =>
  (b.events + centre * BASELINE_PRIOR) / (b.n + BASELINE_PRIOR);

/**
 * The drift watch of one unit: a Bernoulli CUSUM of its outcomes against its own baseline rate,
 * each direction the rule looks in, and the p-value of the largest excursion (a signal needs
 * S ≥ h as well). The baseline is the unit's own earlier rate, not its empirical-Bayes shrunken
 * rate: shrinking it towards the peers would make every honest unit above (or below) the centre
 * look as if it had drifted away from where it always was.
 */
function drift(unit: RateUnit, centre: number, params: RateParams, alternative: Alternative) {
  if (unit.baseline.n < params.minUnitSize || !unit.outcomes.length) return null;
  const p0 = baselineRate(unit.baseline, centre);
  const ratios =
    alternative === 'greater'
      ? [params.cusumOddsRatio]
      : alternative === 'less'
        ? [1 / params.cusumOddsRatio]
        : [params.cusumOddsRatio, 1 / params.cusumOddsRatio];
  let best: { ratio: number; signalAt: number; max: number; p: number } | null = null;
  for (const ratio of ratios) {
    const r = bernoulliCusum(unit.outcomes, p0, ratio, params.cusumThreshold);
    if (r.signalAt === null) continue;
    // Two directions watched: Bonferroni over them.
    const p = Math.min(1, ratios.length * cusumPValue(r.max, unit.outcomes.length, p0, ratio));
    if (!best || p < best.p) best = { ratio, signalAt: r.signalAt, max: r.max, p };
  }
  return best && { baselineRate: p0, ...best };
}

/**
 * Units whose rate stands out from their peers (random-effects funnel per group) or drifted from
 * their own history (Bernoulli CUSUM against the unit's baseline rate). Each unit has one p-value,
 * the smaller of the two tests' doubled (Bonferroni), and Benjamini–Hochberg runs over every unit
 * of the rule: so on honest data at most about q of the flags are false whatever the units' sizes,
 * and a long CUSUM of a large unit is not flagged for its length alone. Units below the minimum
 * size are left out of the comparison; they still count as examined.
 */
export function rateOutliers(
  units: readonly RateUnit[],
  params: RateParams,
  alternative: Alternative,
): { examined: number; outliers: RateOutlier[] } {
  const tested = peerComparison(units, params, alternative).map((t) => {
    const watch = drift(t.unit, t.funnel.centre, params, alternative);
    const combined = watch ? Math.min(1, 2 * Math.min(t.p, watch.p)) : t.p;
    return { ...t, watch, combined };
  });
  const bh = benjaminiHochberg(
    tested.map((t) => t.combined),
    params.q,
  );
  // The largest p-value BH lets through: a test whose own (doubled) p-value is within it flagged.
  const cut = Math.max(0, ...tested.filter((_, i) => bh.flagged[i]).map((t) => t.combined));
  const outliers: RateOutlier[] = [];
  tested.forEach(({ unit, yardstick, size, z, p, watch }, i) => {
    if (!bh.flagged[i]) return;
    const factor = watch ? 2 : 1;
    const flaggedBy: ('funnel' | 'cusum')[] = [];
    if (factor * p <= cut) flaggedBy.push('funnel');
    if (watch && 2 * watch.p <= cut) flaggedBy.push('cusum');
    outliers.push({
      key: unit.key,
      evidence: {
        n: unit.n,
        events: unit.events,
        rate: unit.events / unit.n,
        shrunkenRate: shrunkenRate(unit.events, unit.n, yardstick.centre, yardstick.tau),
        peers: {
          group: unit.group,
          units: size,
          centre: yardstick.centre,
          tau: yardstick.tau,
        },
        limits95: funnelLimits(yardstick, unit.n, 1.959964),
        limits998: funnelLimits(yardstick, unit.n, 3.090232),
        z,
        p,
        q: bh.adjusted[i]!,
        flaggedBy,
        cusum: watch && {
          baselineRate: watch.baselineRate,
          oddsRatio: watch.ratio,
          threshold: params.cusumThreshold,
          signalAt: watch.signalAt,
          max: watch.max,
          p: watch.p,
        },
      },
    });
  });
  return { examined: units.length, outliers };
}
