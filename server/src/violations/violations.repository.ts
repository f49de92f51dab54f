import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { compiledListQuery, compiledQuery, mapRead, writtenBehind } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Database, ViolationsTable } from '../db/types.ts';

export type ViolationStatus = 'unhandled' | 'handled' | 'paid';

export interface ViolationRecord {
  cityCode: string;
  countyCode: string;
  id: string;
  plate: string;
  code: string;
  occurredAt: Date;
  points: number;
  fine: number;
  category: string | null;
  status: ViolationStatus;
  handledBy: string | null;
  ownerIdNumber: string | null;
  handledOn: string | null;
  paidAt: Date | null;
  lateFee: number | null;
}

const toRecord = (r: Selectable<ViolationsTable>): ViolationRecord => ({
  cityCode: r.city_code,
  countyCode: r.county_code,
  id: r.id,
  plate: r.plate,
  code: r.code,
  occurredAt: r.occurred_at,
  points: r.points,
  fine: Number(r.fine),
  category: r.category,
  status: r.status,
  handledBy: r.handled_by,
  ownerIdNumber: r.owner_id_number,
  handledOn: r.handled_on,
  paidAt: r.paid_at,
  lateFee: r.late_fee === null ? null : Number(r.late_fee),
});

/** The version of a code in force on a day: the city's own latest, else the national one. */
export async function codeInForce(db: DbOrTx, code: string, day: string, cityCode: string) {
  const row = await db
    .selectFrom('violation_codes')
    .selectAll()
    .where('code', '=', code)
    .where('effective_from', '<=', day)
    .where((eb) => eb.or([eb('city_code', 'is', null), eb('city_code', '=', cityCode)]))
    .orderBy(sql`city_code IS NULL`)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? {
        code: row.code,
        description: row.description,
        descriptionEn: row.description_en,
        points: row.points,
        fineMin: Number(row.fine_min),
        fineMax: Number(row.fine_max),
        category: row.category,
        legalBasis: row.legal_basis,
      }
    : null;
}
export type ViolationCode = NonNullable<Awaited<ReturnType<typeof codeInForce>>>;

/** Descriptions of codes (current national or city versions), for lists. */
export async function codeDescriptions(db: DbOrTx, codes: string[], cityCode: string) {
  if (!codes.length) return new Map<string, string>();
  const rows = await db
    .selectFrom('violation_codes')
    .select(['code', 'description'])
    .distinctOn('code')
    .where('code', 'in', codes)
    .where((eb) => eb.or([eb('city_code', 'is', null), eb('city_code', '=', cityCode)]))
    .orderBy('code')
    .orderBy(sql`city_code IS NULL`)
    .orderBy('effective_from', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.code, r.description]));
}

// A handling's result names its record's act: compiled once, read with the handling's facts.
const codeDescriptionQuery = compiledQuery((db, v: { code: string; cityCode: string }) =>
  db
    .selectFrom('violation_codes')
    .select('description')
    .where('code', '=', v.code)
    .where((eb) => eb.or([eb('city_code', 'is', null), eb('city_code', '=', v.cityCode)]))
    .orderBy(sql`city_code IS NULL`)
    .orderBy('effective_from', 'desc')
    .limit(1),
);

/** What a code describes (the city's own latest version, else the national one), if known. */
export async function codeDescription(db: DbOrTx, code: string, cityCode: string) {
  const [row] = await codeDescriptionQuery(db, { code, cityCode });
  return row?.description ?? null;
}

/** Inserts records whose id is new in the city; returns the ids that went in. */
export async function insertViolations(tx: Tx, rows: Insertable<ViolationsTable>[]) {
  if (!rows.length) return new Set<string>();
  const inserted = await tx
    .insertInto('violations')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((r) => r.id));
}

