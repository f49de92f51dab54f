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
