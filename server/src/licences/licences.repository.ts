import type { Selectable } from 'kysely';
import type {
  LicenceClass,
  LicenceStatus,
  RevocationCause,
  ValidityTerm,
} from '#shared/licences.ts';
import { compiledQuery, mapRead, readTogether, type Read } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { LicencesTable } from '../db/types.ts';

/** A licence as the registry keeps it (status as stored: `expired` is derived when read). */
export interface LicenceRecord {
  cityCode: string;
  countyCode: string;
  idNumber: string;
  name: string;
  licenceNo: string;
  classes: LicenceClass[];
  /** When each class was obtained. */
  classSince: Partial<Record<LicenceClass, string>>;
  status: Exclude<LicenceStatus, 'expired'>;
  statusSince: string;
  /** Why a revoked licence was revoked (R162 §15's bars); null when not revoked or unknown. */
  revocationCause: RevocationCause | null;
  firstIssuedOn: string;
  validityTerm: ValidityTerm;
  validUntil: string | null;
  probationUntil: string | null;
}

const toRecord = (r: Selectable<LicencesTable>): LicenceRecord => ({
  cityCode: r.city_code,
  countyCode: r.county_code,
  idNumber: r.id_number,
  name: r.name,
  licenceNo: r.licence_no,
  classes: r.classes as LicenceClass[],
  classSince: r.class_since as LicenceRecord['classSince'],
  status: r.status,
  statusSince: r.status_since,
  revocationCause: r.revocation_cause,
  firstIssuedOn: r.first_issued_on,
  validityTerm: r.validity_term,
  validUntil: r.valid_until,
  probationUntil: r.probation_until,
});

/** The licence of a read's rows (at most one), or null. */
const firstRecord = ([row]: Selectable<LicencesTable>[]) => (row ? toRecord(row) : null);

const toRow = (l: LicenceRecord) => ({
  city_code: l.cityCode,
  county_code: l.countyCode,
  id_number: l.idNumber,
  name: l.name,
  licence_no: l.licenceNo,
  classes: l.classes,
  class_since: JSON.stringify(l.classSince),
  status: l.status,
  status_since: l.statusSince,
  revocation_cause: l.revocationCause,
  first_issued_on: l.firstIssuedOn,
  validity_term: l.validityTerm,
  valid_until: l.validUntil,
  probation_until: l.probationUntil,
});

// Every licence read and every driver business runs it: built and compiled once.
const licenceAnywhere = compiledQuery((db, v: { idNumber: string }) =>
  db
    .selectFrom('licence_directory as d')
    .innerJoin('licences as l', (j) =>
      j.onRef('l.city_code', '=', 'd.city_code').onRef('l.id_number', '=', 'd.id_number'),
    )
    .selectAll('l')
    .where('d.id_number', '=', v.idNumber),
);

/** A person's licence in whichever jurisdiction holds it (the directory names the city): one round trip. */
export async function findLicenceAnywhere(db: DbOrTx, idNumber: string) {
  return firstRecord(await licenceAnywhere(db, { idNumber }));
}

/** As `findLicenceAnywhere`, with another read that does not need it sent in the same round trip. */
export const findLicenceAnywhereWith = <O>(db: DbOrTx, idNumber: string, other: Read<O>) =>
  readTogether(db, [mapRead(licenceAnywhere.read({ idNumber }), firstRecord), other]);

// Every driver business locks the licence first: built and compiled once.
const lockedAnywhere = compiledQuery((db, v: { idNumber: string }) =>
  db
    .selectFrom('licence_directory as d')
    .innerJoin('licences as l', (j) =>
      j.onRef('l.city_code', '=', 'd.city_code').onRef('l.id_number', '=', 'd.id_number'),
    )
    .selectAll('l')
    .where('d.id_number', '=', v.idNumber)
    .forUpdate('l'),
);

/**
 * A person's licence, wherever the directory says it is kept, locked for a change in the
 * caller's transaction: one statement (the directory's row is read, not locked).
 */
export async function lockLicenceAnywhere(tx: Tx, idNumber: string) {
  return firstRecord(await lockedAnywhere(tx, { idNumber }));
}

/**
 * As `lockLicenceAnywhere`, with another read sent behind the lock in the same round trip. The
 * backend runs it once the lock is held, in a snapshot of its own (read committed), so it sees
 * what a transaction that held the lock before committed, as if it had been sent after.
 */
export const lockLicenceAnywhereWith = <O>(tx: Tx, idNumber: string, other: Read<O>) =>
  readTogether(tx, [mapRead(lockedAnywhere.read({ idNumber }), firstRecord), other]);

/**
 * Inserts licences that no city holds yet (directory first, so a person never gets two) and
 * whose number is free in the city; returns the identity numbers that went in.
 */
export async function insertLicences(tx: Tx, licences: LicenceRecord[]): Promise<Set<string>> {
  if (!licences.length) return new Set();
  const claimed = await tx
    .insertInto('licence_directory')
    .values(licences.map((l) => ({ id_number: l.idNumber, city_code: l.cityCode })))
    .onConflict((oc) => oc.doNothing())
    .returning('id_number')
    .execute();
  const free = new Set(claimed.map((c) => c.id_number));
  const candidates = licences.filter((l) => free.has(l.idNumber));
  if (!candidates.length) return new Set();
  const rows = await tx
    .insertInto('licences')
    .values(candidates.map(toRow))
    .onConflict((oc) => oc.doNothing())
    .returning('id_number')
    .execute();
  const inserted = new Set(rows.map((r) => r.id_number));
  const released = candidates.map((l) => l.idNumber).filter((id) => !inserted.has(id));
  if (released.length)
    await tx.deleteFrom('licence_directory').where('id_number', 'in', released).execute();
  return inserted;
}

/** Writes a changed licence back (the caller has locked it and checked the status event). */
export async function updateLicence(tx: Tx, l: LicenceRecord, at: Date) {
  const { city_code, id_number, ...rest } = toRow(l);
  await tx
    .updateTable('licences')
    .set({ ...rest, updated_at: at })
    .where('city_code', '=', city_code)
    .where('id_number', '=', id_number)
    .execute();
}

/** The cycles (by first day) a licence has been reviewed for (审验). */
export async function reviewedCycles(db: DbOrTx, cityCode: string, idNumber: string) {
  const rows = await db
    .selectFrom('licence_reviews')
    .select('cycle_start')
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .execute();
  return rows.map((r) => r.cycle_start);
}

export async function insertReview(
  tx: Tx,
  r: {
    cityCode: string;
    idNumber: string;
    cycleStart: string;
    on: string;
    applicationId: string;
    outletCode: string;
  },
) {
  await tx
    .insertInto('licence_reviews')
    .values({
      city_code: r.cityCode,
      id_number: r.idNumber,
      cycle_start: r.cycleStart,
      reviewed_on: r.on,
      application_id: r.applicationId,
      outlet_code: r.outletCode,
    })
    .execute();
}

/** Names of the licence holders among some identity numbers of a city (one query). */
export async function holderNameRows(db: DbOrTx, cityCode: string, idNumbers: readonly string[]) {
  if (!idNumbers.length) return [];
  return await db
    .selectFrom('licences')
    .select(['id_number', 'name'])
    .where('city_code', '=', cityCode)
    .where('id_number', 'in', [...idNumbers])
    .execute();
}
