/**
 * `cheguan generate fraud`: a synthetic city with planted rings and hard negatives, as NDJSON
 * files for the imports of CONTRACT.md and a ground-truth file. The same seed and size give the
 * same files, byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { capsRule } from './caps.ts';
import { plantBackground } from './background.ts';
import {
  leanOnBusyClerk,
  plantBusyClerk,
  plantDrivingSchool,
  plantFamily,
  plantFleet,
  plantNightShift,
  plantOutletAgency,
} from './negatives.ts';
import { createRandom } from './random.ts';
import { plantIllegalAgent, plantInsider, plantPointTrading } from './rings.ts';
import {
  IMPORT_ORDER,
  type FraudDataset,
  type GroundTruth,
  type NegativeGroup,
  type PlantedRing,
} from './truth.ts';
import { City, customerPool } from './world.ts';

export interface FraudSize {
  people: number;
  pointTrading: number;
  /** Share of the point-trading rings with sellers over the caps. */
  overCaps: number;
  illegalAgents: number;
  insiders: number;
  families: number;
  fleets: number;
  dealers: number;
  stations: number;
  schools: number;
  busyClerks: number;
  nightShifts: number;
}

export const FRAUD_SIZES = {
  small: {
    people: 1200,
    pointTrading: 6,
    overCaps: 0.34,
    illegalAgents: 3,
    insiders: 2,
    families: 25,
    fleets: 3,
    dealers: 2,
    stations: 2,
    schools: 1,
    busyClerks: 2,
    nightShifts: 1,
  },
  county: {
    people: 30_000,
    pointTrading: 40,
    overCaps: 0.25,
    illegalAgents: 20,
    insiders: 8,
    families: 600,
    fleets: 40,
    dealers: 8,
    stations: 6,
    schools: 5,
    busyClerks: 8,
    nightShifts: 2,
  },
} as const satisfies Record<string, FraudSize>;
export type FraudSizeName = keyof typeof FRAUD_SIZES;

/** The default period: a quarter that ends before the test clock's day (2026-11-26), so no record lies in the future. */
const FRAUD_PERIOD = { from: '2026-08-01', to: '2026-10-31' } as const;

export function generateFraudCity(
  sizeName: FraudSizeName,
  seed: number,
  period: { from: string; to: string } = FRAUD_PERIOD,
): { data: FraudDataset; truth: GroundTruth } {
  const size: FraudSize = FRAUD_SIZES[sizeName];
  const random = createRandom(seed);
  const city = new City(random, period, String(seed % 1000).padStart(3, '0'));
  // Busy clerks sit at the county offices where the driving schools bring their learners. They
  // take their share of the office's work from the start, the honest city's included (a clerk
  // leaning only on later business would be busy with the school's applications alone).
  const offices = random
    .fork('busy-clerks')
    .sample(city.outletsOf(['county-office', 'branch-office']), size.busyClerks);
  for (const office of offices) leanOnBusyClerk(city, office);
  const people = plantBackground(city, size.people);
  const customers = customerPool(random.fork('customers'), people);
  const negatives: NegativeGroup[] = [];
  const rings: PlantedRing[] = [];
  for (let i = 0; i < size.families; i++) negatives.push(plantFamily(city));
  for (let i = 0; i < size.fleets; i++) negatives.push(plantFleet(city, sizeName === 'small'));
  for (const outlet of random.sample(city.outletsOf(['dealer']), size.dealers)) {
    negatives.push(plantOutletAgency(city, 'dealer', outlet, customers));
  }
  for (const outlet of random.sample(
    city.outletsOf(['registration-station', 'used-car-market']),
    size.stations,
  )) {
    negatives.push(plantOutletAgency(city, 'registration-station', outlet, customers));
  }
  for (const office of offices) negatives.push(plantBusyClerk(city, office, people));
  for (let i = 0; i < size.schools; i++)
    negatives.push(plantDrivingSchool(city, offices[i % offices.length]!));
  for (const outlet of random.sample(city.outletsOf(['police-window']), size.nightShifts)) {
    negatives.push(plantNightShift(city, outlet, people));
  }
  const over = Math.round(size.pointTrading * size.overCaps);
  for (let i = 0; i < size.pointTrading; i++) {
    // The first ring under the caps is a ring of three, the hardest to see.
    rings.push(plantPointTrading(city, i < over, i === over ? 3 : undefined));
  }
  for (let i = 0; i < size.illegalAgents; i++) rings.push(plantIllegalAgent(city, customers));
  for (let i = 0; i < size.insiders; i++) rings.push(...plantInsider(city, customers));
  const data = city.finish();
  // Whether a ring is under the caps is read off the data, not the plan.
  const overCaps = new Set(capsRule(data['violation-handlings']).flatMap((f) => f.people));
  for (const ring of rings) ring.underCaps = !ring.people.some((p) => overCaps.has(p));
  return { data, truth: { seed, size: sizeName, period, rings, negatives } };
}

/** Writes `<kind>.ndjson` for each import and `truth.json`; returns the files written. */
export function writeFraudCity(dir: string, data: FraudDataset, truth: GroundTruth): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files = IMPORT_ORDER.map((kind) => {
    const file = path.join(dir, `${kind}.ndjson`);
    fs.writeFileSync(file, data[kind].map((line) => JSON.stringify(line)).join('\n') + '\n');
    return file;
  });
  const truthFile = path.join(dir, 'truth.json');
  fs.writeFileSync(truthFile, `${JSON.stringify(truth, null, 2)}\n`);
  return [...files, truthFile];
}
