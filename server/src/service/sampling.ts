import { sha256 } from '../platform/signing.ts';

/** A number in [0, 1) drawn from `key`: the first 52 bits of its SHA-256, so anyone redraws it. */
export function unitDraw(key: string): number {
  return parseInt(sha256(key).slice(0, 13), 16) / 2 ** 52;
}

/**
 * How many of an outlet's `n` completed applications of a day the call-back sample takes at
 * `rate`: the whole part of n × rate, and one more with the probability of its fraction, drawn
 * from `key` (the day, city and outlet). The expected sample is n × rate exactly, so an outlet
 * with one application a day at 5 % is called back on about one day in twenty, not every day
 * (rounding up sampled small outlets at 100 %), and a day drawn again draws the same size.
 */
export function sampleSize(n: number, rate: number, key: string): number {
  const exact = n * Math.min(Math.max(rate, 0), 1);
  // Against binary noise: 20 × 0.05 is 1.0000000000000002, not a fraction worth a draw.
  const whole = Math.floor(exact + 1e-9);
  const fraction = exact - whole;
  return Math.min(n, whole + (fraction > 1e-9 && unitDraw(key) < fraction ? 1 : 0));
}
