import { lnGamma } from './chi-square.ts';
import type { Alternative } from './normal.ts';

const TINY = 1e-300;
const clampTiny = (v: number) => (Math.abs(v) < TINY ? TINY : v);

/** The continued fraction of the incomplete beta function (modified Lentz, to 1e-14). */
function betaFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 / clampTiny(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / clampTiny(1 + even * d);
    c = clampTiny(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / clampTiny(1 + odd * d);
    c = clampTiny(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-14) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  // The fraction converges fast on the side of the mean; the other side by symmetry.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T > t) for Student's t with `df` degrees of freedom. */
export function studentUpperTail(t: number, df: number): number {
  const half = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? half : 1 - half;
}

/** The p-value of a t statistic under the alternative. */
export function studentPValue(t: number, df: number, alternative: Alternative): number {
  if (alternative === 'greater') return studentUpperTail(t, df);
  if (alternative === 'less') return studentUpperTail(-t, df);
  return Math.min(1, 2 * studentUpperTail(Math.abs(t), df));
}
