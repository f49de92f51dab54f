import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
import type { PolicyValues } from '../catalog/policy-keys.ts';
import { addMonths } from './inspection-intervals.ts';
import type { VehicleType } from './plate-numbers.ts';

/** VIN position 10 (GB 16735, ISO 3779): A–Y without I, O, Q, U, Z for 1980–2000 and 2010–2030, 1–9 for 2001–2009 and 2031–2039. */
const LETTER_YEARS = 'ABCDEFGHJKLMNPRSTVWXY';

/** The model-year code (VIN position 10) of a year from 1980 to 2039. */
export function modelYearCode(year: number): string {
  if (year >= 2001 && year <= 2009) return String(year - 2000);
  if (year >= 2031) return String(year - 2030);
  return LETTER_YEARS.charAt((year - 1980) % 30);
}

/** Whether the VIN's model-year code names a year within one of the date of manufacture. */
export function modelYearFits(vin: string, manufacturedOn: string): boolean {
  const code = vin.charAt(9);
  const made = Number(manufacturedOn.slice(0, 4));
  let base: number;
  if (/[1-9]/.test(code)) base = 2000 + Number(code);
  else if (LETTER_YEARS.includes(code)) base = 1980 + LETTER_YEARS.indexOf(code);
  else return false;
  // The code repeats every 30 years: the reading nearest the date of manufacture counts.
  return [base - 30, base, base + 30, base + 60].some((year) => Math.abs(year - made) <= 1);
}

export const SCRAP_AGE_KEYS = [
  'scrap-age.operating-small.years',
  'scrap-age.operating-large.years',
  'scrap-age.non-operating-large.years',
  'scrap-age.motorcycle.years',
  'scrap-age.trailer.years',
] as const;
export type ScrapAgeKey = (typeof SCRAP_AGE_KEYS)[number];

/**
 * The policy key of a kind of vehicle's mandatory scrapping age (《机动车强制报废标准规定》 §5);
 * null where none applies by age (small non-operating passenger cars: by mileage only).
 */
export function scrapAgeKeyOf(v: {
  vehicleType: VehicleType | string;
  useNature: string;
}): ScrapAgeKey | null {
  if (v.vehicleType === 'motorcycle') return 'scrap-age.motorcycle.years';
  if (v.vehicleType === 'trailer') return 'scrap-age.trailer.years';
  const large = v.vehicleType === 'large-car' || v.vehicleType === 'large-new-energy';
  if (v.useNature === 'operating') {
    return large ? 'scrap-age.operating-large.years' : 'scrap-age.operating-small.years';
  }
  return large ? 'scrap-age.non-operating-large.years' : null;
}

/** The mandatory scrapping age of a kind of vehicle (policy values); null where none applies. */
export function scrapAgeYears(
  v: { vehicleType: VehicleType | string; useNature: string },
  policy: PolicyValues<ScrapAgeKey>,
): number | null {
  const key = scrapAgeKeyOf(v);
  return key ? policy[key] : null;
}

/** The day a vehicle reaches its scrapping age, counted from `from`; null when none applies. */
export const scrapDueOn = (from: string | null, years: number | null) =>
  from && years !== null ? addMonths(from, years * 12) : null;

/**
 * Whether a vehicle is due for scrapping on a day (R164 §§15(7), 40): recorded so, or past the day
 * its kind reaches its scrapping age under the policy in force, which stops it whether or not the
 * office has recorded it yet. Without that day (a kind with none by age, or not looked up) the
 * record alone decides.
 */
export const dueForScrap = (v: {
  status?: VehicleStatus;
  scrapDueOn?: string | null;
  today?: string;
}) => v.status === 'scrap-due' || (!!v.scrapDueOn && !!v.today && v.scrapDueOn <= v.today);

type RegisteredKind = { vehicleType: string; useNature: string; registeredOn: string | null };

/** The day a registered vehicle reaches its kind's scrapping age; null when none applies. */
export const scrapDayOf = (v: RegisteredKind, policy: PolicyValues<ScrapAgeKey>) =>
  scrapDueOn(v.registeredOn, scrapAgeYears(v, policy));

/** Whether a vehicle of the registry is due for scrapping today: recorded so, or past its age. */
export const pastScrapAge = (
  v: RegisteredKind & { status: VehicleStatus },
  policy: PolicyValues<ScrapAgeKey>,
  today: string,
) => dueForScrap({ status: v.status, scrapDueOn: scrapDayOf(v, policy), today });
