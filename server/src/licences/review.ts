import { addCalendarDays } from '#shared/dates.ts';

/** R162 §72: the review (审验) is due within 30 days after the cycle ends. */
export const REVIEW_DAYS_AFTER_CYCLE = 30;

/**
 * Whether a licence is overdue for its review (审验, R162 §72), pure: an A1/A2/A3/B1/B2 holder
 * whose last ended cycle had points, and who has not been reviewed for it within 30 days after
 * it ended. Returns the missed due date, or null.
 */
export function reviewOverdue(f: {
  large: boolean;
  /** The last cycle that ended, and its points at the end. */
  lastCycle: { start: string; end: string; points: number } | null;
  reviewedCycles: readonly string[];
  today: string;
}): string | null {
  if (!f.large || !f.lastCycle || f.lastCycle.points === 0) return null;
  if (f.reviewedCycles.includes(f.lastCycle.start)) return null;
  const due = addCalendarDays(f.lastCycle.end, REVIEW_DAYS_AFTER_CYCLE);
  return f.today > due ? due : null;
}
