/**
 * A Bernoulli CUSUM (Reynolds & Stoumbos 1999; Steiner et al. 2000) over a unit's outcomes in
 * time order, to see a drift that a period total hides: each outcome x adds the log-likelihood
 * ratio of "rate moved to p1" against "rate is still p0",
 *
 *   W = x·ln(p1/p0) + (1 − x)·ln((1 − p1)/(1 − p0)),   S_t = max(0, S_{t−1} + W_t),
 *
 * with p1 the rate at odds ratio R against p0, and signals when S reaches h. R > 1 watches for a
 * rise (pass rates), R < 1 for a fall. h sets the false-alarm rate (docs/SUPERVISION.md).
 */
export interface CusumResult {
  /** 0-based index of the outcome at which S first reached h, or null. */
  signalAt: number | null;
  /** The largest S reached. */
  max: number;
}

export const oddsShift = (p0: number, oddsRatio: number) =>
  (oddsRatio * p0) / (1 - p0 + oddsRatio * p0);

export function bernoulliCusum(
  outcomes: ArrayLike<0 | 1> | string,
  p0: number,
  oddsRatio: number,
  h: number,
): CusumResult {
  const p1 = oddsShift(p0, oddsRatio);
  const up = Math.log(p1 / p0);
  const down = Math.log((1 - p1) / (1 - p0));
  let s = 0;
  let max = 0;
  let signalAt: number | null = null;
  for (let t = 0; t < outcomes.length; t++) {
    const x = typeof outcomes === 'string' ? outcomes[t] === '1' : outcomes[t] === 1;
    s = Math.max(0, s + (x ? up : down));
    if (s > max) max = s;
    if (signalAt === null && s >= h) signalAt = t;
  }
  return { signalAt, max };
}

/** Kullback–Leibler divergence KL(p0 ‖ p1) of two Bernoulli rates: the in-control drift of S. */
const bernoulliKl = (p0: number, p1: number) =>
  p0 * Math.log(p0 / p1) + (1 - p0) * Math.log((1 - p0) / (1 - p1));

/**
 * How surprising a CUSUM's largest value is for a unit that never moved: the probability that an
 * in-control CUSUM over `n` outcomes reaches `max`. A CUSUM run long enough always signals in
 * the end (a site with 2,000 exams a month passes the 3,800-exam average run length of h = 5
 * within a few months), so the signal alone cannot be compared across units of different sizes;
 * this p-value can, and goes through the same false-discovery control as the funnel's.
 *
 * Siegmund's approximation of the in-control average run length to a level s of a CUSUM of
 * log-likelihood ratios, ARL(s) ≈ (e^s − s − 1)/KL(p0 ‖ p1), with run lengths roughly geometric:
 * P(reach s within n) ≈ 1 − exp(−n/ARL(s)). Without the overshoot correction ARL is
 * underestimated, so the p-value errs on the large (conservative) side.
 */
export function cusumPValue(max: number, n: number, p0: number, oddsRatio: number): number {
  if (max <= 0 || n <= 0) return 1;
  const kl = bernoulliKl(p0, oddsShift(p0, oddsRatio));
  const arl = (Math.exp(max) - max - 1) / kl;
  return arl <= 0 ? 1 : Math.min(1, -Math.expm1(-n / arl));
}
