import type { Decision } from '../applications/handler.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { jurisdictionOfPlate } from '../network/network.service.ts';
import type { VehicleFileFacts } from './vehicle-file.rules.ts';
import { findVehicleByPlate, type VehicleRecord } from './vehicles.repository.ts';

/** The file facts the rules read, with the whole registry record the effects need. */
export type LoadedVehicleFile = VehicleFileFacts & { record: VehicleRecord | null };

/**
 * The city whose registry holds a plate's vehicle: the one that issues its prefix. The caller's
 * own jurisdiction (`home`) answers for its prefixes without a look-up; the issuing jurisdiction
 * is cached per pool, and inside a transaction there is no pool to key it by.
 */
export async function issuingCityOf(
  db: DbOrTx,
  plate: string,
  home?: { cityCode: string; platePrefixes: readonly string[] },
): Promise<string | null> {
  if (home?.platePrefixes.includes(plate.slice(0, 2))) return home.cityCode;
  return (await jurisdictionOfPlate(db, db, plate))?.cityCode ?? null;
}

/**
 * The registry file behind a plate: looked up in the jurisdiction that issues the plate's prefix
 * (this office's own prefixes need no look-up), so a vehicle of another city is found as such and
 * refused for being another office's, not for being unknown.
 */
export async function loadVehicleFile(
  tx: Tx,
  d: Decision<{ plate: string }, never>,
): Promise<LoadedVehicleFile> {
  const ownCity = d.jurisdiction.cityCode;
  const plateCity = await issuingCityOf(tx, d.data.plate, d.jurisdiction);
  const record = plateCity ? await findVehicleByPlate(tx, plateCity, d.data.plate) : null;
  return {
    plate: d.data.plate,
    ownCity,
    plateCity,
    applicantIdNumber: d.applicant.idNumber,
    record,
    vehicle: record
      ? {
          status: record.status,
          plate: record.plate,
          cityCode: record.cityCode,
          ownerIdNumber: record.owner.idNumber,
        }
      : null,
  };
}

/** The vehicle on file, which the rules of a completed step have guaranteed. */
export function onFile(facts: { record: VehicleRecord | null }): VehicleRecord {
  if (!facts.record) throw new Error('effects ran for a vehicle that is not on file');
  return facts.record;
}
