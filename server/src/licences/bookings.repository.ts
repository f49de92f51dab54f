import { sql, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { ExamBookingsTable, ExamSessionsTable } from '../db/types.ts';

export interface Session {
  cityCode: string;
  id: string;
  examSiteCode: string;
  subject: number;
  examDate: string;
  capacity: number;
  status: 'open' | 'closed';
}

const toSession = (r: Selectable<ExamSessionsTable>): Session => ({
  cityCode: r.city_code,
  id: r.id,
  examSiteCode: r.exam_site_code,
  subject: r.subject,
  examDate: r.exam_date,
  capacity: r.capacity,
  status: r.status,
});

/** Creates a session; null when the site already has one for the subject that day. */
export async function insertSession(
  tx: Tx,
  s: Omit<Session, 'status'> & { createdBy: string; createdAt: Date },
) {
  const row = await tx
    .insertInto('exam_sessions')
    .values({
      city_code: s.cityCode,
      id: s.id,
      exam_site_code: s.examSiteCode,
      subject: s.subject,
      exam_date: s.examDate,
      capacity: s.capacity,
      status: 'open',
      created_by: s.createdBy,
      created_at: s.createdAt,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function findSession(db: DbOrTx, cityCode: string, id: string) {
  const row = await db
    .selectFrom('exam_sessions')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toSession(row) : null;
}

/** A session locked while it is closed, so two closings never allocate it twice. */
export async function lockSession(tx: Tx, cityCode: string, id: string) {
  const row = await tx
    .selectFrom('exam_sessions')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toSession(row) : null;
}

/** A city's sessions from a day on, by date and site (keyset on date, id). */
export async function listSessions(
  db: DbOrTx,
  f: { cityCode: string; from: string; examSiteCode?: string; limit: number },
) {
  let q = db
    .selectFrom('exam_sessions as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('exam_bookings as b')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('b.city_code', '=', 's.city_code')
        .whereRef('b.session_id', '=', 's.id')
        .as('allocated'),
    )
    .where('s.city_code', '=', f.cityCode)
    .where('s.exam_date', '>=', f.from);
  if (f.examSiteCode) q = q.where('s.exam_site_code', '=', f.examSiteCode);
  const rows = await q.orderBy('s.exam_date').orderBy('s.id').limit(f.limit).execute();
  return rows.map((r) => ({ ...toSession(r), allocated: r.allocated ?? 0 }));
}

export async function closeSessionRow(tx: Tx, cityCode: string, id: string, at: Date) {
  await tx
    .updateTable('exam_sessions')
    .set({ status: 'closed', closed_at: at })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

export type BookingRow = Selectable<ExamBookingsTable>;

export async function insertBooking(
  tx: Tx,
  b: {
    cityCode: string;
    applicationId: string;
    candidateId: string;
    idNumber: string;
    subject: number;
    examSiteCode: string | null;
    preferredDates: string[];
    earliestOn: string;
    bookedAt: Date;
  },
) {
  await tx
    .insertInto('exam_bookings')
    .values({
      city_code: b.cityCode,
      application_id: b.applicationId,
      candidate_id: b.candidateId,
      id_number: b.idNumber,
      subject: b.subject,
      exam_site_code: b.examSiteCode,
      preferred_dates: b.preferredDates,
      earliest_on: b.earliestOn,
      status: 'waiting',
      booked_at: b.bookedAt,
    })
    .execute();
}

/**
 * A person's bookings still open for a subject as of `today`: waiting, or allocated to a session
 * whose day has not passed (a booking ends with its exam day, whatever the site posted, R162 §46).
 */
export async function openBookingOf(
  db: DbOrTx,
  q: { cityCode: string; idNumber: string; subject: number; today: string },
) {
  return await db
    .selectFrom('exam_bookings as b')
    .leftJoin('exam_sessions as s', (j) =>
      j.onRef('s.city_code', '=', 'b.city_code').onRef('s.id', '=', 'b.session_id'),
    )
    .select('b.application_id')
    .where('b.city_code', '=', q.cityCode)
    .where('b.id_number', '=', q.idNumber)
    .where('b.subject', '=', q.subject)
    .where((eb) =>
      eb.or([
        eb('b.status', '=', 'waiting'),
        eb.and([eb('b.status', '=', 'allocated'), eb('s.exam_date', '>=', q.today)]),
      ]),
    )
    .executeTakeFirst();
}

/**
 * The exam days of a candidacy's bookings of a subject that passed with no result posted (缺考,
 * R162 §46): allocated bookings whose day is over, and those the no-show event closed already
 * (`expired` with a session; a booking the ranking never reached has none). Oldest first; of
 * every subject unless one is named.
 */
export async function unpostedExamDays(
  db: DbOrTx,
  q: { cityCode: string; candidateId: string; subject?: number; today: string },
) {
  let query = db
    .selectFrom('exam_bookings as b')
    .innerJoin('exam_sessions as s', (j) =>
      j.onRef('s.city_code', '=', 'b.city_code').onRef('s.id', '=', 'b.session_id'),
    )
    .select(['b.subject', 's.exam_date'])
    .where('b.city_code', '=', q.cityCode)
    .where('b.candidate_id', '=', q.candidateId)
    .where('b.status', 'in', ['allocated', 'expired'])
    .where('s.exam_date', '<', q.today);
  if (q.subject !== undefined) query = query.where('b.subject', '=', q.subject);
  const rows = await query.orderBy('s.exam_date').execute();
  return rows.map((r) => ({ subject: r.subject, day: r.exam_date }));
}

/** A city's allocated bookings whose exam day ended before `today` with no result: no-shows to close. */
export async function unpostedBookings(
  db: DbOrTx,
  q: { cityCode: string; today: string; limit: number },
) {
  return await db
    .selectFrom('exam_bookings as b')
    .innerJoin('exam_sessions as s', (j) =>
      j.onRef('s.city_code', '=', 'b.city_code').onRef('s.id', '=', 'b.session_id'),
    )
    .select(['b.city_code', 'b.application_id', 'b.candidate_id', 'b.id_number', 'b.subject'])
    .where('b.city_code', '=', q.cityCode)
    .where('b.status', '=', 'allocated')
    .where('s.exam_date', '<', q.today)
    .orderBy('b.application_id')
    .limit(q.limit)
    .execute();
}

/**
 * The candidate's booking of a subject the ranking allocated to an exam site's session on a day
 * (allocated, or taken once its first attempt is in), if any: the booking a result there belongs to.
 */
export async function sessionBookingOf(
  db: DbOrTx,
  q: {
    cityCode: string;
    idNumber: string;
    candidateId: string;
    subject: number;
    examSiteCode: string;
    examDate: string;
  },
) {
  return await db
    .selectFrom('exam_bookings as b')
    .innerJoin('exam_sessions as s', (j) =>
      j.onRef('s.city_code', '=', 'b.city_code').onRef('s.id', '=', 'b.session_id'),
    )
    .select(['b.city_code', 'b.application_id', 'b.status'])
    .where('b.city_code', '=', q.cityCode)
    .where('b.id_number', '=', q.idNumber)
    .where('b.candidate_id', '=', q.candidateId)
    .where('b.subject', '=', q.subject)
    .where('b.status', 'in', ['allocated', 'taken'])
    .where('s.exam_site_code', '=', q.examSiteCode)
    .where('s.exam_date', '=', q.examDate)
    .executeTakeFirst();
}

export async function bookingOf(db: DbOrTx, cityCode: string, applicationId: string) {
  return await db
    .selectFrom('exam_bookings')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

/**
 * Waiting bookings a session may take, with the ranking's facts: the subject, the site (or any),
 * a preferred date (or none), and a first allowed day on or before the session.
 */
export async function rankableBookings(tx: Tx, s: Session) {
  return await tx
    .selectFrom('exam_bookings as b')
    .innerJoin('exam_candidates as c', (j) =>
      j.onRef('c.city_code', '=', 'b.city_code').onRef('c.application_id', '=', 'b.candidate_id'),
    )
    .select([
      'b.application_id',
      'b.id_number',
      'b.booked_at',
      'c.accepted_at',
      (eb) =>
        eb
          .selectFrom('exam_results as r')
          .select(sql<Date | null>`max(r.started_at)`.as('t'))
          .whereRef('r.city_code', '=', 'b.city_code')
          .whereRef('r.id_number', '=', 'b.id_number')
          .as('last_exam_at'),
      (eb) =>
        eb
          .selectFrom('exam_bookings as p')
          .select(sql<Date | null>`max(p.cancelled_at)`.as('t'))
          .whereRef('p.city_code', '=', 'b.city_code')
          .whereRef('p.candidate_id', '=', 'b.candidate_id')
          .as('cancelled_at'),
      (eb) =>
        eb
          .selectFrom('exam_results as r')
          .select(sql<Date | null>`max(r.started_at)`.as('t'))
          .whereRef('r.city_code', '=', 'b.city_code')
          .whereRef('r.application_id', '=', 'b.candidate_id')
          .where('r.absent', '=', true)
          .as('absent_at'),
    ])
    .where('b.city_code', '=', s.cityCode)
    .where('b.status', '=', 'waiting')
    // A candidacy that ended (exams voided, permit run out, withdrawn) takes no place: its result
    // could not count, and its waiting bookings close at their deadline.
    .where('c.status', 'in', ['theory', 'skills'])
    .where('b.subject', '=', s.subject)
    .where('b.earliest_on', '<=', s.examDate)
    .where((eb) =>
      eb.or([eb('b.exam_site_code', 'is', null), eb('b.exam_site_code', '=', s.examSiteCode)]),
    )
    .where(
      sql<boolean>`(cardinality(b.preferred_dates) = 0 OR ${s.examDate}::date = ANY (b.preferred_dates))`,
    )
    .forUpdate(['b'])
    .execute();
}

export async function setBooking(
  tx: Tx,
  b: {
    cityCode: string;
    applicationId: string;
    status: ExamBookingsTable['status'];
    session?: { id: string; rank: number };
    cancelledAt?: Date;
  },
) {
  await tx
    .updateTable('exam_bookings')
    .set({
      status: b.status,
      ...(b.session ? { session_id: b.session.id, rank: b.session.rank } : {}),
      ...(b.cancelledAt ? { cancelled_at: b.cancelledAt } : {}),
    })
    .where('city_code', '=', b.cityCode)
    .where('application_id', '=', b.applicationId)
    .execute();
}

/** The ranking list of a session: its allocated bookings in rank order. */
export async function allocationOf(db: DbOrTx, cityCode: string, sessionId: string) {
  return await db
    .selectFrom('exam_bookings')
    .select(['application_id', 'id_number', 'rank', 'status'])
    .where('city_code', '=', cityCode)
    .where('session_id', '=', sessionId)
    .orderBy('rank')
    .execute();
}
