import { addCalendarDays, addYears } from '#shared/dates.ts';
import { FULL_SCORE } from '#shared/licences.ts';
import type { CycleSummary } from '#shared/schemas/licences.ts';

/**
 * The points cycle (记分周期, R163 §3, §15), pure. A cycle is 12 months running continuously
 * from the day the licence was first issued, not the calendar year: a licence first issued on
 * 2019-03-15 has the cycle 2026-03-15 … 2027-03-14. At a cycle's end a total below 12 is cleared,
 * except the points of violations whose fines are still unpaid, which carry over into the next
 * cycle (R163 §15); a total of 12 or more stays until the full-score exam clears it (§23).
 */
export interface LedgerEntry {
  kind: 'violation' | 'imported' | 'reduction' | 'full-score-cleared';
  points: number;
  /** The day the points were recorded (the penalty decision, R163 §13) or taken off. */
  on: string;
  /** Violations: the day the fine was paid (null while unpaid). Others: ignored. */
  paidOn?: string | null;
}

// The full score (满分) is the licences' too: an imported licence at 12 points is detained.
export { FULL_SCORE };

/** The cycle containing `day`: its number (0 = the first year), first and last day. */
export function cycleOf(firstIssuedOn: string, day: string) {
  let index = Math.max(0, Number(day.slice(0, 4)) - Number(firstIssuedOn.slice(0, 4)));
  while (index > 0 && addYears(firstIssuedOn, index) > day) index -= 1;
  return boundsOf(firstIssuedOn, index);
}

export function boundsOf(firstIssuedOn: string, index: number) {
  return {
    index,
    start: addYears(firstIssuedOn, index),
    end: addCalendarDays(addYears(firstIssuedOn, index + 1), -1),
  };
}

interface Item {
  points: number;
  paidOn: string | null;
}

const sum = (items: readonly { points: number }[]) => items.reduce((n, i) => n + i.points, 0);

/** The cycle in force on `today`, with its points after carry-over and reductions. */
export function cycleSummary(
  firstIssuedOn: string,
  today: string,
  entries: readonly LedgerEntry[],
): CycleSummary {
  const current = cycleOf(firstIssuedOn, today);
  const sorted = [...entries].filter((e) => e.on <= today).sort((a, b) => (a.on < b.on ? -1 : 1));
  const first = sorted[0] ? cycleOf(firstIssuedOn, sorted[0].on).index : current.index;

  let carried: Item[] = [];
  let carriedDeduct = 0;
  let state = { points: 0, reduced: 0, carriedOver: 0 };
  // The entries are in date order and the cycles follow each other without a gap, so each
  // cycle's entries are the next run of them: read once, not once per cycle (a driver of
  // twenty years has twenty cycles).
  let next = 0;
  for (let index = first; index <= current.index; index++) {
    const { start, end } = boundsOf(firstIssuedOn, index);
    let items: Item[] = [...carried];
    let deduct = carriedDeduct;
    let reduced = 0;
    const carriedOver = Math.max(0, sum(carried) - carriedDeduct);
    for (; next < sorted.length && sorted[next]!.on <= end; next++) {
      const e = sorted[next]!;
      if (e.on < start) continue; // before the licence was first issued: in no cycle
      if (e.kind === 'reduction') {
        deduct += e.points;
        reduced += e.points;
      } else if (e.kind === 'full-score-cleared') {
        items = [];
        deduct = 0;
      } else {
        items.push({
          points: e.points,
          paidOn: e.kind === 'violation' ? (e.paidOn ?? null) : e.on,
        });
      }
    }
    const total = Math.max(0, sum(items) - deduct);
    state = { points: total, reduced, carriedOver };
    if (total >= FULL_SCORE) {
      // A full score is not cleared by the cycle's end; only the exam clears it.
      carried = [{ points: total, paidOn: null }];
      carriedDeduct = 0;
    } else {
      carried = items.filter((i) => i.paidOn === null || i.paidOn > end);
      carriedDeduct = Math.max(0, sum(carried) - total);
    }
  }
  return { start: current.start, end: current.end, ...state };
}

/**
 * The day a violation's fine counts as settled when its points are recorded: a violation
 * without a fine has nothing to pay (that day); one with a fine is settled when paid (fine.pay
 * writes it then, settlePointEntry).
 */
export const fineSettledOnRecording = (fine: number, recordedOn: string) =>
  fine === 0 ? recordedOn : null;
