import crypto from 'node:crypto';

/**
 * Window rotation (轮岗) drawn with a published seed (pure, CONTRACT.md "Service quality"): for
 * each date, the staff are ranked by HMAC-SHA256(key = seed as UTF-8, message = `date|staffId`),
 * hex ascending (ties by staff id), and take the windows 1, 2, … in that order. Anyone with the
 * seed and the frame recomputes the same assignments.
 */
export function rankRoster(
  seed: string,
  dates: readonly string[],
  staffIds: readonly string[],
): { date: string; window: number; staffId: string }[] {
  return dates.flatMap((date) =>
    staffIds
      .map((staffId) => ({
        staffId,
        rank: crypto.createHmac('sha256', seed).update(`${date}|${staffId}`, 'utf8').digest('hex'),
      }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.staffId < b.staffId ? -1 : 1))
      .map((r, i) => ({ date, window: i + 1, staffId: r.staffId })),
  );
}
