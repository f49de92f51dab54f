/**
 * The standard normal distribution, for p-values of z-scores. The upper tail uses the
 * complementary error function of Numerical Recipes (erfcc, Chebyshev fit): its *relative*
 * error is below 1.2e-7 everywhere, so tail probabilities of 1e-6 are still right to 7 digits,
 * which the Benjamini–Hochberg step needs (a plain erf approximation loses them).
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export const upperTail = (z: number) => 0.5 * erfc(z / Math.SQRT2);

export type Alternative = 'two-sided' | 'greater' | 'less';

/** The p-value of a z-score under the alternative. */
export function pValue(z: number, alternative: Alternative): number {
  if (alternative === 'greater') return upperTail(z);
  if (alternative === 'less') return upperTail(-z);
  return Math.min(1, 2 * upperTail(Math.abs(z)));
}

export const logit = (p: number) => Math.log(p / (1 - p));
export const expit = (x: number) => 1 / (1 + Math.exp(-x));
