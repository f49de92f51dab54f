import { describe, expect, it } from 'vitest';
import { rankBookings, type RankEntry } from './exam-ranking.ts';

const at = (s: string) => new Date(`2026-${s}T09:00:00+08:00`);
const entry = (id: string, o: Partial<RankEntry> = {}): RankEntry => ({
  applicationId: id,
  acceptedAt: at('01-01'),
  lastExamAt: null,
  penaltyAt: null,
  bookedAt: at('11-01'),
  ...o,
});
const order = (es: RankEntry[]) => rankBookings(es).map((e) => e.applicationId);

describe('the exam ranking', () => {
  it('puts earlier acceptance first', () => {
    expect(
      order([entry('b', { acceptedAt: at('03-01') }), entry('a', { acceptedAt: at('02-01') })]),
    ).toEqual(['a', 'b']);
  });

  it('puts a cancellation or no-show behind, however early the acceptance', () => {
    expect(
      order([
        entry('cancelled', { acceptedAt: at('01-01'), penaltyAt: at('10-01') }),
        entry('late', { acceptedAt: at('06-01') }),
        entry('older-penalty', { acceptedAt: at('01-01'), penaltyAt: at('09-01') }),
      ]),
    ).toEqual(['late', 'older-penalty', 'cancelled']);
  });

  it('then the earlier last exam (never examined first), then the booking, then the id', () => {
    expect(
      order([
        entry('recent', { lastExamAt: at('10-20') }),
        entry('never'),
        entry('older', { lastExamAt: at('09-01') }),
      ]),
    ).toEqual(['never', 'older', 'recent']);
    expect(order([entry('y', { bookedAt: at('11-02') }), entry('x'), entry('w')])).toEqual([
      'w',
      'x',
      'y',
    ]);
  });
});
