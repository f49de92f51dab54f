import { describe, expect, it } from 'vitest';
import { shortWindowNote } from './workloads.ts';

/**
 * A phase stops when the requests it may send run out (a fleet car serves one transfer); its rate
 * is then over a shorter window, and the bench says so and why, so that a reader of the run does
 * not take a four-second window for ten.
 */
describe('shortWindowNote', () => {
  const phase = { durationMs: 10_000, maxRequests: 200_000 };

  it('says nothing when the phase used its window', () => {
    expect(shortWindowNote({ ...phase, windowMs: 10_000, capacity: 5_000 })).toBeNull();
    expect(shortWindowNote({ ...phase, windowMs: 9_950, capacity: 200_000 })).toBeNull();
  });

  it('names what was seeded when the fleet or the records ran out', () => {
    expect(shortWindowNote({ ...phase, windowMs: 4_060, capacity: 8_560 })).toBe(
      'measured over 4.1 s of its 10.0 s window: what was seeded for it ran out after 8560 ' +
        'requests, warm-up included (raise --fleet or --violations)',
    );
  });

  it('names the request bound when it was the bound', () => {
    expect(shortWindowNote({ ...phase, windowMs: 1_200, capacity: 200_000 })).toBe(
      'measured over 1.2 s of its 10.0 s window: --max-requests ran out (200000, warm-up included)',
    );
  });
});
