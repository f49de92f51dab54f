/**
 * Pearson's chi-square test of independence on a contingency table, for asking whether exam
 * sites assign examiners at random: rows are examiners, columns candidate groups (e.g. driving
 * schools), cells the number of exams. Under random assignment every examiner sees the groups
 * in the same proportions; a school "buying" one examiner shows as a large statistic.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
export function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) (Numerical Recipes
 * gammq: the series below a + 1, the continued fraction above, each to 1e-14 relative).
 */
export function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * front;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return front * h;
}

/** P(X ≥ x) for X chi-square with `df` degrees of freedom. */
export const chiSquareTail = (x: number, df: number) => upperGamma(df / 2, x / 2);

export interface IndependenceTest {
  statistic: number;
  df: number;
  p: number;
  /** Rows and columns with any count (empty ones are dropped before testing). */
  rows: number;
  columns: number;
  total: number;
  /** Share of cells whose expected count is below 5 (Cochran: the test is rough above 20 %). */
  sparseShare: number;
  /** Cramér's V: the strength of the association, 0 (none) to 1 (each row one column). */
  cramersV: number;
}

/**
 * Pearson's X² = Σ (O − E)²/E with E = row total × column total / N, on (r − 1)(c − 1) degrees
 * of freedom. Rows and columns without any count are dropped; a table with fewer than two of
 * either has nothing to test (df 0, p 1).
 */
export function independenceTest(table: readonly (readonly number[])[]): IndependenceTest {
  const colCount = Math.max(0, ...table.map((r) => r.length));
  const rowSums = table.map((r) => r.reduce((s, x) => s + x, 0));
  const colSums = Array.from({ length: colCount }, (_, j) =>
    table.reduce((s, r) => s + (r[j] ?? 0), 0),
  );
  const rows = rowSums.flatMap((s, i) => (s > 0 ? [i] : []));
  const cols = colSums.flatMap((s, j) => (s > 0 ? [j] : []));
  const total = rowSums.reduce((s, x) => s + x, 0);
  const df = (rows.length - 1) * (cols.length - 1);
  if (rows.length < 2 || cols.length < 2) {
    return {
      statistic: 0,
      df: 0,
      p: 1,
      rows: rows.length,
      columns: cols.length,
      total,
      sparseShare: 0,
      cramersV: 0,
    };
  }
  let statistic = 0;
  let sparse = 0;
  for (const i of rows) {
    for (const j of cols) {
      const expected = (rowSums[i]! * colSums[j]!) / total;
      const observed = table[i]![j] ?? 0;
      statistic += (observed - expected) ** 2 / expected;
      if (expected < 5) sparse++;
    }
  }
  const k = Math.min(rows.length, cols.length) - 1;
  return {
    statistic,
    df,
    p: chiSquareTail(statistic, df),
    rows: rows.length,
    columns: cols.length,
    total,
    sparseShare: sparse / (rows.length * cols.length),
    cramersV: Math.sqrt(statistic / (total * k)),
  };
}
