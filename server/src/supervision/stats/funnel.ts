import { expit, logit, pValue, upperTail, type Alternative } from './normal.ts';
import { studentPValue } from './student-t.ts';

/** One unit's outcomes: `events` of `n` trials (passes of exams, refusals of applications). */
export interface UnitCount {
  unit: string;
  n: number;
  events: number;
}

export interface FunnelUnit extends UnitCount {
  rate: number;
  /** Standardised distance from the peer centre, allowing for real between-unit differences. */
  z: number;
  p: number;
  /** In a small group: the centre and spread of the other units, which the unit was scored by. */
  peers?: { centre: number; tau: number };
}

export interface Funnel {
  /** The peer centre as a rate (expit of the robust centre on the logit scale). */
  centre: number;
  /** Between-unit standard deviation on the logit scale (the additive over-dispersion). */
  tau: number;
  units: FunnelUnit[];
}

/** Huber's clipping constant and E[ψ(Z)²] for a standard normal Z at that constant. */
export const HUBER_C = 2.5;
const huberKappa = (c: number) => {
  const phi = Math.exp((-c * c) / 2) / Math.sqrt(2 * Math.PI);
  const tail = upperTail(c);
  return 1 - 2 * tail - 2 * c * phi + 2 * c * c * tail;
};

/** The empirical logit, finite at 0 and n events. */
export const empiricalLogit = (events: number, n: number) =>
  Math.log((events + 0.5) / (n - events + 0.5));

/**
 * A funnel-plot test with additive over-dispersion on the logit scale (a random-effects funnel,
 * Spiegelhalter 2005 §3.2, with a robust estimate of the between-unit variance):
 *
 *   y_i = logit of unit i's rate,   s_i² = 1 / (n_i · p0 · (1 − p0)),
 *   z_i = (y_i − μ) / √(s_i² + τ²),
 *
 * where μ (p0 = expit μ) is the peer centre and τ² the variance of honest units' true logits.
 * μ is a Huber M-estimate and τ² solves Σ ψ(z_i)² = (I − 1)·E[ψ(Z)²] with ψ clipped at
 * HUBER_C (Huber's "proposal 2"): a few deviant units barely move the yardstick they are
 * measured by, and honest variation between units is allowed for at every size, so a large unit
 * is not flagged for a difference that is ordinary between units (which a multiplicative
 * over-dispersion factor does: see docs/SUPERVISION.md for the simulation).
 */
export function funnelTest(
  counts: readonly UnitCount[],
  alternative: Alternative,
  c = HUBER_C,
): Funnel {
  const units = counts.filter((u) => u.n > 0);
  if (units.length === 0) return { centre: 0, tau: 0, units: [] };
  const whole = fitFunnel(units, c);
  const leaveOneOut = units.length >= 3 && units.length < LEAVE_ONE_OUT_BELOW;
  const v = variances(units, whole.mu);
  return {
    centre: expit(whole.mu),
    tau: Math.sqrt(whole.tau2),
    units: units.map((u, i) => {
      const rate = u.events / u.n;
      if (leaveOneOut) return { ...u, rate, ...deletedResidual(units, i, alternative, c) };
      const z = (empiricalLogit(u.events, u.n) - whole.mu) / Math.sqrt(v[i]! + whole.tau2);
      return { ...u, rate, z, p: pValue(z, alternative) };
    }),
  };
}

/**
 * Below this many units a group is scored unit by unit against the others alone. In a small
 * group one extreme unit is a large part of the spread that the robust fit allows for: with 7
 * units or fewer a single 100 % exam site among 60 % ones widened τ until its own z stayed
 * under 2.3, and it could never be flagged (docs/SUPERVISION.md, "Small peer groups").
 */
export const LEAVE_ONE_OUT_BELOW = 20;

