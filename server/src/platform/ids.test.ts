import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId } from './ids.ts';

describe('newId (UUID version 7)', () => {
  it('is a version 7 UUID of the RFC variant that the schemas accept', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(z.string().uuid().safeParse(id).success).toBe(true);
  });

  it('begins with the creation time in milliseconds', () => {
    const at = Date.parse('2026-12-04T14:00:00.123Z');
    const id = newId(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts later ids after earlier ones, and never repeats', () => {
    const t0 = Date.now();
    const ids = Array.from({ length: 20_000 }, (_, i) => newId(t0 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 100; i < ids.length; i += 100) expect(ids[i - 1]! < ids[i]!).toBe(true);
  });
});

describe('newId across its pool of random bytes', () => {
  it('gives unrelated random parts to ids of one millisecond, past many refills of the pool', () => {
    const at = Date.parse('2026-12-04T14:00:00Z');
    // 4,096 bytes a pool and 10 per id: 5,000 ids refill it a dozen times.
    const tails = Array.from({ length: 5_000 }, () => newId(at).slice(14));
    expect(new Set(tails).size).toBe(tails.length);
    // Every hex digit of the random part turns up everywhere (no part stuck at zero).
    const digits = new Set(tails.join('').replace(/-/g, ''));
    expect(digits.size).toBe(16);
  });
});
