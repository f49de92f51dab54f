import { addDays } from '../../platform/time.ts';
import type { Field } from './binary-rows.ts';
import { beijingAt, beijingDay } from './format.ts';
import { orderedBy } from './order.ts';
import { Random } from './random.ts';
import { mortgageOf, type World } from './world.ts';

/*
 * The registries as they stand at the end of the generated year: vehicles (with their national
 * directory entries and mortgages) and driving licences (with theirs). What the year's
 * applications did is already in them: a transferred car has its buyer and new number, the
 * year's registrations are there, a mortgage registered this year stands.
 */

export const VEHICLE_COLUMNS = [
  'id',
  'city_code',
  'county_code',
  'vin',
  'plate',
  'vehicle_type',
  'use_nature',
  'seats',
  'brand',
  'model',
  'owner_id_number',
  'owner_name',
  'owner_phone',
  'status',
  'registered_on',
  'manufactured_on',
  'inspection_valid_until',
  'created_at',
  'updated_at',
] as const;

export function* vehicleRows(w: World): Generator<Field[]> {
  const city = w.plan.cityCode;
  for (let k = 0; k < w.plan.vehicles; k++) {
    const v = w.fleet.vehicle(k);
    const owner = w.people.idNumber(v.owner);
    const at = beijingAt(v.registeredOn, 9);
    yield [
      w.vehicleIdBase + k,
      city,
      owner.slice(0, 6),
      v.vin,
      v.plate,
      v.vehicleType,
      v.useNature,
      v.seats,
      v.brand,
      v.model,
      owner,
      w.people.name(v.owner),
      w.people.phone(v.owner),
      v.status,
      v.registeredOn,
      v.manufacturedOn,
      v.inspectionValidUntil,
      at,
      at,
    ];
  }
}

export function* vehicleDirectoryRows(w: World): Generator<Field[]> {
  for (let k = 0; k < w.plan.vehicles; k++) {
    yield [w.fleet.vin(k), w.plan.cityCode];
  }
}

/**
 * Mortgages: every mortgaged vehicle's standing one (those of vehicle.mortgage j, vehicle
 * 16j+3, registered this year), and the released ones of vehicle.mortgage-release j (16j+5).
 */
export function* mortgageRows(w: World): Generator<Field[]> {
  const { plan } = w;
  const day = (type: 'vehicle.mortgage' | 'vehicle.mortgage-release', j: number) =>
    beijingDay(plan.submittedAt(type, j));
  const mortgaged = plan.counts['vehicle.mortgage'];
  for (let k = 3; k < plan.vehicles; k += 16) {
    if (w.fleet.status(k) !== 'mortgaged') continue;
    const j = (k - 3) / 16;
    const registeredOn =
      j < mortgaged ? day('vehicle.mortgage', j) : addDays(w.fleet.vehicle(k).registeredOn, 1);
    const m = mortgageOf(w, k);
    yield [plan.cityCode, w.vehicleIdBase + k, m.mortgagee, m.contractNo, registeredOn, null];
  }
  for (let j = 0; j < plan.counts['vehicle.mortgage-release']; j++) {
    const k = 16 * j + 5;
    const m = mortgageOf(w, k);
    const registeredOn = addDays(w.fleet.vehicle(k).registeredOn, 1);
    yield [
      plan.cityCode,
      w.vehicleIdBase + k,
      m.mortgagee,
      m.contractNo,
      registeredOn,
      day('vehicle.mortgage-release', j),
    ];
  }
}

export const MORTGAGE_COLUMNS = [
  'city_code',
  'vehicle_id',
  'mortgagee_org_code',
  'contract_no',
  'registered_on',
  'released_on',
] as const;

const S_CLASS = 41;
const S_FIRST = 42;
const S_STATUS = 43;

/** The licence classes people hold, by share: mostly C1, some C2, trucks and buses, motorcycles. */
const CLASSES: [share: number, classes: string[]][] = [
  [0.8, ['C1']],
  [0.07, ['C2']],
  [0.05, ['C1', 'D']],
  [0.03, ['B2']],
  [0.02, ['A2']],
  [0.015, ['A1']],
  [0.015, ['E']],
];

