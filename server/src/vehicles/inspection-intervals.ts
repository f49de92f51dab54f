import type { VehicleType } from './plate-numbers.ts';

/**
 * The statutory inspection intervals (道路交通安全法实施条例 第十六条) and the exemption from
 * station inspection (2014 reform; 2022 reform in force 2022-10-01), as pure functions. What the
 * law may change is a parameter: `biennialYears` is how long a small non-operating passenger car
 * is inspected every two years (6 under Cond §16 and the 2014 reform, 10 under the 2022 reform,
 * a policy value with its effective date).
 */
export interface InspectedVehicle {
  vehicleType: VehicleType;
  useNature: 'operating' | 'non-operating';
  seats: number | null;
}

/** The inspected facts of a vehicle on file (its type and use as the registry stores them). */
export const inspectedOf = (v: {
  vehicleType: string;
  useNature: string;
  seats: number | null;
}): InspectedVehicle => ({
  vehicleType: v.vehicleType as VehicleType,
  useNature: v.useNature as InspectedVehicle['useNature'],
  seats: v.seats,
});

const PASSENGER: readonly VehicleType[] = [
  'small-car',
  'large-car',
  'small-new-energy',
  'large-new-energy',
];
const SMALL: readonly VehicleType[] = ['small-car', 'small-new-energy'];

/** 小型、微型非营运载客汽车 of at most 9 seats: the vehicles the exemptions are for. */
export const isSmallPrivateCar = (v: InspectedVehicle) =>
  SMALL.includes(v.vehicleType) && v.useNature === 'non-operating' && (v.seats ?? 5) <= 9;

/** Months from one inspection to the next for a vehicle of `ageYears` since registration. */
export function intervalMonths(v: InspectedVehicle, ageYears: number, biennialYears: number) {
  if (v.vehicleType === 'motorcycle') return ageYears < 4 ? 24 : 12;
  if (v.vehicleType === 'trailer') return 12;
  if (PASSENGER.includes(v.vehicleType) && v.useNature === 'operating') {
    return ageYears < 5 ? 12 : 6;
  }
  if (isSmallPrivateCar(v)) {
    if (ageYears < biennialYears) return 24;
    // Cond §16: every six months after 15 years (⚠ the 2022 reform's own text is unconfirmed).
    return ageYears < 15 ? 12 : 6;
  }
  // Large and medium non-operating passenger vehicles (and trucks): yearly for 10 years.
  return ageYears < 10 ? 12 : 6;
}

export const addMonths = (date: string, months: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
};

const endOfMonth = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Whole years from registration to a day, rounded (validity ends in the registration month). */
export const ageInYears = (registeredOn: string, on: string) => {
  const [ry, rm] = registeredOn.split('-').map(Number) as [number, number];
  const [y, m] = on.split('-').map(Number) as [number, number];
  return Math.round((y * 12 + m - (ry * 12 + rm)) / 12);
};

/** The inspection validity given at registration: the end of the month one interval on. */
export const firstValidUntil = (v: InspectedVehicle, registeredOn: string, biennialYears: number) =>
  endOfMonth(addMonths(registeredOn, intervalMonths(v, 0, biennialYears)));

/**
 * The validity after a mark: one interval on from the current one (by the age reached then),
 * and on again while that still lies in the past (a vehicle that was overdue).
 */
export function nextValidUntil(
  v: InspectedVehicle,
  registeredOn: string,
  current: string,
  today: string,
  biennialYears: number,
) {
  let until = current;
  do {
    const age = ageInYears(registeredOn, until);
    until = endOfMonth(addMonths(until, intervalMonths(v, age, biennialYears)));
  } while (until < today);
  return until;
}

/**
 * The validity after a change of use (变更使用性质, R164 §16): Cond §16 sets the intervals by use,
 * counted from registration, so the schedule of the new use decides the next due day: the end of
 * its first period that is not yet past. A change inspects nothing, so it may bring the due day
 * forward (non-operating to operating) but never push it back: the reverse change keeps the day
 * the last inspection gave, and the marks after it follow the new use.
 */
export function validUntilAfterUseChange(
  v: InspectedVehicle,
  registeredOn: string,
  current: string | null,
  today: string,
  biennialYears: number,
) {
  const first = firstValidUntil(v, registeredOn, biennialYears);
  const scheduled =
    first < today ? nextValidUntil(v, registeredOn, first, today, biennialYears) : first;
  return current !== null && current < scheduled ? current : scheduled;
}

/**
 * Whether the mark due at `dueOn` may be claimed without a station inspection: a small
 * non-operating car within its biennial years, except in the sixth year, which is a station
 * inspection under both reforms (2014: years 2 and 4 exempt; 2022: years 2, 4 and 8), and
 * never after a casualty accident.
 */
export function exemptFromStation(
  v: InspectedVehicle,
  registeredOn: string,
  dueOn: string,
  biennialYears: number,
  casualtyAccident: boolean,
) {
  if (!isSmallPrivateCar(v) || casualtyAccident) return false;
  const age = ageInYears(registeredOn, dueOn);
  return age < biennialYears && age !== 6 && age > 0;
}
