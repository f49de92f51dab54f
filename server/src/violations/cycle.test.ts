import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '#shared/dates.ts';
import { seededRandom } from '#shared/random.ts';
import { boundsOf, cycleOf, cycleSummary, FULL_SCORE, type LedgerEntry } from './cycle.ts';

const FIRST = '2019-03-15';
const v = (points: number, on: string, paidOn: string | null = on): LedgerEntry => ({
  kind: 'violation',
  points,
  on,
  paidOn,
});

describe('the points cycle (R163 §3): 12 months from the first issue, not the calendar year', () => {
  it('starts on the anniversary and ends the day before the next one', () => {
    expect(cycleOf(FIRST, '2026-03-14')).toMatchObject({ start: '2025-03-15', end: '2026-03-14' });
    expect(cycleOf(FIRST, '2026-03-15')).toMatchObject({ start: '2026-03-15', end: '2027-03-14' });
    expect(cycleOf(FIRST, '2019-03-15')).toMatchObject({ index: 0, start: '2019-03-15' });
  });

  it('keeps a leap-day licence on the last day of February in other years', () => {
    expect(cycleOf('2020-02-29', '2021-03-01')).toMatchObject({
      start: '2021-02-28',
      end: '2022-02-27',
    });
    expect(cycleOf('2020-02-29', '2024-02-29')).toMatchObject({ start: '2024-02-29' });
  });

  it('counts points in the cycle of the decision and clears a total below 12 at its end', () => {
    const entries = [v(6, '2026-03-14'), v(3, '2026-03-15')];
    expect(cycleSummary(FIRST, '2026-03-14', entries)).toMatchObject({ points: 6 });
    expect(cycleSummary(FIRST, '2026-03-15', entries)).toMatchObject({
      start: '2026-03-15',
      points: 3,
      carriedOver: 0,
    });
  });

  it('carries over the points of fines still unpaid at the cycle end (R163 §15)', () => {
    const unpaid = [v(6, '2026-03-10', null), v(3, '2026-03-11', '2026-03-12')];
    expect(cycleSummary(FIRST, '2026-03-15', unpaid)).toMatchObject({ points: 6, carriedOver: 6 });
    // Paid on the cycle's last day: nothing is left unpaid at its end.
    const paidLastDay = [v(6, '2026-03-10', '2026-03-14')];
    expect(cycleSummary(FIRST, '2026-03-15', paidLastDay)).toMatchObject({ points: 0 });
    // Paid the day after: the points were carried and stay for the new cycle.
    const paidLate = [v(6, '2026-03-10', '2026-03-15')];
    expect(cycleSummary(FIRST, '2026-06-01', paidLate)).toMatchObject({
      points: 6,
      carriedOver: 6,
    });
    // …and are cleared at the end of that cycle, now that the fine is paid.
    expect(cycleSummary(FIRST, '2027-03-15', paidLate)).toMatchObject({ points: 0 });
  });

  it('carries over again while the fine stays unpaid, cycle after cycle', () => {
    const entries = [v(3, '2024-05-01', null)];
    expect(cycleSummary(FIRST, '2026-11-26', entries)).toMatchObject({ points: 3, carriedOver: 3 });
  });

  it('never carries more than the total left after a reduction', () => {
    const entries: LedgerEntry[] = [
      v(3, '2026-01-01', null),
      { kind: 'reduction', points: 2, on: '2026-02-01' },
    ];
    expect(cycleSummary(FIRST, '2026-02-01', entries)).toMatchObject({ points: 1, reduced: 2 });
    expect(cycleSummary(FIRST, '2026-03-15', entries)).toMatchObject({
      points: 1,
      carriedOver: 1,
      reduced: 0,
    });
  });

  it('keeps a full score past the cycle end until the exam clears it (R163 §23)', () => {
    const entries: LedgerEntry[] = [v(12, '2026-03-01')];
    expect(cycleSummary(FIRST, '2026-04-01', entries)).toMatchObject({ points: 12 });
    const cleared: LedgerEntry[] = [
      ...entries,
      { kind: 'full-score-cleared', points: 12, on: '2026-04-10' },
      v(1, '2026-05-01'),
    ];
    expect(cycleSummary(FIRST, '2026-05-01', cleared)).toMatchObject({ points: 1 });
  });

  it('adds imported legacy points to the cycle they were imported in', () => {
    const entries: LedgerEntry[] = [{ kind: 'imported', points: 4, on: '2026-11-26' }];
    expect(cycleSummary(FIRST, '2026-11-26', entries)).toMatchObject({ points: 4 });
    expect(cycleSummary(FIRST, '2027-03-15', entries)).toMatchObject({ points: 0 });
  });
});

