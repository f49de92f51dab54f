import type { VehicleResponse, VehicleStatus } from '#shared/schemas/vehicles.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import { policyForDecision } from '../catalog/catalog.service.ts';
import type { PolicyValues } from '../catalog/policy-keys.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { seesFullIdentity, type Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import { pastScrapAge, SCRAP_AGE_KEYS, scrapAgeKeyOf, type ScrapAgeKey } from './vehicle-age.ts';
import { issuingCityOf } from './vehicle-file.ts';
import { firstEventsWithPlates } from './history.repository.ts';
import { nextVehicleStatus } from './vehicle-lifecycle.ts';
import { requireVehicleReader, requireVehicleReading, seesMortgagee } from './vehicles.policy.ts';
import {
  findVehicleRow,
  findVehiclesByOwner,
  findVehiclesByPlates,
  insertVehicles,
  ownerRowsOfPlates,
  type VehicleRecord,
  type VehicleRow,
} from './vehicles.repository.ts';

/**
 * The status the registry answers on a day: the recorded one, or scrap-due for a vehicle in use
 * (normal, mortgaged) past the scrapping age of its kind, which stops it (R164 §40) whether or not
 * the office has recorded it yet. A vehicle stopped otherwise (seized, stolen, deregistered)
 * keeps its status.
 */
function statusOn(v: VehicleRow, policy: PolicyValues<ScrapAgeKey>, today: string): VehicleStatus {
  return (
    (pastScrapAge(v, policy, today) && nextVehicleStatus(v.status, 'reach-scrap-age')) || v.status
  );
}

/**
 * CONTRACT.md's vehicle shape; the owner's identity number masked, and the mortgagee and contract
 * of a mortgage withheld, for readers who need no more.
 */
export function presentVehicle(v: VehicleRow, viewer: Actor): VehicleResponse {
  return {
    vin: v.vin,
    plate: v.plate,
    vehicleType: v.vehicleType,
    useNature: v.useNature,
    status: v.status,
    brand: v.brand,
    model: v.model,
    seats: v.seats,
    owner: {
      idNumber: seesFullIdentity(viewer) ? v.owner.idNumber : maskIdNumber(v.owner.idNumber),
      name: v.owner.name,
    },
    mortgage:
      v.mortgage && !seesMortgagee(viewer, v.mortgage.mortgageeOrgCode)
        ? { mortgageeOrgCode: null, contractNo: null, registeredOn: v.mortgage.registeredOn }
        : v.mortgage,
    inspectionValidUntil: v.inspectionValidUntil,
    registeredOn: v.registeredOn,
    manufacturedOn: v.manufacturedOn,
    ...(v.movedOut ? { movedOut: v.movedOut } : {}),
  };
}

/**
 * A vehicle by plate (in the jurisdiction that issues the plate's prefix) or by VIN (wherever the
 * national directory says it is registered), for a reader allowed to see it.
 */
export async function vehicleBy(
  ctx: AppContext,
  actor: Actor,
  key: { plate: string } | { vin: string },
) {
  requireVehicleReading(actor);
  let vehicle: VehicleRow | null = null;
  if ('plate' in key) {
    const cityCode = await issuingCityOf(ctx.db, key.plate);
    if (cityCode) vehicle = await findVehicleRow(ctx.db, { cityCode, plate: key.plate });
  } else {
    vehicle = await findVehicleRow(ctx.db, key);
  }
  if (!vehicle) throw notFound('机动车');
  requireVehicleReader(actor, vehicle);
  // A private car has no scrapping age (most of the registry): its read asks no policy.
  if (!scrapAgeKeyOf(vehicle)) return presentVehicle(vehicle, actor);
  // The scrapping ages in force in the vehicle's city, from the policy the decisions use,
  // remembered a few seconds per process: a read rarely waits for a read of its own.
  const today = beijingDate(ctx.clock.now());
  const { values } = await policyForDecision(
    ctx.db,
    ctx.db,
    SCRAP_AGE_KEYS,
    today,
    vehicle.cityCode,
  );
  return presentVehicle({ ...vehicle, status: statusOn(vehicle, values, today) }, actor);
}

