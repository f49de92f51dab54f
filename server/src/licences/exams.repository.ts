import type { Insertable, Selectable } from 'kysely';
import type { LicenceClass } from '#shared/licences.ts';
import { sql } from 'kysely';
import { epochMs, type DbOrTx, type Tx } from '../db/database.ts';
import type { ExamCandidatesTable, ExamResultsTable } from '../db/types.ts';

export interface Candidate {
  cityCode: string;
  applicationId: string;
  idNumber: string;
  class: LicenceClass;
  status: ExamCandidatesTable['status'];
  acceptedAt: Date;
  permitIssuedOn: string | null;
  permitValidUntil: string | null;
}

const toCandidate = (r: Selectable<ExamCandidatesTable>): Candidate => ({
  cityCode: r.city_code,
  applicationId: r.application_id,
  idNumber: r.id_number,
  class: r.class as LicenceClass,
  status: r.status,
  acceptedAt: r.accepted_at,
  permitIssuedOn: r.permit_issued_on,
  permitValidUntil: r.permit_valid_until,
});

export async function insertCandidate(
  tx: Tx,
  c: {
    cityCode: string;
    applicationId: string;
    idNumber: string;
    class: string;
    acceptedAt: Date;
    phone: string | null;
    schoolCode: string | null;
  },
) {
  await tx
    .insertInto('exam_candidates')
    .values({
      city_code: c.cityCode,
      application_id: c.applicationId,
      id_number: c.idNumber,
      class: c.class,
      status: 'theory',
      accepted_at: c.acceptedAt,
      phone: c.phone,
      driving_school_code: c.schoolCode,
    })
    .execute();
}

/**
 * A person's open candidacies (theory or skills) in any city, the latest accepted first
 * (exam_candidates_person serves it; at most one open per city).
 */
export async function openCandidaciesAnywhere(db: DbOrTx, idNumber: string) {
  return await db
    .selectFrom('exam_candidates')
    .select(['city_code', 'application_id'])
    .where('id_number', '=', idNumber)
    .where('status', 'in', ['theory', 'skills'])
    .orderBy('accepted_at', 'desc')
    .execute();
}

/** A person's open candidacy in a city (theory or skills), locked for the caller's step. */
export async function openCandidate(tx: Tx, cityCode: string, idNumber: string) {
  const row = await tx
    .selectFrom('exam_candidates')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .where('status', 'in', ['theory', 'skills'])
    .forUpdate()
    .executeTakeFirst();
  return row ? toCandidate(row) : null;
}

export async function updateCandidate(
  tx: Tx,
  c: {
    cityCode: string;
    applicationId: string;
    status: Candidate['status'];
    permit?: { issuedOn: string; validUntil: string };
    closedOn?: string;
  },
) {
  await tx
    .updateTable('exam_candidates')
    .set({
      status: c.status,
      ...(c.permit
        ? { permit_issued_on: c.permit.issuedOn, permit_valid_until: c.permit.validUntil }
        : {}),
      ...(c.closedOn ? { closed_on: c.closedOn } : {}),
    })
    .where('city_code', '=', c.cityCode)
    .where('application_id', '=', c.applicationId)
    .execute();
}

export async function insertExamResult(tx: Tx, row: Insertable<ExamResultsTable>) {
  await tx.insertInto('exam_results').values(row).execute();
}

/** The results that counted for an application, in the order they were taken. */
export async function countedResults(db: DbOrTx, cityCode: string, applicationId: string) {
  return await db
    .selectFrom('exam_results')
    .select(['subject', 'passed', 'absent', 'started_at'])
    .where('city_code', '=', cityCode)
    .where('application_id', '=', applicationId)
    .where('counted', '=', true)
    .orderBy('started_at')
    .orderBy('recorded_at')
    .execute();
}

/** A person's exam results in a city, newest first (the driver file). */
export async function resultsOf(db: DbOrTx, cityCode: string, idNumber: string) {
  return await db
    .selectFrom('exam_results')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .orderBy('started_at', 'desc')
    .limit(100)
    .execute();
}

/** An exam site's results over a time range, newest first (the site's own screen). */
export async function resultsOfSite(
  db: DbOrTx,
  f: { cityCode: string; examSiteCode: string; from: Date; to: Date; limit: number },
) {
  return await db
    .selectFrom('exam_results')
    .selectAll()
    .where('city_code', '=', f.cityCode)
    .where('exam_site_code', '=', f.examSiteCode)
    .where('started_at', '>=', f.from)
    .where('started_at', '<', f.to)
    .orderBy('started_at', 'desc')
    .limit(f.limit)
    .execute();
}

