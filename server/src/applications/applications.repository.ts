import { BUSINESS_TYPE_CODES } from '#shared/catalog.ts';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { ApplicationStatus } from '#shared/lifecycles.ts';
import type { RefusalItem } from '#shared/schemas/applications.ts';
import { compiledQuery, writtenBehind } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { ApplicationEventsTable, ApplicationsTable } from '../db/types.ts';
import type { PolicySnapshot } from './handler.ts';

export interface Refusal {
  noticeNumber: string;
  verifyToken: string;
  items: RefusalItem[];
}

export interface StoredApplication {
  id: string;
  cityCode: string;
  businessType: string;
  outletCode: string;
  outletName: string;
  countyCode: string;
  channel: ApplicationsTable['channel'];
  actorUserId: string;
  /** Who took it in and under which office, as named then (printed on its papers). */
  actorName: string | null;
  officeName: string | null;
  applicant: { idNumber: string; name: string; phone: string | null };
  agent: { idNumber: string; name: string; phone?: string | null } | null;
  data: unknown;
  status: ApplicationStatus;
  stage: string | null;
  stageEnteredAt: Date | null;
  stageDueOn: string | null;
  /** Lifecycle events so far (applied or refused). */
  events: number;
  result: Record<string, unknown> | null;
  refusal: Refusal | null;
  policy: PolicySnapshot;
  idempotencyKey: string | null;
  requestHash: string;
  submittedAt: Date;
  /** When it closed (completed, refused, withdrawn or expired); null while it is open. */
  completedAt: Date | null;
  slaDueOn: string | null;
}

type Row = Selectable<ApplicationsTable>;

const toDate = (v: Date | string | null) => (v === null ? null : new Date(v));

const toStored = (r: Row): StoredApplication => ({
  id: r.id,
  cityCode: r.city_code,
  businessType: r.business_type,
  outletCode: r.outlet_code,
  outletName: r.outlet_name,
  countyCode: r.county_code,
  channel: r.channel,
  actorUserId: r.actor_user_id,
  actorName: r.actor_name,
  officeName: r.office_name,
  applicant: { idNumber: r.applicant_id_number, name: r.applicant_name, phone: r.applicant_phone },
  agent: r.agent as StoredApplication['agent'],
  data: r.data,
  status: r.status,
  stage: r.stage,
  stageEnteredAt: toDate(r.stage_entered_at),
  stageDueOn: r.stage_due_on,
  events: r.events,
  result: r.result as StoredApplication['result'],
  refusal: r.refusal as StoredApplication['refusal'],
  policy: r.policy as PolicySnapshot,
  idempotencyKey: r.idempotency_key,
  requestHash: r.request_hash,
  submittedAt: r.submitted_at,
  completedAt: toDate(r.completed_at),
  slaDueOn: r.sla_due_on,
});

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

// Every application (accepted, completed or refused) runs it: built and compiled once. A
// template binds each column by name, so the row's columns are spelled out here. Written behind
// (db/compiled-query.ts): it goes out with the audit record and the COMMIT, one round trip for
// the three; a repeated idempotency key fails the commit, which the pipeline answers with the
// application stored first.
const insertApplicationRow = writtenBehind(
  (db, r: Required<Omit<Insertable<ApplicationsTable>, 'events'>>) =>
    db.insertInto('applications').values({
      city_code: r.city_code,
      id: r.id,
      business_type: r.business_type,
      outlet_code: r.outlet_code,
      outlet_name: r.outlet_name,
      county_code: r.county_code,
      channel: r.channel,
      actor_user_id: r.actor_user_id,
      actor_name: r.actor_name,
      office_name: r.office_name,
      applicant_id_number: r.applicant_id_number,
      applicant_name: r.applicant_name,
      applicant_phone: r.applicant_phone,
      agent: r.agent,
      data: r.data,
      status: r.status,
      stage: r.stage,
      stage_entered_at: r.stage_entered_at,
      stage_due_on: r.stage_due_on,
      result: r.result,
      refusal: r.refusal,
      policy: r.policy,
      idempotency_key: r.idempotency_key,
      request_hash: r.request_hash,
      submitted_at: r.submitted_at,
      completed_at: r.completed_at,
      sla_due_on: r.sla_due_on,
    }),
);

