/**
 * Rules and helpers behind the Zunyi demo network: code abbreviations, delegated business,
 * opening hours, the population share of 警邮 points, addresses, phones and agreement terms.
 * Pure and deterministic.
 */
import { DEFAULT_CATEGORY_GRANTS } from '../delegation/default-grants.ts';
import { ZUNYI_COUNTIES, type ZunyiCounty } from './zunyi-regions.ts';
import { COUNTY_POPULATION_10K, STREETS, TOWNSHIP_STREETS } from './zunyi-names.ts';
import type { DemoAgreement, OpeningHours, OutletCategory } from './zunyi-types.ts';

/** 警邮 points in the article (the 警医邮 point comes on top). */
export const POLICE_POST_POINTS = 216;

export const CATEGORY_ABBR: Record<Exclude<OutletCategory, 'internet'>, string> = {
  'city-office': 'CO',
  'branch-office': 'BO',
  'county-office': 'KO',
  'service-centre': 'SC',
  'police-window': 'PW',
  dealer: 'DL',
  'used-car-market': 'UM',
  'registration-station': 'RS',
  'inspection-station': 'IS',
  bank: 'BK',
  insurer: 'IN',
  post: 'PO',
  hospital: 'HO',
  'exam-site': 'EX',
};

/**
 * Business delegated under each kind of agreement: what the partner's outlet category is granted
 * by default, so a demo agreement never covers less (or more) than the delegation matrix.
 */
export const AGREEMENT_BUSINESS = {
  bank: DEFAULT_CATEGORY_GRANTS.bank,
  insurance: DEFAULT_CATEGORY_GRANTS.insurer,
  post: DEFAULT_CATEGORY_GRANTS.post,
  hospital: DEFAULT_CATEGORY_GRANTS.hospital,
  dealer: DEFAULT_CATEGORY_GRANTS.dealer,
  usedCarMarket: DEFAULT_CATEGORY_GRANTS['used-car-market'],
  registrationStation: DEFAULT_CATEGORY_GRANTS['registration-station'],
} as const satisfies Record<string, readonly string[]>;

type Slot = { open: string; close: string };
const slot = (open: string, close: string): Slot => ({ open, close });
const policeWeekdays = (): Slot[] => [slot('08:30', '12:00'), slot('14:00', '17:30')];

/** Fresh objects every call so that outlets never share mutable hours. */
export const HOURS = {
  policeOffice: (holidays: boolean, extendedUntil?: string): OpeningHours => ({
    weekdays: policeWeekdays(),
    saturday: [slot('09:00', '17:00')],
    sunday: [slot('09:00', '17:00')],
    holidays,
    ...(extendedUntil ? { extendedUntil } : {}),
  }),
  policeWindow: (): OpeningHours => ({
    weekdays: policeWeekdays(),
    saturday: [],
    sunday: [],
    holidays: false,
  }),
  everyDay: (open: string, close: string, holidays: boolean): OpeningHours => ({
    weekdays: [slot(open, close)],
    saturday: [slot(open, close)],
    sunday: [slot(open, close)],
    holidays,
  }),
  weekdays: (slots: [string, string][]): OpeningHours => ({
    weekdays: slots.map(([o, c]) => slot(o, c)),
    saturday: [],
    sunday: [],
    holidays: false,
  }),
  weekdaysAndSaturday: (
    weekday: [string, string][],
    saturday: [string, string][],
  ): OpeningHours => ({
    weekdays: weekday.map(([o, c]) => slot(o, c)),
    saturday: saturday.map(([o, c]) => slot(o, c)),
    sunday: [],
    holidays: false,
  }),
};

/**
 * Shares `total` points among the counties in proportion to population (largest remainder;
 * ties go to the earlier county in code order).
 */
export function apportionPostPoints(total: number = POLICE_POST_POINTS): Map<string, number> {
  const population = ZUNYI_COUNTIES.map((c) => COUNTY_POPULATION_10K[c.code] ?? 0);
  const sum = population.reduce((a, b) => a + b, 0);
  const quotas = population.map((p) => (p * total) / sum);
  const counts = quotas.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = quotas
    .map((q, i) => ({ i, r: q - Math.floor(q) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return new Map(ZUNYI_COUNTIES.map((c, i) => [c.code, counts[i] ?? 0]));
}

export const pad3 = (n: number): string => String(n).padStart(3, '0');
export const isDivision = (township: string): boolean => /(镇|乡|街道)$/.test(township);
export const baseName = (township: string): string => township.replace(/(街道|镇|乡)$/, '');

export function pick<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error('empty name list');
  return item;
}

function countyAddress(county: ZunyiCounty, i: number): string {
  return `遵义市${county.name}${pick(STREETS[county.code] ?? [], i)}${1 + ((i * 37) % 298)}号`;
}

export function townshipAddress(
  county: ZunyiCounty,
  township: string | undefined,
  i: number,
): string {
  if (!township || !isDivision(township)) return countyAddress(county, i);
  return `遵义市${county.name}${township}${pick(TOWNSHIP_STREETS, i)}${1 + ((i * 29) % 188)}号`;
}

/** Deterministic, distinct for each outlet index: '0851-2xxxxxxx'. */
export const phoneFor = (i: number): string =>
  `0851-2${String((i * 7_919_257 + 8_123_457) % 10_000_000).padStart(7, '0')}`;

function ymd(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** Terms of the i-th agreement: signed 2018-10..2019-06, now in its third three-year term. */
export function agreementTerms(
  i: number,
): Pick<DemoAgreement, 'signedOn' | 'validFrom' | 'validUntil'> {
  const m = (i * 4) % 9; // 0..8 → 2018-10 .. 2019-06
  const year = m < 3 ? 2018 : 2019;
  const month = m < 3 ? 10 + m : m - 2;
  const day = 1 + ((i * 11) % 28);
  const termEnd = ymd(year + 9, month, day - 1);
  return {
    signedOn: ymd(year, month, day),
    validFrom: ymd(year + 6, month, day),
    validUntil: termEnd < '2027-12-31' ? '2027-12-31' : termEnd,
  };
}
