import type { IssuedDocument } from '#shared/schemas/applications.ts';
import type { Decision } from '../applications/handler.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { validDocumentsOfSubjectInHand } from '../documents/documents.service.ts';
import { jurisdictionOfPlate } from '../network/network.service.ts';
import type { VehicleFileFacts } from './vehicle-file.rules.ts';
import { findVehicleByPlateHolding, type VehicleRecord } from './vehicles.repository.ts';

/**
 * The file facts the rules read, with the whole registry record the effects need; and, when the
 * step replaces documents (`replacing`), the vehicle's valid documents of those kinds, read with
 * the file (undefined when they could not be: the replacement then finds them itself,
 * EffectTools.reissue and issueSet).
 */
export type LoadedVehicleFile = VehicleFileFacts & {
  record: VehicleRecord | null;
  replacing?: { kind: string; number: string }[];
};

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
  replacing?: readonly IssuedDocument['kind'][],
): Promise<LoadedVehicleFile> {
  const ownCity = d.jurisdiction.cityCode;
  const plateCity = await issuingCityOf(tx, d.data.plate, d.jurisdiction);
  // The documents the step replaces are this office's (where it issues and voids them), about
  // the VIN the file read finds: sent behind that read, in the same round trip.
  const [record, documents] = plateCity
    ? await Promise.all([
        findVehicleByPlateHolding(tx, plateCity, d.data.plate),
        replacing
          ? validDocumentsOfSubjectInHand(tx, { cityCode: ownCity, kinds: replacing })
          : null,
      ])
    : [null, null];
  return {
    ...(record && documents?.subject === record.vin ? { replacing: documents.documents } : {}),
    plate: d.data.plate,
    ownCity,
    plateCity,
    applicantIdNumber: d.applicant.idNumber,
    applicantName: d.applicant.name,
    record,
    vehicle: record
      ? {
          status: record.status,
          flags: record.flags,
          movedOut: record.movedOut,
          plate: record.plate,
          cityCode: record.cityCode,
          ownerIdNumber: record.owner.idNumber,
          ownerName: record.owner.name,
        }
      : null,
  };
}

/** The vehicle on file, which the rules of a completed step have guaranteed. */
export function onFile(facts: { record: VehicleRecord | null }): VehicleRecord {
  if (!facts.record) throw new Error('effects ran for a vehicle that is not on file');
  return facts.record;
}