export async function insertApplication(tx: Tx, a: Omit<StoredApplication, 'events'>) {
  await insertApplicationRow(tx, {
    city_code: a.cityCode,
    id: a.id,
    business_type: a.businessType,
    outlet_code: a.outletCode,
    outlet_name: a.outletName,
    county_code: a.countyCode,
    channel: a.channel,
    actor_user_id: a.actorUserId,
    actor_name: a.actorName,
    office_name: a.officeName,
    applicant_id_number: a.applicant.idNumber,
    applicant_name: a.applicant.name,
    applicant_phone: a.applicant.phone,
    agent: json(a.agent),
    data: JSON.stringify(a.data),
    status: a.status,
    stage: a.stage,
    stage_entered_at: a.stageEnteredAt,
    stage_due_on: a.stageDueOn,
    result: json(a.result),
    refusal: json(a.refusal),
    policy: JSON.stringify(a.policy),
    idempotency_key: a.idempotencyKey,
    request_hash: a.requestHash,
    submitted_at: a.submittedAt,
    completed_at: a.completedAt,
    sla_due_on: a.slaDueOn,
  });
}

// Every application read runs it: built and compiled once.
const applicationById = compiledQuery((db, v: { id: string }) =>
  db.selectFrom('applications').selectAll().where('id', '=', v.id),
);

/**
 * By id, in whichever jurisdiction holds it (ids are unique; the primary key `(id, city_code)`
 * serves it).
 */
export async function findApplication(db: DbOrTx, id: string) {
  const [row] = await applicationById(db, { id });
  return row ? toStored(row) : null;
}

/** Some applications of a city by id (a board's rows, at most a page of them). */
export async function findApplications(db: DbOrTx, cityCode: string, ids: readonly string[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('applications')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toStored);
}

/** Locks an application row for a lifecycle step, so two events never race on one stage. */
export async function lockApplication(tx: Tx, cityCode: string, id: string) {
  const row = await tx
    .selectFrom('applications')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toStored(row) : null;
}

export async function findByIdempotencyKey(
  db: DbOrTx,
  key: { cityCode: string; actorUserId: string; idempotencyKey: string },
) {
  const row = await db
    .selectFrom('applications')
    .selectAll()
    .where('city_code', '=', key.cityCode)
    .where('actor_user_id', '=', key.actorUserId)
    .where('idempotency_key', '=', key.idempotencyKey)
    .executeTakeFirst();
  return row ? toStored(row) : null;
}

/** Moves an application to its new state after a lifecycle event. */
export async function updateState(
  tx: Tx,
  a: Pick<
    StoredApplication,
    | 'cityCode'
    | 'id'
    | 'status'
    | 'stage'
    | 'stageEnteredAt'
    | 'stageDueOn'
    | 'result'
    | 'completedAt'
    | 'events'
  >,
) {
  await tx
    .updateTable('applications')
    .set({
      status: a.status,
      stage: a.stage,
      stage_entered_at: a.stageEnteredAt,
      stage_due_on: a.stageDueOn,
      result: json(a.result),
      completed_at: a.completedAt,
      events: a.events,
    })
    .where('city_code', '=', a.cityCode)
    .where('id', '=', a.id)
    .execute();
}

