import { sql, type Insertable, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { ExamReviewsTable } from '../db/types.ts';

export type ReviewRow = Selectable<ExamReviewsTable>;

/** Adds the drawn exams of a day; an exam drawn before is left as it is. Returns those added. */
export async function insertReviews(tx: Tx, rows: Insertable<ExamReviewsTable>[]) {
  let added = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await tx
      .insertInto('exam_reviews')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['city_code', 'review_date', 'exam_id']).doNothing())
      .returning('id')
      .execute();
    added += inserted.length;
  }
  return added;
}

export async function countReviewsOfDay(db: DbOrTx, cityCode: string, day: string) {
  const row = await db
    .selectFrom('exam_reviews')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.countAll<string>().filterWhere('reason', '=', 'flagged').as('flagged'),
    ])
    .where('city_code', '=', cityCode)
    .where('review_date', '=', day)
    .executeTakeFirstOrThrow();
  return { n: Number(row.n), flagged: Number(row.flagged) };
}

export async function listReviews(
  db: DbOrTx,
  f: {
    cityCode: string;
    countyCode?: string;
    status?: 'pending' | 'done';
    date?: string;
    after?: { reviewDate: string; id: string };
    limit: number;
  },
) {
  let q = db.selectFrom('exam_reviews').selectAll().where('city_code', '=', f.cityCode);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.date) q = q.where('review_date', '=', f.date);
  if (f.after) {
    const { reviewDate, id } = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('review_date', '<', reviewDate),
        eb.and([eb('review_date', '=', reviewDate), eb('id', '>', id)]),
      ]),
    );
  }
  return await q.orderBy('review_date', 'desc').orderBy('id').limit(f.limit).execute();
}

export async function lockReview(tx: Tx, cityCode: string, id: string) {
  return await tx
    .selectFrom('exam_reviews')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setVerdict(
  tx: Tx,
  r: {
    cityCode: string;
    id: string;
    verdict: 'ok' | 'irregular';
    note: string;
    by: string;
    at: Date;
    alertId: string | null;
  },
) {
  await tx
    .updateTable('exam_reviews')
    .set({
      status: 'done',
      verdict: r.verdict,
      note: r.note,
      reviewed_by: r.by,
      reviewed_at: r.at,
      alert_id: r.alertId,
    })
    .where('city_code', '=', r.cityCode)
    .where('id', '=', r.id)
    .execute();
}

/**
 * The examiners and exam sites that a day's draw made at `asOf` flags: an alert of the given
 * rules not closed by then (closed is final, so an alert with a disposition after `asOf` was still
 * open at it) that existed by then, or that the daily supervision run raised about a period up
 * to the day (on time that run precedes the day's draw; caught up, it runs first again).
 */
export async function flaggedExamUnits(
  db: DbOrTx,
  cityCode: string,
  rules: readonly string[],
  asOf: { day: string; at: Date },
) {
  return await db
    .selectFrom('alerts as a')
    .leftJoin('supervision_runs as r', (j) =>
      j.onRef('r.city_code', '=', 'a.city_code').onRef('r.id', '=', 'a.run_id'),
    )
    .select(['a.subject_kind', 'a.subject_id', 'a.outlet_code'])
    .distinct()
    .where('a.city_code', '=', cityCode)
    .where('a.rule', 'in', rules)
    .where((eb) =>
      eb.or([
        eb('a.created_at', '<=', asOf.at),
        eb.and([eb('r.trigger', '=', 'job'), eb('a.period_to', '<=', asOf.day)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('a.status', '!=', 'closed'),
        eb.exists(
          eb
            .selectFrom('alert_dispositions as d')
            .select('d.alert_id')
            .whereRef('d.city_code', '=', 'a.city_code')
            .whereRef('d.alert_id', '=', 'a.id')
            .where('d.at', '>', asOf.at),
        ),
      ]),
    )
    .execute();
}

// The days the nightly job has drawn ----------------------------------------------------------

/**
 * Marks a city's day as drawn by the job; false when it was already. A second transaction
 * marking the same day waits for the first and then finds it marked.
 */
export async function claimReviewDay(
  tx: Tx,
  cityCode: string,
  day: string,
  drawn: number,
  at: Date,
) {
  const row = await tx
    .insertInto('exam_review_days')
    .values({ city_code: cityCode, day, drawn, drawn_at: at })
    .onConflict((oc) => oc.columns(['city_code', 'day']).doNothing())
    .returning('day')
    .executeTakeFirst();
  return row !== undefined;
}

/** The days of [from, to] the job has drawn in a city. */
export async function drawnReviewDaysBetween(
  db: DbOrTx,
  cityCode: string,
  from: string,
  to: string,
) {
  const rows = await db
    .selectFrom('exam_review_days')
    .select('day')
    .where('city_code', '=', cityCode)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return rows.map((r) => r.day);
}

/** The alert of a rule about a subject in a period, if it exists. */
export async function alertIdFor(
  db: DbOrTx,
  k: { cityCode: string; rule: string; kind: string; subject: string; from: string; to: string },
) {
  const row = await db
    .selectFrom('alerts')
    .select('id')
    .where('city_code', '=', k.cityCode)
    .where('rule', '=', k.rule)
    .where('subject_kind', '=', k.kind as never)
    .where('subject_id', '=', k.subject)
    .where('period_from', '=', k.from)
    .where('period_to', '=', k.to)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Adds one more irregular review to the evidence of the exam-review alert it joins
 * (`evidence.moreReviews`, in the order the verdicts came).
 */
export async function addReviewToAlert(
  tx: Tx,
  cityCode: string,
  alertId: string,
  review: Record<string, unknown>,
) {
  await tx
    .updateTable('alerts')
    .set({
      evidence: sql`jsonb_set(evidence, '{moreReviews}',
        coalesce(evidence->'moreReviews', '[]'::jsonb) || jsonb_build_array(${JSON.stringify(review)}::jsonb))`,
    })
    .where('city_code', '=', cityCode)
    .where('id', '=', alertId)
    .execute();
}
