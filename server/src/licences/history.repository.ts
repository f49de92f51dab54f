import type { DbOrTx, Tx } from '../db/database.ts';

export interface LicenceEventInput {
  cityCode: string;
  idNumber: string;
  at: Date;
  event: string;
  statusFrom: string | null;
  statusTo: string;
  applicationId: string | null;
  actor: string;
  details: Record<string, unknown>;
}

/** Writes registry changes of licences (one statement for a whole import chunk). */
export async function insertLicenceEvents(tx: Tx, events: readonly LicenceEventInput[]) {
  if (!events.length) return;
  await tx
    .insertInto('licence_events')
    .values(
      events.map((e) => ({
        city_code: e.cityCode,
        id_number: e.idNumber,
        at: e.at,
        event: e.event,
        status_from: e.statusFrom,
        status_to: e.statusTo,
        application_id: e.applicationId,
        actor: e.actor,
        details: JSON.stringify(e.details),
      })),
    )
    .execute();
}

/** A licence's registry changes, oldest first (a file is bounded: a driver's life). */
export async function licenceEvents(db: DbOrTx, cityCode: string, idNumber: string) {
  return await db
    .selectFrom('licence_events')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** When a licence came in by the legacy registry's import (its `imported` event), or null. */
export async function importedAtOf(db: DbOrTx, cityCode: string, idNumber: string) {
  const row = await db
    .selectFrom('licence_events')
    .select('at')
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .where('event', '=', 'imported')
    .orderBy('at')
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? null;
}
