/**
 * Handling times (issue #12 item 11) as small pure functions: the percentiles of the time from
 * acceptance to completion, which applications breached their SLA, and to whom a breach goes.
 */

/**
 * The p-th percentile (0 ≤ p ≤ 1) of ascending values by linear interpolation between the two
 * nearest ranks (Hyndman–Fan type 7: PostgreSQL's percentile_cont, Excel's PERCENTILE.INC), so
 * an office can check a figure with a spreadsheet. Null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  if (p < 0 || p > 1) throw new RangeError(`percentile ${p} outside [0, 1]`);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Count, median and 90th percentile of some durations (any order), in whole seconds. */
export function summariseDurations(seconds: readonly number[]) {
  const sorted = [...seconds].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    completed: sorted.length,
    medianSeconds: round(percentile(sorted, 0.5)),
    p90Seconds: round(percentile(sorted, 0.9)),
  };
}

export type BreachKind = 'open-overdue' | 'completed-late';

/**
 * Whether an application breached its SLA as of `today` (Beijing dates): still open after its
 * due day, or completed on a later day than its due day. Applications without an SLA (refused
 * at the counter) never breach.
 */
export function breachOf(
  a: { status: string; slaDueOn: string | null; completedOn: string | null },
  today: string,
): BreachKind | null {
  if (!a.slaDueOn) return null;
  if (a.status === 'accepted') return a.slaDueOn < today ? 'open-overdue' : null;
  if (a.status === 'completed' && a.completedOn) {
    return a.completedOn > a.slaDueOn ? 'completed-late' : null;
  }
  return null;
}

/**
 * Who a breach is escalated to, as supervision routes its county alerts: an outlet in a county
 * with its own brigade (any county but the city's seat) goes to that brigade; an outlet of the
 * seat county to the detachment, which supervises the seat directly.
 */
export function escalationLevel(outletCountyCode: string, seatCountyCode: string) {
  return outletCountyCode === seatCountyCode ? ('detachment' as const) : ('brigade' as const);
}