export async function findViolation(db: DbOrTx, cityCode: string, id: string) {
  const row = await db
    .selectFrom('violations')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export interface ViolationFilter {
  cityCode: string;
  countyCode?: string;
  /** Records of these plates, or handled by this person (either matches). */
  plates: string[];
  handledBy: string | null;
  status?: ViolationStatus;
  after?: { occurredAt: Date; id: string };
  limit: number;
}

/** Newest first, by keyset on (occurred_at, id). */
export async function listViolations(db: DbOrTx, f: ViolationFilter) {
  let query = db.selectFrom('violations').selectAll().where('city_code', '=', f.cityCode);
  query = query.where((eb) => {
    const either = [];
    if (f.plates.length) either.push(eb('plate', 'in', f.plates));
    if (f.handledBy) either.push(eb('handled_by', '=', f.handledBy));
    return either.length ? eb.or(either) : sql<boolean>`false`;
  });
  if (f.countyCode) query = query.where('county_code', '=', f.countyCode);
  if (f.status) query = query.where('status', '=', f.status);
  if (f.after) {
    const { occurredAt, id } = f.after;
    query = query.where(sql<boolean>`(occurred_at, id) < (${occurredAt}, ${id})`);
  }
  const rows = await query
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map(toRecord);
}

// Every violation handling locks its record and marks it handled: compiled once.
const violationForUpdate = compiledQuery((db, v: { cityCode: string; id: string }) =>
  db
    .selectFrom('violations')
    .selectAll()
    .where('city_code', '=', v.cityCode)
    .where('id', '=', v.id)
    .forUpdate(),
);

export async function lockViolation(tx: Tx, cityCode: string, id: string) {
  const [row] = await violationForUpdate(tx, { cityCode, id });
  return row ? toRecord(row) : null;
}

type Channel = NonNullable<ViolationsTable['handled_channel']>;

interface Handling {
  cityCode: string;
  id: string;
  driver: string;
  ownerIdNumber: string | null;
  on: string;
  at: Date;
  applicationId: string;
  outletCode: string;
  userId: string | null;
  channel: Channel;
  phone: string | null;
}

/** Who took the penalty, where, when and through which channel (supervision reads these). */
export const markHandled = writtenBehind((db, h: Handling) =>
  db
    .updateTable('violations')
    .set({
      status: 'handled',
      handled_by: h.driver,
      owner_id_number: h.ownerIdNumber,
      handled_on: h.on,
      handled_at: h.at,
      handled_application_id: h.applicationId,
      handled_outlet_code: h.outletCode,
      handled_user_id: h.userId,
      handled_channel: h.channel,
      handled_phone: h.phone,
    })
    .where('city_code', '=', h.cityCode)
    .where('id', '=', h.id),
);

export async function markPaid(
  tx: Tx,
  p: {
    cityCode: string;
    id: string;
    at: Date;
    lateFee: number;
    applicationId: string;
    outletCode: string;
    channel: Channel;
  },
) {
  await tx
    .updateTable('violations')
    .set({
      status: 'paid',
      paid_at: p.at,
      late_fee: p.lateFee,
      paid_application_id: p.applicationId,
      paid_outlet_code: p.outletCode,
      paid_channel: p.channel,
    })
    .where('city_code', '=', p.cityCode)
    .where('id', '=', p.id)
    .execute();
}

/** What a handling's history query is given: the driver, the record's plate, two first days. */
interface HistoryOf {
  cityCode: string;
  driver: string;
  plate: string;
  /** The substitute window's first day. */
  since: string;
  /** The first day of the driver's cycle in force. */
  cycleStart: string;
}

/** Records handled with points since the window's first day by someone other than the owner. */
const substituted = (db: Kysely<Database>, v: HistoryOf) =>
  db
    .selectFrom('violations')
    .where('city_code', '=', v.cityCode)
    .where('points', '>', 0)
    .where('handled_on', '>=', v.since)
    .where((eb) =>
      eb.or([eb('owner_id_number', 'is', null), eb('owner_id_number', '<>', eb.ref('handled_by'))]),
    );

// Every violation handling reads it: one statement, built and compiled once.
const handlingHistoryQuery = compiledQuery((db, v: HistoryOf) =>
  db.selectNoFrom([
    sql<
      string[]
    >`array(${substituted(db, v).select('plate').distinct().where('handled_by', '=', v.driver)})`.as(
      'plates',
    ),
    sql<
      (string | null)[]
    >`array(${substituted(db, v).select('handled_by').distinct().where('plate', '=', v.plate)})`.as(
      'drivers',
    ),
    db
      .selectFrom('violations')
      .select('plate')
      .where('city_code', '=', v.cityCode)
      .where('handled_by', '=', v.driver)
      .where('handled_on', '>=', v.cycleStart)
      .orderBy('handled_at', 'desc')
      // Two handlings at one instant (a clock that stands still in a test, a batch) are told
      // apart by their applications' ids, which are time-ordered (platform/ids.ts); an imported
      // handling without one counts as earlier.
      .orderBy(sql`${sql.ref('handled_application_id')} desc nulls last`)
      .limit(1)
      .as('last_plate'),
  ]),
);

/**
 * A driver's handling history, read for the rules of a new handling (one statement, sent with
 * others by `readTogether`):
 * - substitute handling since the window's first day (the "3 vehicles per licence, 3 licences
 *   per vehicle" rule): the plates the driver took points for without owning them, and the
 *   drivers other than the owner who took points for the record's plate;
 * - the plate of the record the driver handled last in the cycle in force (R163 §14: "the same
 *   vehicle").
 */
export const handlingHistoryRead = (v: HistoryOf) =>
  mapRead(handlingHistoryQuery.read(v), toHandlingHistory);

function toHandlingHistory([row]: Awaited<ReturnType<typeof handlingHistoryQuery>>) {
  return {
    substitute: {
      plates: row?.plates ?? [],
      drivers: (row?.drivers ?? []).flatMap((d) => (d ? [d] : [])),
    },
    lastHandledPlate: row?.last_plate ?? null,
  };
}

// Every vehicle business asks it: parsed once per connection, one text for a single plate and
// one for a list.
const unhandledOfPlatesQuery = compiledListQuery(
  'plates',
  (db, v: { cityCode: string; plates: string[] }, member) =>
    db
      .selectFrom('violations')
      .select(['id', 'plate'])
      .where('city_code', '=', v.cityCode)
      .where(member('plate'))
      .where('status', '=', 'unhandled')
      .orderBy('occurred_at'),
);

/** Unhandled records of some plates (a driver's own vehicles), oldest first. */
export async function unhandledOfPlates(db: DbOrTx, cityCode: string, plates: string[]) {
  if (!plates.length) return [];
  return await unhandledOfPlatesQuery(db, { cityCode, plates });
}

/**
 * The categories (R163 §26) of the records a driver took since a day: the decision day, or for a
 * legacy record without one, the day it occurred.
 */
export async function categoriesTakenSince(
  db: DbOrTx,
  cityCode: string,
  driver: string,
  since: string,
) {
  const rows = await db
    .selectFrom('violations')
    .select('category')
    .distinct()
    .where('city_code', '=', cityCode)
    .where('handled_by', '=', driver)
    .where('category', 'is not', null)
    .where(
      sql<boolean>`coalesce(handled_on, (occurred_at AT TIME ZONE 'Asia/Shanghai')::date) >= ${since}`,
    )
    .execute();
  return rows.flatMap((r) => (r.category ? [r.category] : []));
}

/**
 * The legacy platform's decisions against a driver (imported records handled or paid) with their
 * points, decided before a day: the decision day, or for a record without one, the day it
 * occurred.
 */
export async function legacyDecisionsBefore(
  db: DbOrTx,
  cityCode: string,
  driver: string,
  before: string,
) {
  const decidedOn = sql<string>`coalesce(handled_on, (occurred_at AT TIME ZONE 'Asia/Shanghai')::date)`;
  const rows = await db
    .selectFrom('violations')
    .select(['points', decidedOn.as('decided_on')])
    .where('city_code', '=', cityCode)
    .where('handled_by', '=', driver)
    .where('source', '=', 'import')
    .where('status', 'in', ['handled', 'paid'])
    .where('points', '>', 0)
    .where(sql<boolean>`${decidedOn} < ${before}`)
    .execute();
  return rows.map((r) => ({ points: r.points, on: r.decided_on }));
}

/** How many records a driver took whose fines are still unpaid (R163 §23 waits for them). */
export async function unpaidFinesOf(db: DbOrTx, cityCode: string, driver: string) {
  const row = await db
    .selectFrom('violations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('city_code', '=', cityCode)
    .where('handled_by', '=', driver)
    .where('status', '=', 'handled')
    .where(sql<boolean>`fine > 0`)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Records handled on the platform (a violation.handle application) in [since, until), a keyset
 * page after (handledAt, id) along `violations_platform_handled`, which holds those records only
 * and in that order: a page reads its own rows and no more.
 */
export async function handledOnPlatformPage(db: DbOrTx, f: PlatformPageOf) {
  return await platformPageQuery(db, f).execute();
}

type PlatformPageOf = {
  cityCode: string;
  since: Date;
  until: Date;
  after?: { at: Date; id: string };
  limit: number;
};

/** `handledOnPlatformPage`'s query, for its plan to be checked. */
export function platformPageQuery(db: DbOrTx, f: PlatformPageOf) {
  let q = db
    .selectFrom('violations')
    .select([
      'id',
      'plate',
      'points',
      'county_code',
      'handled_by',
      'owner_id_number',
      'handled_at',
      'handled_application_id',
      'handled_outlet_code',
      'handled_user_id',
      'handled_channel',
      'handled_phone',
    ])
    .where('city_code', '=', f.cityCode)
    .where('handled_at', '>=', f.since)
    .where('handled_at', '<', f.until)
    .where('handled_application_id', 'is not', null);
  if (f.after) {
    // A row comparison, which the index takes as its bound (an OR of the two cases it filters).
    const { at, id } = f.after;
    q = q.where((eb) => eb(eb.refTuple('handled_at', 'id'), '>', eb.tuple(at, id)));
  }
  return q.orderBy('handled_at').orderBy('id').limit(f.limit);
}