/** Each unit's sampling variance on the logit scale at the centre μ. */
function variances(units: readonly UnitCount[], mu: number) {
  const p0 = expit(mu);
  return units.map((u) => 1 / (u.n * p0 * (1 - p0)));
}

/**
 * Unit `i` against a funnel fitted to the other units (a studentised deleted residual, as in
 * outlier diagnostics of random-effects meta-analysis, Viechtbauer & Cheung 2010): the centre's
 * own uncertainty is added to the spread, and the p-value is Student's t with I − 2 degrees of
 * freedom, since τ² rests on I − 1 units.
 */
function deletedResidual(
  units: readonly UnitCount[],
  i: number,
  alternative: Alternative,
  c: number,
): { z: number; p: number; peers: { centre: number; tau: number } } {
  const unit = units[i]!;
  const others = units.filter((_, j) => j !== i);
  const fit = fitFunnel(others, c);
  const v = variances(others, fit.mu);
  const centreVariance = 1 / v.reduce((a, vj) => a + 1 / (vj + fit.tau2), 0);
  const [own] = variances([unit], fit.mu);
  const z =
    (empiricalLogit(unit.events, unit.n) - fit.mu) / Math.sqrt(own! + fit.tau2 + centreVariance);
  return {
    z,
    p: studentPValue(z, units.length - 2, alternative),
    peers: { centre: expit(fit.mu), tau: Math.sqrt(fit.tau2) },
  };
}

/** The robust centre μ and between-unit variance τ² of some units (see funnelTest). */
function fitFunnel(units: readonly UnitCount[], c: number): { mu: number; tau2: number } {
  const y = units.map((u) => empiricalLogit(u.events, u.n));
  const pooledEvents = units.reduce((a, u) => a + u.events, 0);
  const pooledN = units.reduce((a, u) => a + u.n, 0);
  let mu = empiricalLogit(pooledEvents, pooledN);
  let tau2 = 0;
  const kappa = huberKappa(c);
  for (let iteration = 0; iteration < 100; iteration++) {
    const v = variances(units, mu);
    // Centre: Huber-weighted mean with inverse-variance weights.
    let num = 0;
    let den = 0;
    y.forEach((yi, i) => {
      const sd = Math.sqrt(v[i]! + tau2);
      const r = Math.abs(yi - mu) / sd;
      const w = (1 / (sd * sd)) * (r > c ? c / r : 1);
      num += w * yi;
      den += w;
    });
    const nextMu = num / den;
    // Spread: the τ² at which the clipped squared residuals have their expected sum.
    const target = (units.length - 1) * kappa;
    const lhs = (t2: number) =>
      y.reduce((a, yi, i) => {
        const r = (yi - nextMu) / Math.sqrt(v[i]! + t2);
        return a + Math.min(r * r, c * c);
      }, 0);
    let nextTau2 = 0;
    if (units.length > 1 && lhs(0) > target) {
      let lo = 0;
      let hi = 1;
      while (lhs(hi) > target && hi < 1e6) hi *= 2;
      for (let k = 0; k < 80; k++) {
        const mid = (lo + hi) / 2;
        if (lhs(mid) > target) lo = mid;
        else hi = mid;
      }
      nextTau2 = (lo + hi) / 2;
    }
    const done = Math.abs(nextMu - mu) < 1e-10 && Math.abs(nextTau2 - tau2) < 1e-12;
    mu = nextMu;
    tau2 = nextTau2;
    if (done) break;
  }
  return { mu, tau2 };
}

/** The funnel's control limits at size n, as rates: expit(μ ± z·√(s² + τ²)). */
export function funnelLimits(funnel: Pick<Funnel, 'centre' | 'tau'>, n: number, z: number) {
  const mu = logit(funnel.centre);
  const p0 = funnel.centre;
  const sd = Math.sqrt(1 / (n * p0 * (1 - p0)) + funnel.tau ** 2);
  return { lower: expit(mu - z * sd), upper: expit(mu + z * sd) };
}