export interface LicenceFacts {
  classes: string[];
  firstIssuedOn: string;
  status: 'valid' | 'full-score' | 'suspended' | 'revoked' | 'cancelled';
}

/**
 * Licence p: class, first issue and status. The year's new drivers (licence.apply that ended in
 * a licence) are the last persons before `licences`, first issued on their licensing day.
 */
export function licenceFacts(
  w: World,
  p: number,
  licensedOn: (p: number) => string | null,
): LicenceFacts {
  const r = new Random(w.plan.seed);
  let x = r.unit(S_CLASS, p);
  let classes = CLASSES[CLASSES.length - 1]![1];
  for (const [share, c] of CLASSES) {
    if (x < share) {
      classes = c;
      break;
    }
    x -= share;
  }
  const fresh = licensedOn(p);
  const year = w.plan.year - 1 - Math.floor(r.unit(S_FIRST, p) ** 1.3 * 28);
  const firstIssuedOn =
    fresh ??
    `${year}-${String(1 + (p % 12)).padStart(2, '0')}-${String(1 + (p % 28)).padStart(2, '0')}`;
  const s = r.unit(S_STATUS, p);
  const status = fresh
    ? 'valid'
    : s < 0.004
      ? 'full-score'
      : s < 0.006
        ? 'suspended'
        : s < 0.008
          ? 'revoked'
          : s < 0.02
            ? 'cancelled'
            : 'valid';
  return { classes, firstIssuedOn, status };
}

export const LICENCE_COLUMNS = [
  'city_code',
  'id_number',
  'county_code',
  'name',
  'licence_no',
  'classes',
  'class_since',
  'status',
  'status_since',
  'first_issued_on',
  'validity_term',
  'valid_until',
  'probation_until',
  'created_at',
  'updated_at',
] as const;

/** The validity of a licence first issued on a day: 6 years, then 10, then long-term (R162 §§14, 56). */
function validity(firstIssuedOn: string, year: number) {
  const first = Number(firstIssuedOn.slice(0, 4));
  const rest = firstIssuedOn.slice(4);
  if (first + 6 > year) return { term: '6y', until: `${first + 6}${rest}` };
  if (first + 16 > year) return { term: '10y', until: `${first + 16}${rest}` };
  return { term: 'long-term', until: null };
}

/**
 * The licence holders (persons 0 … licences−1) in the order of their identity numbers: the
 * order of the licences' three keys (city and number, county and number, city and licence
 * number, which is the identity number) and of the licence directory's, so their builds find
 * their input sorted (order.ts); the demo's rows are put in their places (renew.ts).
 */
export const holdersInIdOrder = (w: World) => orderedBy(w.plan.licences, (p) => w.people.idRank(p));

export function* licenceRows(
  w: World,
  licensedOn: (p: number) => string | null,
): Generator<Field[]> {
  const city = w.plan.cityCode;
  for (const p of holdersInIdOrder(w)) {
    const id = w.people.idNumber(p);
    const f = licenceFacts(w, p, licensedOn);
    const v = validity(f.firstIssuedOn, w.plan.year);
    const probation =
      Number(f.firstIssuedOn.slice(0, 4)) >= w.plan.year ? addDays(f.firstIssuedOn, 365) : null;
    const since = `{${f.classes.map((c) => `"${c}": "${f.firstIssuedOn}"`).join(', ')}}`;
    const at = beijingAt(f.firstIssuedOn, 10);
    yield [
      city,
      id,
      id.slice(0, 6),
      w.people.name(p),
      id,
      f.classes,
      since,
      f.status,
      f.status === 'valid' ? f.firstIssuedOn : `${w.plan.year}-06-30`,
      f.firstIssuedOn,
      v.term,
      v.until,
      probation,
      at,
      at,
    ];
  }
}

export function* licenceDirectoryRows(w: World): Generator<Field[]> {
  for (const p of holdersInIdOrder(w)) {
    yield [w.people.idNumber(p), w.plan.cityCode];
  }
}
