import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
import type { Decision } from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { insertVehicleEvent } from './history.repository.ts';
import { nextVehicleStatus, type VehicleEvent } from './vehicle-lifecycle.ts';
import { updateVehicle, type VehiclePatch, type VehicleRecord } from './vehicles.repository.ts';

/** Who and what a registry change belongs to, for the vehicle's file. */
export interface ChangeContext {
  at: Date;
  actor: string;
  applicationId: string | null;
}

/** The change context of a business step: its time, its staff member and its application. */
export const changeOf = (d: Decision<unknown, never>, applicationId: string): ChangeContext => ({
  at: d.now,
  actor: d.actor?.displayName ?? '系统',
  applicationId,
});

/**
 * Writes a change to a vehicle's record and its file entry in one go. A status change goes
 * through the vehicle lifecycle (vehicle-lifecycle.ts): an event that cannot happen in the
 * vehicle's status is a programming error here, because the business rules refuse it first.
 */
export async function changeVehicle(
  tx: Tx,
  v: VehicleRecord,
  c: ChangeContext,
  change: {
    /** The file's name for the change (registered, transferred, mortgaged, …). */
    event: string;
    status?: { event: VehicleEvent; before?: VehicleStatus };
    patch?: Omit<VehiclePatch, 'status'>;
    details?: Record<string, unknown>;
  },
): Promise<VehicleStatus> {
  let status = v.status;
  if (change.status) {
    const next = nextVehicleStatus(v.status, change.status.event, change.status.before);
    if (!next) throw new Error(`vehicle ${v.vin}: ${change.status.event} from ${v.status}`);
    status = next;
  }
  const patch: VehiclePatch = { ...change.patch, ...(status !== v.status ? { status } : {}) };
  if (Object.keys(patch).length) await updateVehicle(tx, v.cityCode, v.id, patch);
  await insertVehicleEvent(tx, {
    cityCode: v.cityCode,
    vin: v.vin,
    at: c.at,
    event: change.event,
    statusFrom: v.status,
    statusTo: status,
    plate: patch.plate ?? v.plate,
    applicationId: c.applicationId,
    actor: c.actor,
    details: change.details,
  });
  return status;
}
