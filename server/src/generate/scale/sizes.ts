import type { BusinessTypeCode } from '#shared/catalog.ts';
import { Random } from './random.ts';

export const SCALES = ['tiny', 'county', 'city', 'province'] as const;
export type Scale = (typeof SCALES)[number];

/**
 * A Zunyi-sized city-year (issue 9): the registry as it stands at the end of the year, and the
 * year's business. The type mix follows what a city office does most: violation handling and
 * fines (much of it online), inspection marks, exam bookings, renewals, then the rest.
 */
const CITY = {
  vehicles: 1_500_000,
  licences: 2_500_000,
  violations: 10_000_000,
  inspections: 500_000,
  counts: {
    'violation.handle': 1_670_000,
    'fine.pay': 700_000,
    'vehicle.inspection-mark': 600_000,
    'exam.book': 450_000,
    'licence.renew': 280_000,
    'vehicle.transfer': 200_000,
    'licence.apply': 150_000,
    'vehicle.register': 150_000,
    'vehicle.temp-plate': 120_000,
    'points.reduce': 100_000,
    'vehicle.licence-reissue': 100_000,
    'licence.reissue': 100_000,
    'vehicle.change': 80_000,
    'vehicle.mortgage': 60_000,
    'vehicle.mortgage-release': 60_000,
    'licence.review': 60_000,
    'vehicle.certificate-reissue': 50_000,
    'vehicle.deregister': 40_000,
    'vehicle.plate-reissue': 30_000,
    // A supervisor's measure in an anti-fraud case, not citizens' business: none in a city-year.
    'violation.substitute-hold': 0,
    'agent.review-flag': 0,
  } satisfies Record<BusinessTypeCode, number>,
};

/** Each size as a fraction of the city: a county is one of its 14, a province ten cities. */
const FACTOR: Record<Scale, number> = {
  tiny: 1 / 5000,
  county: 1 / 14,
  city: 1,
  province: 10,
};

export interface Outlet {
  code: string;
  name: string;
  category: string;
  countyCode: string;
  /** The generated clerk who handled this outlet's history (set when the staff are created). */
  staffId: string;
  staffName: string;
}

export interface Plan {
  scale: Scale;
  seed: number;
  year: number;
  cityCode: string;
  platePrefix: string;
  officeName: string;
  counties: string[];
  vehicles: number;
  licences: number;
  /** Vehicle owners are drawn from persons 0 … owners−1; those from `licences` on hold none. */
  owners: number;
  violations: number;
  inspections: number;
  counts: Record<BusinessTypeCode, number>;
  /** Outlets that may take each business type (its grants), with their weights. */
  outlets: Record<string, { outlets: Outlet[]; cumulative: number[] }>;
  stations: Outlet[];
  examSites: Outlet[];
  /** Violation codes in force, weighted by how often each is recorded. */
  codes: { code: string; points: number; fine: number }[];
  /** The Beijing date the year's new vehicle k was registered (its vehicle.register). */
  registeredOn(k: number): string;
  /** When the i-th application of a type was submitted (ms since the epoch). */
  submittedAt(type: BusinessTypeCode, i: number): number;
  /** The day a business of a type submitted on a day is due (its SLA in working days). */
  dueOn(type: BusinessTypeCode, day: string): string;
}

export function sizesOf(scale: Scale) {
  const f = FACTOR[scale];
  // Even the tiny size has a few of each business type, so every kind of row is exercised
  // (but none of a type a city-year has none of).
  const counts = Object.fromEntries(
    Object.entries(CITY.counts).map(([t, n]) => [t, n && Math.max(8, Math.round(n * f))]),
  ) as Record<BusinessTypeCode, number>;
  const vehicles = Math.max(400, Math.round(CITY.vehicles * f));
  return {
    vehicles,
    licences: Math.max(600, Math.round(CITY.licences * f)),
    violations: Math.max(2000, Math.round(CITY.violations * f)),
    inspections: Math.max(100, Math.round(CITY.inspections * f)),
    counts,
  };
}

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
const S_SECOND = 31;
const S_OFF_HOURS = 32;

/**
 * When the i-th of n applications of a type came in: spread evenly over the year's days, in
 * office hours (08:30–17:30 Beijing) but for 3 % at any hour, so supervision's off-hours rule
 * has something to find. The day grows with i, so a type's rows are written in date order.
 */
export function submissionClock(seed: number, year: number) {
  const random = new Random(seed);
  const start = Date.UTC(year, 0, 1) - BEIJING;
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY;
  return (stream: number, i: number, n: number): number => {
    const day = Math.floor((i * days) / n);
    const offHours = random.unit(S_OFF_HOURS + stream * 16, i) < 0.03;
    const second = offHours
      ? random.int(S_SECOND + stream * 16, i, 86_400)
      : 30_600 + random.int(S_SECOND + stream * 16, i, 32_400);
    return start + day * DAY + second * 1000;
  };
}
