/**
 * The exam ranking (考试预约排序), pure: when a session closes, waiting bookings are ranked by
 * the factors the national booking rules name — a cancellation or no-show puts a candidate
 * behind those without one (the earlier penalty first); then the earlier acceptance of the
 * licence application; then the earlier last exam (never examined first); then the earlier
 * booking. Ties end on the application id, so a ranking can be recomputed exactly.
 */
export interface RankEntry {
  applicationId: string;
  acceptedAt: Date;
  lastExamAt: Date | null;
  penaltyAt: Date | null;
  bookedAt: Date;
}

const time = (d: Date | null, none: number) => (d === null ? none : d.getTime());

export function rankBookings<E extends RankEntry>(entries: readonly E[]): E[] {
  return [...entries].sort(
    (a, b) =>
      time(a.penaltyAt, -Infinity) - time(b.penaltyAt, -Infinity) ||
      a.acceptedAt.getTime() - b.acceptedAt.getTime() ||
      time(a.lastExamAt, -Infinity) - time(b.lastExamAt, -Infinity) ||
      a.bookedAt.getTime() - b.bookedAt.getTime() ||
      (a.applicationId < b.applicationId ? -1 : 1),
  );
}