/**
 * The summary as R163 reads: each cycle from the first entry's to today's takes the entries
 * dated inside it. `cycleSummary` reads the sorted entries once instead of once per cycle; it
 * must give what this reading gives for any ledger.
 */
function summaryCycleByCycle(firstIssuedOn: string, today: string, entries: LedgerEntry[]) {
  const current = cycleOf(firstIssuedOn, today);
  const sorted = [...entries].filter((e) => e.on <= today).sort((a, b) => (a.on < b.on ? -1 : 1));
  const first = sorted[0] ? cycleOf(firstIssuedOn, sorted[0].on).index : current.index;
  const total = (items: { points: number }[]) => items.reduce((n, i) => n + i.points, 0);
  let carried: { points: number; paidOn: string | null }[] = [];
  let carriedDeduct = 0;
  let state = { points: 0, reduced: 0, carriedOver: 0 };
  for (let index = first; index <= current.index; index++) {
    const { start, end } = boundsOf(firstIssuedOn, index);
    let items = [...carried];
    let deduct = carriedDeduct;
    let reduced = 0;
    const carriedOver = Math.max(0, total(carried) - carriedDeduct);
    for (const e of sorted.filter((x) => x.on >= start && x.on <= end)) {
      if (e.kind === 'reduction') {
        deduct += e.points;
        reduced += e.points;
      } else if (e.kind === 'full-score-cleared') {
        items = [];
        deduct = 0;
      } else
        items.push({
          points: e.points,
          paidOn: e.kind === 'violation' ? (e.paidOn ?? null) : e.on,
        });
    }
    const points = Math.max(0, total(items) - deduct);
    state = { points, reduced, carriedOver };
    if (points >= FULL_SCORE) {
      carried = [{ points, paidOn: null }];
      carriedDeduct = 0;
    } else {
      carried = items.filter((i) => i.paidOn === null || i.paidOn > end);
      carriedDeduct = Math.max(0, total(carried) - points);
    }
  }
  return { start: current.start, end: current.end, ...state };
}

describe('cycleSummary over many ledgers', () => {
  it('gives what reading each cycle apart gives, for 3,000 random ledgers', () => {
    const random = seededRandom(20261205);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const day = (from: string, spanDays: number) =>
      addCalendarDays(from, Math.floor(random() * spanDays));
    const kinds = [
      'violation',
      'violation',
      'violation',
      'imported',
      'reduction',
      'full-score-cleared',
    ] as const;
    for (let n = 0; n < 3000; n++) {
      const firstIssuedOn = pick([
        '2000-02-29',
        '2004-07-31',
        '2012-01-01',
        '2019-03-15',
        '2024-02-29',
      ]);
      // Some entries before the first issue (a legacy import's dates): they are in no cycle.
      const entries: LedgerEntry[] = Array.from({ length: Math.floor(random() * 12) }, () => {
        const kind = pick(kinds);
        const on = day(addCalendarDays(firstIssuedOn, -60), 9000);
        const paid = random();
        return {
          kind,
          points: pick([1, 2, 3, 6, 9, 12]),
          on,
          paidOn:
            paid < 0.3 ? null : paid < 0.6 ? on : addCalendarDays(on, Math.floor(random() * 800)),
        };
      });
      const today = day(firstIssuedOn, 9500);
      expect(
        cycleSummary(firstIssuedOn, today, entries),
        JSON.stringify({ firstIssuedOn, today, entries }),
      ).toEqual(summaryCycleByCycle(firstIssuedOn, today, entries));
    }
  });
});
