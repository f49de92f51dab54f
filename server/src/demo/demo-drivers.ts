import type { LicenceClass } from '#shared/licences.ts';
import type { Tx } from '../db/database.ts';
import { registerImportedLicences, type LicenceRecord } from '../licences/licences.service.ts';
import { registerImportedViolations } from '../violations/violations.service.ts';
import { buildDemoVehicles } from './demo-vehicles.ts';

/** Camera codes the demo's records use: signal lights, prohibition signs, pedestrians, phone. */
const CODES = [
  { code: '1625', points: 6, fine: 200 },
  { code: '1116', points: 1, fine: 100 },
  { code: '1357', points: 3, fine: 200 },
  { code: '1223', points: 3, fine: 100 },
] as const;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The demo's year: its camera records are from this autumn. */
const DEMO_YEAR = 2026;

/**
 * The validity of a licence first issued in `year` and renewed on time without a full score
 * (R162 §§13, 62), as the city-year generator gives it: 6 years, then 10, then long-term. None
 * is past its validity in the demo's year: such a licence reads as expired and, a year on, as
 * cancelled (R162 §79), and its holder could not reduce points (R163 §25).
 */
function validityOf(
  year: number,
  first: string,
): Pick<LicenceRecord, 'validityTerm' | 'validUntil'> {
  const monthDay = first.slice(4);
  if (year + 6 > DEMO_YEAR) return { validityTerm: '6y', validUntil: `${year + 6}${monthDay}` };
  if (year + 16 > DEMO_YEAR) return { validityTerm: '10y', validUntil: `${year + 16}${monthDay}` };
  return { validityTerm: 'long-term', validUntil: null };
}

/** The demo drivers: the owners of every tenth demo vehicle (the story owner 敖先生 first). */
const demoOwners = () =>
  buildDemoVehicles().filter((v, i) => i % 10 === 0 && v.plate && v.status !== 'deregistered');

/** The demo drivers' licences: a C1 (or B2) licence in force each. */
export function buildDemoLicences(owners = demoOwners()): LicenceRecord[] {
  return owners.map((v, i) => {
    // Licensed at 20 (or in 2005 at the earliest), and never later than 2024.
    const born = Number(v.owner_id_number.slice(6, 10));
    const year = Math.min(2024, Math.max(born + 20, 2005));
    const first = `${year}-${pad((i % 12) + 1, 2)}-${pad((i % 27) + 1, 2)}`;
    const classes: LicenceClass[] = i % 9 === 4 ? ['B2'] : ['C1'];
    return {
      cityCode: v.city_code,
      countyCode: v.county_code,
      idNumber: v.owner_id_number,
      name: v.owner_name,
      licenceNo: v.owner_id_number,
      classes,
      classSince: Object.fromEntries(classes.map((c) => [c, first])),
      status: 'valid',
      statusSince: first,
      revocationCause: null,
      firstIssuedOn: first,
      ...validityOf(year, first),
      probationUntil: null,
    };
  });
}

/**
 * Demo drivers: their licences, and two unhandled camera records from this autumn on each of
 * their cars, so the window, the bank and the driver file have something to work on.
 */
export async function seedDemoDrivers(tx: Tx) {
  const owners = demoOwners();
  await registerImportedLicences(tx, buildDemoLicences(owners));
  await registerImportedViolations(
    tx,
    owners.flatMap((v, i) =>
      [0, 1].map((k) => {
        const c = CODES[(i + k) % CODES.length]!;
        return {
          city_code: v.city_code,
          id: `DEMO${pad(i * 2 + k, 6)}`,
          county_code: v.county_code,
          plate: v.plate!,
          code: c.code,
          occurred_at: new Date(
            `2026-${pad(9 + k, 2)}-${pad((i % 27) + 1, 2)}T08:${pad(i % 60, 2)}:00+08:00`,
          ),
          points: c.points,
          fine: c.fine,
          status: 'unhandled' as const,
          source: 'import' as const,
          recorded_at: new Date('2026-11-01T00:00:00+08:00'),
        };
      }),
    ),
  );
}
