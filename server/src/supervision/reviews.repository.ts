import type { Insertable, Selectable } from 'kysely';
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

/** The examiners and exam sites with an open or assigned alert of the given rules. */
export async function flaggedExamUnits(db: DbOrTx, cityCode: string, rules: readonly string[]) {
  return await db
    .selectFrom('alerts')
    .select(['subject_kind', 'subject_id', 'outlet_code'])
    .distinct()
    .where('city_code', '=', cityCode)
    .where('rule', 'in', rules)
    .where('status', '!=', 'closed')
    .execute();
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
