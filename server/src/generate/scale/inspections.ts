import { submissionClock } from './sizes.ts';
import type { Context } from './applications.ts';
import type { Field } from './binary-rows.ts';
import { Random } from './random.ts';

const S_STATION = 101;
const S_RESULT = 102;
const S_PHOTO = 103;
const STREAM = 7;

/** What a station's report lists: each item and its outcome (the import's shape). */
const ITEMS = (pass: boolean) =>
  JSON.stringify([
    { code: 'brakes', result: 'pass' },
    { code: 'lights', result: pass ? 'pass' : 'fail' },
    { code: 'emissions', result: 'pass' },
  ]);

export const INSPECTION_COLUMNS = [
  'city_code',
  'id',
  'report_no',
  'county_code',
  'outlet_code',
  'vin',
  'plate',
  'result',
  'items',
  'started_at',
  'finished_at',
  'inspector',
  'photo_hashes',
  'recorded_by',
  'recorded_at',
] as const;

/**
 * The year's inspections at the city's stations, on vehicles in use, 8 % failed. One photo in
 * 500 is one the station already used for another vehicle: what the reused-photo rule looks for.
 */
export function* inspectionRows(ctx: Context): Generator<Field[]> {
  const { w, links } = ctx;
  const random = new Random(w.plan.seed);
  const clock = submissionClock(w.plan.seed, w.plan.year);
  const n = w.plan.inspections;
  const hex = (i: number) =>
    `${random.u32(S_PHOTO, i).toString(16).padStart(8, '0')}${random
      .u32(S_PHOTO + 1, i)
      .toString(16)
      .padStart(8, '0')}`.repeat(4);
  for (let i = 0; i < n; i++) {
    const station = w.plan.stations[random.int(S_STATION, i, w.plan.stations.length)]!;
    const k = links.everyday(STREAM, i);
    const start = clock(STREAM, i, n);
    const pass = random.unit(S_RESULT, i) >= 0.08;
    const photo = random.unit(S_PHOTO + 2, i) < 0.002 && i > 0 ? hex(i - 1) : hex(i);
    const id = `${start.toString(16).padStart(12, '0').slice(-12)}`;
    yield [
      w.plan.cityCode,
      `${id.slice(0, 8)}-${id.slice(8)}-7000-8000-${String(i).padStart(12, '0')}`,
      `JC${w.plan.cityCode}${w.plan.year}${String(i).padStart(8, '0')}`,
      station.countyCode,
      station.code,
      w.fleet.vin(k),
      w.fleet.plate(k),
      pass ? 'pass' : 'fail',
      ITEMS(pass),
      start,
      start + 25 * 60_000,
      `检验员${(i % 40) + 1}`,
      [photo],
      station.staffId,
      start + 26 * 60_000,
    ];
  }
}
