/**
 * Empirical-Bayes shrunken rates for ranking and display: a unit's raw rate over a handful of
 * trials says little, so each rate is pulled towards the peer centre in proportion to how little
 * data it rests on. The prior is a Beta with the funnel's centre p0 as mean and, by the delta
 * method, variance (p0·(1 − p0)·τ)² where τ is the between-unit SD on the logit scale:
 *
 *   M = α + β = 1 / (p0·(1 − p0)·τ²) − 1,   shrunken rate = (events + p0·M) / (n + M).
 *
 * With τ = 0 every unit is its peers (the centre); with a very wide prior (M ≤ 0) nothing is
 * shrunk.
 */
export function shrinkagePrior(centre: number, tau: number): number {
  if (tau <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(0, 1 / (centre * (1 - centre) * tau * tau) - 1);
}

export function shrunkenRate(events: number, n: number, centre: number, tau: number): number {
  const m = shrinkagePrior(centre, tau);
  if (!Number.isFinite(m)) return centre;
  if (n + m === 0) return centre;
  return (events + centre * m) / (n + m);
}