/** A person's results from a moment on, in a city, in time order. */
export async function resultsSince(db: DbOrTx, cityCode: string, idNumber: string, since: Date) {
  return await db
    .selectFrom('exam_results')
    .select(['subject', 'passed', 'face_match', 'started_at'])
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .where('started_at', '>=', since)
    .orderBy('started_at')
    .orderBy('recorded_at')
    .execute();
}

/**
 * A page of a city's results finished in [since, until), by (finished_at, id) keyset: what
 * supervision audits (pass rates, face matches, durations, the review queue), with the phone and
 * driving school of the candidacy the exam belonged to (the person's latest accepted before the
 * exam started, `exam_candidates_person`), null when there is none (e.g. imported history).
 */
export async function resultsFinishedPage(
  db: DbOrTx,
  f: {
    cityCode: string;
    since: Date;
    until: Date;
    after?: { finishedAt: Date; id: string; key?: string };
    limit: number;
  },
) {
  let query = db
    .selectFrom('exam_results')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('exam_candidates as c')
          .select(['c.phone', 'c.driving_school_code'])
          .whereRef('c.city_code', '=', 'exam_results.city_code')
          .whereRef('c.id_number', '=', 'exam_results.id_number')
          .whereRef('c.accepted_at', '<=', 'exam_results.started_at')
          .orderBy('c.accepted_at', 'desc')
          .limit(1)
          .as('candidacy'),
      (join) => join.onTrue(),
    )
    .select([
      'id',
      'id_number',
      'subject',
      'exam_site_code',
      'examiner_id',
      'passed',
      'face_match',
      epochMs('started_at').as('started_ms'),
      epochMs('finished_at').as('finished_ms'),
      sql<string>`(extract(epoch FROM finished_at) * 1000000)::int8::text`.as('finished_us'),
      'recording_ref',
      'candidacy.phone',
      'candidacy.driving_school_code',
    ])
    .where('city_code', '=', f.cityCode)
    .where('finished_at', '>=', f.since)
    .where('finished_at', '<', f.until);
  if (f.after) {
    // The key (epoch microseconds) places the last row exactly; the Date would repeat it.
    const at = f.after.key
      ? sql<Date>`'epoch'::timestamptz + ${f.after.key}::int8 * interval '1 microsecond'`
      : f.after.finishedAt;
    const { id } = f.after;
    query = query.where((eb) =>
      eb.or([eb('finished_at', '>', at), eb.and([eb('finished_at', '=', at), eb('id', '>', id)])]),
    );
  }
  return await query.orderBy('finished_at').orderBy('id').limit(f.limit).execute();
}

/**
 * Imported results (legacy history), one statement; a legacy id already imported in the city is
 * skipped. Returns the legacy ids that went in.
 */
export async function insertImportedResults(tx: Tx, rows: Insertable<ExamResultsTable>[]) {
  if (!rows.length) return new Set<string>();
  const inserted = await tx
    .insertInto('exam_results')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['city_code', 'import_id']).where('import_id', 'is not', null).doNothing(),
    )
    .returning('import_id')
    .execute();
  return new Set(inserted.map((r) => r.import_id!));
}

/** What `examSummaryRows` is asked: the results finished in [since, until), the period from `from`. */
export interface ExamSummaryQuery {
  cityCode: string;
  since: Date;
  from: Date;
  until: Date;
  minMinutes: number | null;
  examples: number;
}

/** The Beijing day of an instant that is a Beijing midnight (the summaries hold whole days). */
const dayOf = (at: Date) => sql`beijing_day(${at}::timestamptz)`;

/**
 * Exam results summarised per examiner and subject, per exam site and subject, and per Beijing
 * day of the period, from the rows kept per unit, subject and day as results are recorded
 * (`exam_examiner_days`, `exam_site_days`; the bounds are Beijing midnights): each unit's
 * outcomes in order of (finished_at, id), the short exams and the passes without a face match
 * with their first `examples` ids, and the site of each unit's (each day's) first exam. Lists
 * come in order of each unit's first exam.
 */
