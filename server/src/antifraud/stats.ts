/**
 * The few exact tests the detectors rest on, so a finding is a statement with a known error rate
 * rather than a hand-set threshold: Fisher's exact test (the hypergeometric law) stratified over
 * outlets, Fisher's combination of independent p-values, and the Benjamini–Hochberg step-up
 * adjustment that controls the false discovery rate over many tests.
 */

/**
 * Fisher's method: −2 Σ ln pᵢ follows χ² with 2m degrees of freedom when the m p-values are
 * independent and uniform; its survival function has a closed form for even degrees of freedom.
 */
export function fisherCombined(pvalues: readonly number[]): number {
  if (!pvalues.length) return 1;
  const half = -pvalues.reduce((s, p) => s + Math.log(Math.max(p, 1e-300)), 0);
  let term = 1;
  let sum = 1;
  for (let i = 1; i < pvalues.length; i++) {
    term *= half / i;
    sum += term;
  }
  return Math.min(1, Math.exp(-half) * sum);
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the order given: a test is a discovery at
 * false discovery rate α when its q-value is ≤ α.
 */
export function benjaminiHochberg(pvalues: readonly number[]): number[] {
  const m = pvalues.length;
  const order = pvalues.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p || b.i - a.i);
  const q = new Array<number>(m).fill(1);
  let running = 1;
  order.forEach(({ p, i }, r) => {
    const rank = m - r;
    running = Math.min(running, (p * m) / rank);
    q[i] = Math.min(1, running);
  });
  return q;
}

const logFactorials: number[] = [0];
const logFactorial = (n: number) => {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
};
const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/**
 * The hypergeometric law: of `population` units of which `successes` are marked, `draws` are
 * taken at random; entry j is P(j marked among them). It is the null law of Fisher's exact test
 * of a 2×2 table, conditional on its margins, so a baseline estimated from few units is not
 * taken as more certain than it is.
 */
export function hypergeometric(population: number, successes: number, draws: number): number[] {
  const pmf = new Array<number>(draws + 1).fill(0);
  const low = Math.max(0, draws + successes - population);
  const high = Math.min(draws, successes);
  const whole = logChoose(population, draws);
  for (let j = low; j <= high; j++) {
    pmf[j] = Math.exp(
      logChoose(successes, j) + logChoose(population - successes, draws - j) - whole,
    );
  }
  return pmf;
}

/**
 * P(X₁ + … + Xₙ ≥ k) for independent counts with the given laws (each a list of probabilities
 * of 0, 1, 2, …): the exact stratified test when the same question is asked in several strata
 * (outlets), by convolution.
 */
export function sumUpperTail(laws: readonly (readonly number[])[], k: number): number {
  let dist: number[] = [1];
  for (const law of laws) {
    const next = new Array<number>(dist.length + law.length - 1).fill(0);
    dist.forEach((a, i) => {
      if (a) law.forEach((b, j) => (next[i + j]! += a * b));
    });
    dist = next;
  }
  return Math.min(
    1,
    dist.slice(Math.max(0, k)).reduce((s, x) => s + x, 0),
  );
}
