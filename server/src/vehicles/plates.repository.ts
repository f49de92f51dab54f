import { compiledListQuery, writtenBehind } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';

/**
 * Of some numbers, those that selection may not give: carried by a vehicle of the city, held by
 * an open application, kept by a former owner until a day not yet passed, or withheld.
 */
export async function unavailablePlates(
  db: DbOrTx,
  cityCode: string,
  plates: readonly string[],
  today: string,
): Promise<Set<string>> {
  if (!plates.length) return new Set();
  const rows = await unavailablePlatesQuery(db, { cityCode, plates: [...plates], today });
  return new Set(rows.map((r) => r.plate).filter((p) => p !== null));
}

// Every registration and transfer asks it: both tables in one statement, parsed once per
// connection (prepared.ts); one text for a single candidate and one for a list.
const unavailablePlatesQuery = compiledListQuery(
  'plates',
  (db, v: { cityCode: string; plates: string[]; today: string }, member) =>
    db
      .selectFrom('vehicles')
      .select('plate')
      .where('city_code', '=', v.cityCode)
      .where(member('plate'))
      .unionAll(
        db
          .selectFrom('plate_reservations')
          .select('plate')
          .where('city_code', '=', v.cityCode)
          .where(member('plate'))
          .where((eb) =>
            eb.or([eb('reserved_until', 'is', null), eb('reserved_until', '>=', v.today)]),
          ),
      ),
);

/** Holds a number for an open application (or for a former owner, §44); replaces a lapsed hold. */
export async function reservePlate(
  tx: Tx,
  r: {
    cityCode: string;
    plate: string;
    kind: 'application' | 'retained';
    applicationId: string | null;
    holderIdNumber: string | null;
    at: Date;
    until: string | null;
  },
) {
  await tx
    .insertInto('plate_reservations')
    .values({
      city_code: r.cityCode,
      plate: r.plate,
      kind: r.kind,
      application_id: r.applicationId,
      holder_id_number: r.holderIdNumber,
      reserved_at: r.at,
      reserved_until: r.until,
    })
    .onConflict((oc) =>
      oc.columns(['city_code', 'plate']).doUpdateSet({
        kind: r.kind,
        application_id: r.applicationId,
        holder_id_number: r.holderIdNumber,
        reserved_at: r.at,
        reserved_until: r.until,
      }),
    )
    .execute();
}

/** Releases what an application holds (it completed, was withdrawn or expired). */
export async function releaseApplicationPlates(tx: Tx, cityCode: string, applicationId: string) {
  await releaseApplicationPlatesQuery(tx, { cityCode, applicationId });
}

const releaseApplicationPlatesQuery = writtenBehind(
  (db, v: { cityCode: string; applicationId: string }) =>
    db
      .deleteFrom('plate_reservations')
      .where('city_code', '=', v.cityCode)
      .where('application_id', '=', v.applicationId),
);

/** A number kept by a former owner (R164 §44), if its hold has not lapsed. */
export async function retainedBy(db: DbOrTx, cityCode: string, plate: string, today: string) {
  const row = await db
    .selectFrom('plate_reservations')
    .select(['holder_id_number', 'reserved_until'])
    .where('city_code', '=', cityCode)
    .where('plate', '=', plate)
    .where('kind', '=', 'retained')
    .where('reserved_until', '>=', today)
    .executeTakeFirst();
  return row?.holder_id_number ?? null;
}

/** Withholds numbers the office keeps out of selection (seeded or imported). */
export async function withholdPlates(tx: Tx, cityCode: string, plates: string[], at: Date) {
  if (!plates.length) return;
  await tx
    .insertInto('plate_reservations')
    .values(
      plates.map((plate) => ({
        city_code: cityCode,
        plate,
        kind: 'withheld' as const,
        application_id: null,
        holder_id_number: null,
        reserved_at: at,
        reserved_until: null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