export async function examSummaryRows(db: DbOrTx, q: ExamSummaryQuery) {
  const range = sql`city_code = ${q.cityCode} AND day >= ${dayOf(q.since)} AND day < ${dayOf(q.until)}`;
  const period = sql`day >= ${dayOf(q.from)}`;
  const limit = q.minMinutes === null ? null : q.minMinutes * 60;
  const outcomes = sql`
    coalesce(sum(n) FILTER (WHERE NOT ${period}), 0)::int AS baseline_n,
    coalesce(sum(passes) FILTER (WHERE NOT ${period}), 0)::int AS baseline_events,
    coalesce(sum(n) FILTER (WHERE ${period}), 0)::int AS n,
    coalesce(sum(passes) FILTER (WHERE ${period}), 0)::int AS events,
    coalesce(string_agg(outcomes, '' ORDER BY day) FILTER (WHERE ${period}), '') AS outcomes`;
  type Outcomes = {
    baseline_n: number;
    baseline_events: number;
    n: number;
    events: number;
    outcomes: string;
  };
  // The ids are only subscripted for the results singled out: unnesting them all cost more.
  const examiners = await sql<
    Outcomes & {
      examiner_id: string;
      subject: number;
      exam_site_code: string;
      short: number;
      short_examples: string[];
      overrides: number;
      override_examples: string[];
    }
  >`
    -- Not materialised: each use reads only the columns it needs, where a materialised CTE
    -- copied every day's arrays and sorted them whole (67 → 45 ms on a county-year).
    WITH days AS NOT MATERIALIZED (SELECT * FROM exam_examiner_days WHERE ${range}),
    picked AS (
      SELECT examiner_id, subject,
             count(*) FILTER (WHERE kind = 'short')::int AS short,
             (array_agg(ids[i] ORDER BY day, i) FILTER (WHERE kind = 'short'))[1:${q.examples}]
               AS short_examples,
             count(*) FILTER (WHERE kind = 'override')::int AS overrides,
             (array_agg(ids[i] ORDER BY day, i) FILTER (WHERE kind = 'override'))[1:${q.examples}]
               AS override_examples
        FROM (SELECT examiner_id, subject, day, ids, i, 'short' AS kind
                FROM days, unnest(seconds) WITH ORDINALITY AS u (seconds, i)
               -- Only the days with a short exam are unnested (ANY needs no row per element):
               -- unnesting every day's durations to find none cost 24 ms on a county-year.
               WHERE ${period} AND ${limit}::float8 > ANY(days.seconds) AND u.seconds < ${limit}::float8
              UNION ALL
              SELECT examiner_id, subject, day, ids, i, 'override'
                FROM days, unnest(string_to_array(overrides, NULL)) WITH ORDINALITY AS u (flag, i)
               WHERE ${period} AND overrides LIKE '%1%' AND u.flag = '1') x
       GROUP BY examiner_id, subject)
    SELECT d.examiner_id, d.subject, ${outcomes},
           (array_agg(first_site ORDER BY first_at))[1] AS exam_site_code,
           coalesce(min(p.short), 0) AS short,
           coalesce(min(p.short_examples), '{}') AS short_examples,
           coalesce(min(p.overrides), 0) AS overrides,
           coalesce(min(p.override_examples), '{}') AS override_examples
      FROM days d LEFT JOIN picked p USING (examiner_id, subject)
     GROUP BY d.examiner_id, d.subject
     ORDER BY min(first_at), d.examiner_id, d.subject`.execute(db);
  const sites = await sql<Outcomes & { exam_site_code: string; subject: number }>`
    SELECT exam_site_code, subject, ${outcomes}
      FROM exam_site_days WHERE ${range}
     GROUP BY exam_site_code, subject
     ORDER BY min(first_at), exam_site_code, subject`.execute(db);
  const examinerDays = await sql<{
    examiner_id: string;
    day: string;
    n: number;
    first_site_code: string;
  }>`
    SELECT examiner_id, day::text AS day, sum(n)::int AS n,
           (array_agg(first_site ORDER BY first_at))[1] AS first_site_code
      FROM exam_examiner_days WHERE ${range} AND ${period}
     GROUP BY examiner_id, day
     ORDER BY min(first_at), examiner_id`.execute(db);
  const siteDays = await sql<{ exam_site_code: string; day: string; n: number }>`
    SELECT exam_site_code, day::text AS day, sum(n)::int AS n
      FROM exam_site_days WHERE ${range} AND ${period}
     GROUP BY exam_site_code, day
     ORDER BY min(first_at), exam_site_code`.execute(db);
  return {
    examiners: examiners.rows,
    sites: sites.rows,
    examinerDays: examinerDays.rows,
    siteDays: siteDays.rows,
  };
}
