import type { IssuedDocument } from '#shared/schemas/applications.ts';
import { applicationsAboutVehicle } from '../applications/applications.service.ts';
import type { Decision } from '../applications/handler.ts';
import type { PolicyValues } from '../catalog/policy-keys.ts';
import type { Tx } from '../db/database.ts';
import { addMonths } from './inspection-intervals.ts';
import {
  mortgageeTakingPart,
  type MortgageeFacts,
  type ScrapFacts,
  type ViolationFacts,
} from './vehicle-business.rules.ts';
import { issuingCityOf, loadVehicleFile, type LoadedVehicleFile } from './vehicle-file.ts';
import { scrapDayOf, type ScrapAgeKey } from './vehicle-age.ts';
import type { VehicleRecord } from './vehicles.repository.ts';
import type { VehiclePorts } from './violations-port.ts';

export type BusinessFile = LoadedVehicleFile & ViolationFacts & ScrapFacts & MortgageeFacts;

/** How near the vehicle on file is to its scrapping age under the policy in force (no read). */
export function scrapFactsOf(
  v: VehicleRecord | null,
  d: { today: string; policy: PolicyValues<ScrapAgeKey> },
): ScrapFacts {
  const due = v ? scrapDayOf(v, d.policy) : null;
  return { today: d.today, scrapDueOn: due, scrapYearFrom: due ? addMonths(due, -12) : null };
}

/**
 * The file and its scrapping age, for business that needs neither violations nor the mortgage
 * (reissues): the same single read as `loadVehicleFile`.
 */
export async function loadFileWithScrapAge(
  tx: Tx,
  d: Decision<{ plate: string }, ScrapAgeKey>,
  replacing?: readonly IssuedDocument['kind'][],
): Promise<LoadedVehicleFile & ScrapFacts> {
  const file = await loadVehicleFile(tx, d, replacing);
  return { ...file, ...scrapFactsOf(file.record, d) };
}

/**
 * The facts most business on a registered vehicle needs beside its file: unhandled violations
 * (through the port), how near it is to its scrapping age, its mortgage and whether the
 * mortgagee takes part (a bank outlet acts for itself; elsewhere its representative attends).
 */
export async function loadBusinessFile(
  tx: Tx,
  d: Decision<
    { plate: string; mortgageeOrgCode?: string; mortgageeRepresentative?: { idNumber: string } },
    ScrapAgeKey
  >,
  ports: VehiclePorts,
  replacing?: readonly IssuedDocument['kind'][],
): Promise<BusinessFile> {
  // The violations are counted on the plate asked for, beside the file's read (one round trip):
  // a vehicle found by that plate in its issuing city has that plate and city.
  const [file, unhandled] = await Promise.all([
    loadVehicleFile(tx, d, replacing),
    issuingCityOf(tx, d.data.plate, d.jurisdiction).then((cityCode) =>
      cityCode ? ports.unhandledViolations(tx, { cityCode, plate: d.data.plate }) : 0,
    ),
  ]);
  const v = file.record;
  return {
    ...file,
    unhandledViolations: v ? unhandled : 0,
    ...scrapFactsOf(v, d),
    mortgage: v?.mortgage ?? null,
    mortgageeTakingPart: mortgageeTakingPart(d),
  };
}

/**
 * The business types of a vehicle's applications still in progress (accepted) in its city, by its
 * VIN or plate: what a move-out, a transfer or a deregistration waits for (a plate being made for
 * the number they take back, with a temporary plate out meanwhile).
 */
export async function businessInProgress(tx: Tx, cityCode: string, v: VehicleRecord) {
  const about = await applicationsAboutVehicle(tx, {
    cityCode,
    vin: v.vin,
    plates: v.plate ? [v.plate] : [],
  });
  return [...new Set(about.filter((a) => a.status === 'accepted').map((a) => a.businessType))];
}
