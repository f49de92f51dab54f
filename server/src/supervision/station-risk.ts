/**
 * Inspection-station risk rating (issue 10 item 6), pure: each station's remote-monitoring
 * metrics against its peers', as a robust outlier score that explains itself.
 *
 * For each metric (a share of the station's inspections: passed, too short, outside its hours,
 * with a photo reused on another vehicle) the peers' median M and median absolute deviation D
 * are taken over the stations with at least `minSize` inspections. A station's deviation is
 * z = (r − M)/s with s² = (1.4826·D)² + M′(1 − M′)/n and M′ = (M·n + ½)/(n + 1): the honest
 * spread between stations plus the station's own binomial noise (as the funnel test's additive
 * random effects), so a small station is not an outlier by chance and a zero spread does not
 * divide by zero. Only the risky direction counts (more passes, more short, more off-hours,
 * more reuse). Rating: high when any metric is at z ≥ 3.09 (0.1 % one-sided), medium at
 * z ≥ 1.96 (2.5 %), low otherwise; the draw weight is 4, 2 and 1, the same scale as alerts.
 */
export const RISK_METRICS = ['passRate', 'shortShare', 'offHoursShare', 'photoReuseShare'] as const;
export type RiskMetric = (typeof RISK_METRICS)[number];

export interface StationMetrics {
  code: string;
  countyCode: string;
  n: number;
  passes: number;
  short: number;
  offHours: number;
  photoReuse: number;
}

export interface Contribution {
  metric: RiskMetric;
  value: number;
  peerMedian: number;
  z: number;
}

export type Rating = 'low' | 'medium' | 'high';

export interface StationRisk {
  code: string;
  countyCode: string;
  n: number;
  /** False when the station had too few inspections to be compared. */
  rated: boolean;
  score: number;
  rating: Rating;
  weight: number;
  /** Every metric's value, the peers' median and the deviation, largest deviation first. */
  contributions: Contribution[];
}

const Z_HIGH = 3.090232;
const Z_MEDIUM = 1.959964;
export const RATING_WEIGHT: Record<Rating, number> = { low: 1, medium: 2, high: 4 };

const countOf: Record<RiskMetric, (s: StationMetrics) => number> = {
  passRate: (s) => s.passes,
  shortShare: (s) => s.short,
  offHoursShare: (s) => s.offHours,
  photoReuseShare: (s) => s.photoReuse,
};

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Rates every station; those under `minSize` inspections are listed unrated (weight 1). */
export function rateStations(
  stations: readonly StationMetrics[],
  { minSize }: { minSize: number },
): StationRisk[] {
  const eligible = stations.filter((s) => s.n >= minSize);
  const peers = new Map(
    RISK_METRICS.map((m) => {
      const rates = eligible.map((s) => countOf[m](s) / s.n);
      const M = median(rates);
      const D = median(rates.map((r) => Math.abs(r - M)));
      return [m, { M, spread: 1.4826 * D }] as const;
    }),
  );
  return stations
    .map((s): StationRisk => {
      if (s.n < minSize || eligible.length < 3) {
        return {
          code: s.code,
          countyCode: s.countyCode,
          n: s.n,
          rated: false,
          score: 0,
          rating: 'low',
          weight: RATING_WEIGHT.low,
          contributions: [],
        };
      }
      const contributions = RISK_METRICS.map((metric): Contribution => {
        const { M, spread } = peers.get(metric)!;
        const value = countOf[metric](s) / s.n;
        const centre = (M * s.n + 0.5) / (s.n + 1);
        const scale = Math.sqrt(spread ** 2 + (centre * (1 - centre)) / s.n);
        return { metric, value, peerMedian: M, z: (value - M) / scale };
      }).sort((a, b) => b.z - a.z);
      const top = contributions[0]!.z;
      const rating: Rating = top >= Z_HIGH ? 'high' : top >= Z_MEDIUM ? 'medium' : 'low';
      return {
        code: s.code,
        countyCode: s.countyCode,
        n: s.n,
        rated: true,
        score: contributions.reduce((sum, c) => sum + Math.max(0, c.z), 0),
        rating,
        weight: RATING_WEIGHT[rating],
        contributions,
      };
    })
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}