/** Counts a refused event without changing the application's state. */
export async function countEvent(tx: Tx, cityCode: string, id: string, events: number) {
  await tx
    .updateTable('applications')
    .set({ events })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

export type StoredEvent = Selectable<ApplicationEventsTable>;

export async function insertEvent(
  tx: Tx,
  e: Omit<StoredEvent, 'data' | 'result' | 'refusal'> & {
    data: unknown;
    result: unknown;
    refusal: unknown;
  },
) {
  await tx
    .insertInto('application_events')
    .values({
      ...e,
      data: JSON.stringify(e.data ?? {}),
      result: json(e.result),
      refusal: json(e.refusal),
    })
    .execute();
}

export async function listEvents(db: DbOrTx, cityCode: string, applicationId: string) {
  return await db
    .selectFrom('application_events')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('application_id', '=', applicationId)
    .orderBy('seq')
    .execute();
}

export interface ApplicationFilter {
  cityCode: string;
  outletCode?: string;
  countyCode?: string;
  status?: ApplicationStatus;
  businessType?: string;
  /** Only open applications due (SLA) before this day: the overdue list. */
  dueBefore?: string;
  /** Keyset pagination: rows strictly after this (submittedAt, id) position, newest first. */
  after?: { submittedAt: Date; id: string };
  limit: number;
}

// A person's latest applications: a citizen's own page, the driver file and the licence history
// read it on every visit. Built and compiled once (parsed and planned once per connection).
const latestOfApplicant = compiledQuery(
  (db, v: { cityCode: string; idNumber: string; limit: number }) =>
    db
      .selectFrom('applications')
      .selectAll()
      .where('city_code', '=', v.cityCode)
      .where('applicant_id_number', '=', v.idNumber)
      .orderBy('submitted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(v.limit),
);

/** A person's latest applications in a city, newest first (`applications_applicant` serves it). */
export async function latestApplicationsOf(
  db: DbOrTx,
  f: { cityCode: string; idNumber: string; limit: number },
) {
  return (await latestOfApplicant(db, f)).map(toStored);
}

/** Newest first, by keyset (never OFFSET): each page starts after the previous page's last row. */
export async function listApplications(db: DbOrTx, f: ApplicationFilter) {
  return (await listApplicationsQuery(db, f).execute()).map(toStored);
}

/**
 * The page's statement. Sent unnamed, so it is planned with its values: a status other than
 * completed is then a range of the scope's status index (`applications_status_*_time`, partial
 * indexes whose condition a parameter could not prove), completed the scope's time index. An
 * outlet's index is by business type first (`applications_outlet_type_time`), so an outlet's
 * page of every type is merged from its types' ranges (`outletPageQuery`).
 */
export function listApplicationsQuery(db: DbOrTx, f: ApplicationFilter) {
  if (f.outletCode && !f.businessType && (!f.status || f.status === 'completed')) {
    return outletPageQuery(db, { ...f, outletCode: f.outletCode });
  }
  let query = db.selectFrom('applications').selectAll().where('city_code', '=', f.cityCode);
  if (f.outletCode) query = query.where('outlet_code', '=', f.outletCode);
  if (f.countyCode) query = query.where('county_code', '=', f.countyCode);
  if (f.status) query = query.where('status', '=', f.status);
  if (f.businessType) query = query.where('business_type', '=', f.businessType);
  if (f.dueBefore) query = query.where('sla_due_on', '<', f.dueBefore);
  if (f.after) {
    const { submittedAt, id } = f.after;
    query = query.where(sql<boolean>`(submitted_at, id) < (${submittedAt}, ${id}::uuid)`);
  }
  return query.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(f.limit);
}

/**
 * An outlet's page of every business type: the page's first rows of each type, read from the
 * type's range of the outlet's index (its keys only), the newest of them, then their rows. A
 * type has a range however few of its applications the outlet took, so no page passes over
 * another type's rows or another outlet's.
 */
function outletPageQuery(db: DbOrTx, f: ApplicationFilter & { outletCode: string }) {
  // Every type there is (the catalog the business_types rows are written from, which every
  // application's type references).
  const types = sql<{ code: string }>`(SELECT unnest(${BUSINESS_TYPE_CODES}::text[]) AS code)`;
  const keys = db
    .selectFrom(types.as('bt'))
    .innerJoinLateral(
      (eb) => {
        let q = eb
          .selectFrom('applications')
          .select(['submitted_at', 'id'])
          .where('outlet_code', '=', f.outletCode)
          .whereRef('business_type', '=', 'bt.code')
          .where('city_code', '=', f.cityCode);
        if (f.status) q = q.where('status', '=', f.status);
        if (f.after) {
          const { submittedAt, id } = f.after;
          q = q.where(sql<boolean>`(submitted_at, id) < (${submittedAt}, ${id}::uuid)`);
        }
        return q.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(f.limit).as('k');
      },
      (join) => join.onTrue(),
    )
    .select(['k.submitted_at', 'k.id'])
    .orderBy('k.submitted_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(f.limit);
  return db
    .selectFrom(keys.as('p'))
    .innerJoin('applications', (join) =>
      join.onRef('applications.id', '=', 'p.id').on('applications.city_code', '=', f.cityCode),
    )
    .selectAll('applications')
    .orderBy('p.submitted_at', 'desc')
    .orderBy('p.id', 'desc');
}

/**
 * Open applications of a business type that entered one of some stages before a moment: the
 * candidates for a deadline event. Bounded; the job comes back for the rest.
 */
export async function enteredStageBefore(
  db: DbOrTx,
  f: {
    cityCode: string;
    businessType: string;
    stages: readonly string[];
    before: Date;
    limit: number;
  },
) {
  if (!f.stages.length) return [];
  return await db
    .selectFrom('applications')
    .select(['city_code', 'id'])
    .where('city_code', '=', f.cityCode)
    .where('status', '=', 'accepted')
    .where('business_type', '=', f.businessType)
    .where('stage', 'in', f.stages)
    .where('stage_entered_at', '<', f.before)
    .orderBy('stage_entered_at')
    .limit(f.limit)
    .execute();
}

// Every business step takes one: built and compiled once. Written behind: the lock goes out in
// the same socket write as the step's first read, which PostgreSQL runs after taking it.
const lockKey = writtenBehind((db, v: { key: string }) =>
  db.selectNoFrom(sql<void>`pg_advisory_xact_lock(hashtextextended(${v.key}, 0))`.as('locked')),
);

/** Transaction-scoped lock on a subject (VIN, plate), so two windows cannot both pass the rules. */
export async function lockSubject(tx: Tx, key: string) {
  await lockKey(tx, { key });
}

/** The subject an open application is looked for by: its data's VIN or plate. */
export type OpenApplicationSubject = { vin: string } | { plate: string };

// Registration (by VIN) and plate reissue (by plate) ask it. One statement per field, served by
// that field's data index: its predicate and the status are written into the text, so that the
// statement's generic plan (kept after five runs) can use the partial index.
const openApplicationBy = (field: 'vin' | 'plate') =>
  compiledQuery((db, v: { cityCode: string; businessType: string; value: string }) =>
    db
      .selectFrom('applications')
      .select('id')
      .where(sql<boolean>`data ? ${sql.lit(field)}`)
      .where(sql<string>`data ->> ${sql.lit(field)}`, '=', v.value)
      .where('city_code', '=', v.cityCode)
      .where(sql<boolean>`status = 'accepted'`)
      .where('business_type', '=', v.businessType)
      .limit(1),
  );
const openApplicationByVin = openApplicationBy('vin');
const openApplicationByPlate = openApplicationBy('plate');

/** Whether an open (accepted) application of a type exists about this VIN or plate. */
export async function openApplicationExists(
  db: DbOrTx,
  f: { cityCode: string; businessType: string; about: OpenApplicationSubject },
) {
  const { cityCode, businessType } = f;
  const rows =
    'vin' in f.about
      ? await openApplicationByVin(db, { cityCode, businessType, value: f.about.vin })
      : await openApplicationByPlate(db, { cityCode, businessType, value: f.about.plate });
  return rows.length > 0;
}

/**
 * Applications about a vehicle, oldest first: those whose data names its VIN or one of the
 * plates it has had (the vehicle file). Bounded; served by the data indexes.
 */
export async function applicationsAbout(
  db: DbOrTx,
  f: { cityCode: string; vin: string; plates: readonly string[] },
) {
  const rows = await db
    .selectFrom('applications')
    .selectAll()
    .where('city_code', '=', f.cityCode)
    .where((eb) =>
      eb.or([
        // `data ? …` repeats the data indexes' predicates, without which they cannot be used.
        eb.and([sql<boolean>`data ? 'vin'`, eb(sql`data->>'vin'`, '=', f.vin)]),
        ...(f.plates.length
          ? [eb.and([sql<boolean>`data ? 'plate'`, eb(sql`data->>'plate'`, 'in', [...f.plates])])]
          : []),
      ]),
    )
    .orderBy('submitted_at')
    .limit(1000)
    .execute();
  return rows.map(toStored);
}

/** Applications completed in [from, to), every city, for the daily call-back sample. */
export async function completedBetween(db: DbOrTx, cityCode: string, from: Date, to: Date) {
  return await db
    .selectFrom('applications')
    .select(['id', 'city_code', 'outlet_code', 'county_code'])
    .where('status', '=', 'completed')
    .where('city_code', '=', cityCode)
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to)
    .orderBy('city_code')
    .orderBy('id')
    .execute();
}
