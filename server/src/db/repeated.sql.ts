import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from './database.ts';
import type { BusinessTable } from './outlet-days.sql.ts';

/** One kind of repeated business a caller looks for: its types, and how many make a repeat. */
export interface RepeatKind {
  kind: string;
  types: readonly string[];
  min: number;
  /** Only change registrations of these kinds (`data.change`; the pipeline's table only). */
  changes?: readonly string[];
}

/** Which repeats to look for: every kind, in [since, until), one of them since `recentSince`. */
export interface RepeatQuery {
  cityCode: string;
  since: Date;
  recentSince: Date;
  until: Date;
  kinds: readonly RepeatKind[];
}

/**
 * Where each table's repeat-kind business is read from, with its subject: a plate (or VIN), or
 * the applicant for licence business. The legacy history keeps candidates as it is imported
 * (migration `business_repeats`): completed business of the repeat kinds whose subject has
 * other such business within 1 095 days, the longest window the policy allows, so any subject a
 * run can flag has all its items there. The pipeline's applications are read as they are (their
 * candidates at each commit cost the pipeline too much; docs/BENCHMARKS.md).
 */
const SOURCE: Record<
  BusinessTable,
  { from: RawBuilder<unknown>; subject: RawBuilder<unknown>; change: RawBuilder<unknown> }
> = {
  applications: {
    from: sql`applications`,
    subject: sql`CASE WHEN business_type LIKE 'licence.%' THEN applicant_id_number
                      ELSE coalesce(data ->> 'plate', data ->> 'vin') END`,
    change: sql`data ->> 'change'`,
  },
  legacy_applications: {
    // A legacy line of vehicle business without a plate (CONTRACT.md's `applications-history`
    // has none) counts for its applicant, the owner (`legacy_subject`).
    from: sql`legacy_application_repeats`,
    subject: sql`subject`,
    change: sql`NULL::text`,
  },
};

/**
 * Subjects with at least `min` completed applications of a kind's types in [since, until), one
 * of them since `recentSince`, for every kind at once, with their applications (ids in time
 * order), outlets and latest county: one statement, which counts every subject's items of all
 * the kinds first and tells apart by kind only the subjects with enough of them.
 */
export async function repeatedSubjects(db: DbOrTx, table: BusinessTable, f: RepeatQuery) {
  if (!f.kinds.length) return [];
  const source = SOURCE[table];
  const kindOf = sql`CASE ${sql.join(
    f.kinds.map(
      (k) =>
        sql`WHEN business_type = ANY(${[...k.types]}::text[])${
          k.changes ? sql` AND ${source.change} = ANY(${[...k.changes]}::text[])` : sql``
        } THEN ${k.kind}`,
    ),
    sql` `,
  )} END`;
  const minOf = sql`CASE kind ${sql.join(
    f.kinds.map((k) => sql`WHEN ${k.kind} THEN ${k.min}::int`),
    sql` `,
  )} END`;
  // The candidates are completed business only.
  const where = sql`city_code = ${f.cityCode}
       ${table === 'applications' ? sql`AND status = 'completed'` : sql``}
       AND business_type = ANY(${f.kinds.flatMap((k) => k.types)}::text[])
       AND submitted_at >= ${f.since} AND submitted_at < ${f.until}`;
  // A subject can repeat only with as many items as the least of the kinds asks, one of them
  // recent: counting each subject's items first (no kind worked out per row) leaves a few
  // thousand of a county-year's 51,000 candidate items to be told apart by kind.
  const least = Math.min(...f.kinds.map((k) => k.min));
  const { rows: found } = await sql<{
    kind: string;
    subject: string;
    n: number;
    ids: string[];
    outlets: string[];
    county_code: string;
  }>`
    SELECT kind, subject, count(*)::int AS n, array_agg(id ORDER BY submitted_at) AS ids,
           array_agg(DISTINCT outlet_code) AS outlets,
           (array_agg(county_code ORDER BY submitted_at DESC))[1] AS county_code
      FROM (SELECT ${kindOf} AS kind, ${source.subject} AS subject, id::text AS id,
                   outlet_code, county_code, submitted_at
              FROM ${source.from} WHERE ${where}) r
     WHERE subject IN (SELECT ${source.subject} AS subject FROM ${source.from} WHERE ${where}
                        GROUP BY 1
                       HAVING count(*) >= ${least} AND max(submitted_at) >= ${f.recentSince})
     GROUP BY kind, subject
    HAVING kind IS NOT NULL AND count(*) >= ${minOf} AND max(submitted_at) >= ${f.recentSince}`.execute(
    db,
  );
  return found;
}
