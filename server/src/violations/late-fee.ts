import { daysBetween } from '#shared/dates.ts';

/**
 * The late fee on a fine (加处罚款, Proc §60; RTSL §109): from the day after the payment deadline,
 * `percentPerDay` of the fine for each day, never more than the fine itself (行政强制法 第四十五条).
 * In cents, so 3 % of 150 yuan is 4.50 and not 4.499999.
 */
export function lateFeeOn(
  fine: number,
  deadline: string,
  day: string,
  percentPerDay: number,
): { daysLate: number; lateFee: number } {
  const daysLate = Math.max(0, daysBetween(deadline, day));
  const fineCents = Math.round(fine * 100);
  const cents = Math.min(fineCents, Math.round((fineCents * percentPerDay * daysLate) / 100));
  return { daysLate, lateFee: cents / 100 };
}
