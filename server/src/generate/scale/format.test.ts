import { describe, expect, it } from 'vitest';
import { hex } from './format.ts';
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
