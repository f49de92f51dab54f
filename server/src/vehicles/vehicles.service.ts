import { maskIdNumber } from '#shared/validators/index.ts';
import { seesFullIdentity, type Actor } from '../auth/actor.ts';
import type { DbOrTx } from '../db/database.ts';
import { notFound } from '../platform/errors.ts';
import { requireVehicleReader } from './vehicles.policy.ts';
import { findVehicleByPlate, findVehicleByVin, type VehicleRecord } from './vehicles.repository.ts';

/** CONTRACT.md's vehicle shape; the owner's identity number masked for readers who need no more. */
export function presentVehicle(v: VehicleRecord, viewer: Actor) {
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
    mortgage: v.mortgage,
    inspectionValidUntil: v.inspectionValidUntil,
    registeredOn: v.registeredOn,
    manufacturedOn: v.manufacturedOn,
  };
}

export async function vehicleBy(
  db: DbOrTx,
  actor: Actor,
  key: { plate: string } | { vin: string },
) {
  const vehicle =
    'plate' in key ? await findVehicleByPlate(db, key.plate) : await findVehicleByVin(db, key.vin);
  if (!vehicle) throw notFound('机动车');
  requireVehicleReader(actor, vehicle);
  return presentVehicle(vehicle, actor);
}
