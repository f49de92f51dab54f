/**
 * Counter-based randomness: every value is a pure function of (seed, stream, index), so any
 * table can recompute another table's row (a violation's vehicle, that vehicle's owner) without
 * keeping millions of rows in memory, and the same seed gives the same data in any order.
 */

/** MurmurHash3's 32-bit finaliser: a bijection of uint32 that mixes every bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Random {
  private readonly base: number;
  constructor(readonly seed: number) {
    this.base = fmix(seed ^ 0x5bd1e995);
  }

  /** A uint32 for item `i` of a stream (streams name what is drawn: an owner, a date…). */
  u32(stream: number, i: number): number {
    const hi = Math.floor(i / 0x1_0000_0000);
    return fmix(this.base ^ fmix(Math.imul(stream, 0x9e3779b1) ^ fmix((i >>> 0) ^ hi)));
  }

  /** An integer in [0, n). */
  int(stream: number, i: number, n: number): number {
    return Math.floor((this.u32(stream, i) / 0x1_0000_0000) * n);
  }

  /** A float in [0, 1). */
  unit(stream: number, i: number): number {
    return this.u32(stream, i) / 0x1_0000_0000;
  }

  pick<T>(stream: number, i: number, list: readonly T[]): T {
    return list[this.int(stream, i, list.length)]!;
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * A seeded bijection of [0, n): spreads consecutive indexes over the whole range (so the
 * thousandth person is not born the day after the 999th) while keeping them distinct.
 */
export function scrambler(n: number, seed: number): (i: number) => number {
  let a = 7919;
  while (gcd(a, n) !== 1) a += 2;
  const offset = new Random(seed).int(1, n, n);
  // a·i stays below 2^53 for every n this generator uses (a few hundred million at most).
  return (i) => (a * i + offset) % n;
}
