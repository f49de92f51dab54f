import { sql } from 'kysely';
import { writtenBehind } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';

export interface VehicleEventInput {
  cityCode: string;
  vin: string;
  at: Date;
  event: string;
  statusFrom: string | null;
  statusTo: string | null;
  plate: string | null;
  applicationId: string | null;
  actor: string;
  details?: Record<string, unknown>;
}

// Every change of a vehicle's registry writes one: built and compiled once, and written behind
// (it goes out with the use case's next statement; compiled-query.ts).
const insertEvent = writtenBehind(
  (db, e: Omit<VehicleEventInput, 'details'> & { details: string }) =>
    db.insertInto('vehicle_events').values({
      city_code: e.cityCode,
      vin: e.vin,
      at: e.at,
      event: e.event,
      status_from: e.statusFrom,
      status_to: e.statusTo,
      plate: e.plate,
      application_id: e.applicationId,
      actor: e.actor,
      details: e.details,
    }),
);

export async function insertVehicleEvent(tx: Tx, e: VehicleEventInput) {
  await insertEvent(tx, { ...e, details: JSON.stringify(e.details ?? {}) });
}

/**
 * When vehicles of a city first carried some plates: the earliest change naming each plate, by
 * VIN and plate (vehicle_events_plate serves it).
 */
export async function firstEventsWithPlates(
  db: DbOrTx,
  cityCode: string,
  plates: readonly string[],
) {
  if (!plates.length) return [];
  return await db
    .selectFrom('vehicle_events')
    .select(['vin', 'plate', (eb) => eb.fn.min('at').as('first_at')])
    .where('city_code', '=', cityCode)
    .where('plate', 'in', [...plates])
    .groupBy(['vin', 'plate'])
    .execute();
}

/** A vehicle's registry changes, oldest first (a file is bounded: a vehicle's life). */
export async function vehicleEvents(db: DbOrTx, cityCode: string, vin: string) {
  return await db
    .selectFrom('vehicle_events')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('vin', '=', vin)
    .orderBy('at')
    .orderBy('id')
    .limit(2000)
    .execute();
}

/** When the vehicle's record last had a change of this kind, or null when never. */
export async function lastEventAt(
  db: DbOrTx,
  cityCode: string,
  vin: string,
  event: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('vehicle_events')
    .select('at')
    .where('city_code', '=', cityCode)
    .where('vin', '=', vin)
    .where('event', '=', event)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.at) : null;
}

/**
 * Whether a vehicle's use was ever changed to non-operating here (a `changed-use-nature` event to
 * it): a car once operating (营转非), which the inspection exemption may leave out.
 */
export async function everChangedToNonOperating(db: DbOrTx, cityCode: string, vin: string) {
  const row = await db
    .selectFrom('vehicle_events')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('vin', '=', vin)
    .where('event', '=', 'changed-use-nature')
    .where(sql<boolean>`details ->> 'value' = 'non-operating'`)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
