import { describe, expect, it } from 'vitest';
import { beijingAt, hex } from './format.ts';
import { Random } from './random.ts';

/** What `hex` replaces: the padded `toString(16)`, last `w` digits. */
const slow = (n: number, w: number) => n.toString(16).padStart(w, '0').slice(-w);

describe('hex', () => {
  it('gives the last digits toString(16) gives, for uint32s and instants in ms', () => {
    const r = new Random(7);
    const values = [0, 1, 255, 256, 0xfff, 0x1000, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff];
    for (let i = 0; i < 2000; i++) values.push(r.u32(1, i), 1_735_660_800_000 + r.u32(2, i) * 7);
    values.push(2 ** 48 - 1, Date.UTC(2025, 0, 1), Date.UTC(2025, 11, 31, 23, 59, 59));
    for (const n of values) {
      for (const w of [3, 4, 8, 12]) expect(hex(n, w), `${n}, ${w}`).toBe(slow(n, w));
    }
  });
});

describe('beijingAt', () => {
  it('gives the instant of an hour of a Beijing day, eight hours ahead of UTC', () => {
    expect(beijingAt('2025-03-01', 9)).toBe(Date.UTC(2025, 2, 1, 1));
    expect(beijingAt('2025-03-01', 7)).toBe(Date.UTC(2025, 1, 28, 23));
    // Kept per day: the same day at another hour.
    expect(beijingAt('2025-03-01', 10)).toBe(Date.UTC(2025, 2, 1, 2));
  });
});