/** Registry rows migrated or seeded as they are (the import, the demo), in the caller's tx. */
export async function registerImportedVehicles(
  tx: Tx,
  items: Parameters<typeof insertVehicles>[1],
): Promise<Set<string>> {
  return await insertVehicles(tx, items);
}

/**
 * What other areas need to know about a vehicle (the driver business: who owns a plate, whether a
 * driver's own vehicles are overdue for inspection or scrapping, R163 §26(4)), without its file.
 */
export interface VehicleFacts {
  /** The jurisdiction whose registry holds the vehicle. */
  cityCode: string;
  plate: string | null;
  status: VehicleRecord['status'];
  ownerIdNumber: string;
  ownerName: string;
  inspectionValidUntil: string | null;
  /** What its scrapping age follows (vehicle-age.ts, pastScrapAge). */
  vehicleType: string;
  useNature: string;
  registeredOn: string | null;
}
const factsOf = (v: VehicleRow): VehicleFacts => ({
  cityCode: v.cityCode,
  plate: v.plate,
  status: v.status,
  ownerIdNumber: v.owner.idNumber,
  ownerName: v.owner.name,
  inspectionValidUntil: v.inspectionValidUntil,
  vehicleType: v.vehicleType,
  useNature: v.useNature,
  registeredOn: v.registeredOn,
});

/**
 * The vehicle behind a plate, in the jurisdiction that issues its prefix; null when unknown.
 * `home`, the caller's jurisdiction, answers for its own prefixes without a look-up
 * (`issuingCityOf`).
 */
export async function vehicleFactsByPlate(
  db: DbOrTx,
  plate: string,
  home?: Parameters<typeof issuingCityOf>[2],
): Promise<VehicleFacts | null> {
  const cityCode = await issuingCityOf(db, plate, home);
  const v = cityCode ? await findVehicleRow(db, { cityCode, plate }) : null;
  return v ? factsOf(v) : null;
}

/** The vehicles a person owns in a city. */
export async function vehiclesOwnedBy(
  db: DbOrTx,
  cityCode: string,
  ownerIdNumber: string,
): Promise<VehicleFacts[]> {
  return (await findVehiclesByOwner(db, cityCode, ownerIdNumber)).map(factsOf);
}

/**
 * The vehicles carrying some plates of a city (those no vehicle carries are left out), each with
 * when it began to carry its plate, as far as its recorded changes tell (null before records): a
 * number given up at a transfer or deregistration is drawn again for another vehicle (R164 §43),
 * so what was said of a plate before then was said of another vehicle.
 */
export async function vehiclesWithPlates(
  db: DbOrTx,
  cityCode: string,
  plates: readonly string[],
): Promise<(VehicleFacts & { plateSince: Date | null })[]> {
  const [rows, firsts] = await Promise.all([
    findVehiclesByPlates(db, cityCode, plates),
    firstEventsWithPlates(db, cityCode, plates),
  ]);
  const since = new Map(firsts.map((f) => [`${f.vin}|${f.plate}`, new Date(f.first_at)]));
  return rows.map((v) => ({ ...factsOf(v), plateSince: since.get(`${v.vin}|${v.plate}`) ?? null }));
}

/** Who owns some plates of a city: the anti-fraud graph's vehicle and owner nodes. */
export async function ownersOfPlates(db: DbOrTx, cityCode: string, plates: readonly string[]) {
  const rows = await ownerRowsOfPlates(db, cityCode, plates);
  return rows.map((r) => ({
    plate: r.plate!,
    ownerIdNumber: r.owner_id_number,
    ownerName: r.owner_name,
    ownerPhone: r.owner_phone,
  }));
}
