/**
 * Benjamini–Hochberg (1995) across the units one rule tests in one run: with m p-values, the
 * units whose p-value is at or below the largest p(k) with p(k) ≤ k·q/m are flagged. This keeps
 * the expected share of false alarms among the flagged at or below q, however many units a
 * city has, where a fixed per-unit level would flag more honest units the more units there are.
 */
export interface BhResult {
  /** BH-adjusted p-value (q-value) of each input, in input order. */
  adjusted: number[];
  /** Whether each input is flagged at level q, in input order. */
  flagged: boolean[];
}

export function benjaminiHochberg(pValues: readonly number[], q: number): BhResult {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let k = m; k >= 1; k--) {
    const { p, i } = order[k - 1]!;
    running = Math.min(running, (p * m) / k);
    adjusted[i] = Math.min(1, running);
  }
  return { adjusted, flagged: adjusted.map((a) => a <= q) };
}
