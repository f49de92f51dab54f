import { sql } from 'kysely';
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

/** The candidates each business table keeps (migration `business_repeats`). */
const CANDIDATES: Record<BusinessTable, 'application_repeats' | 'legacy_application_repeats'> = {
  applications: 'application_repeats',
  legacy_applications: 'legacy_application_repeats',
};

/**
 * Subjects with at least `min` completed applications of a kind's types in [since, until), one
 * of them since `recentSince`, for every kind at once. It reads the candidates kept as the rows
 * are written: completed business of the repeat kinds whose subject (the plate or VIN, or the
 * applicant for licence business; see the migration) has other such business within 1 095 days,
 * the longest window the policy allows. One pass counts the candidates of every kind, and only
 * the subjects that repeat are read again for their applications (ids in time order), outlets
 * and latest county.
 */
export async function repeatedSubjects(db: DbOrTx, table: BusinessTable, f: RepeatQuery) {
  if (!f.kinds.length) return [];
  const kindOf = sql`CASE ${sql.join(
    f.kinds.map(
      (k) =>
        sql`WHEN business_type = ANY(${[...k.types]}::text[])${
          k.changes ? sql` AND change = ANY(${[...k.changes]}::text[])` : sql``
        } THEN ${k.kind}`,
    ),
    sql` `,
  )} END`;
  const minOf = sql`CASE kind ${sql.join(
    f.kinds.map((k) => sql`WHEN ${k.kind} THEN ${k.min}::int`),
    sql` `,
  )} END`;
  const rows = sql`
    SELECT ${kindOf} AS kind, subject, id::text AS id, outlet_code, county_code, submitted_at
      FROM ${sql.table(CANDIDATES[table])}
     WHERE city_code = ${f.cityCode}
       AND business_type = ANY(${f.kinds.flatMap((k) => k.types)}::text[])
       AND submitted_at >= ${f.since} AND submitted_at < ${f.until}`;
  const { rows: hits } = await sql<{ kind: string; subject: string }>`
    SELECT kind, subject FROM (${rows}) r
     WHERE kind IS NOT NULL
     GROUP BY kind, subject
    HAVING count(*) >= ${minOf} AND max(submitted_at) >= ${f.recentSince}`.execute(db);
  if (!hits.length) return [];
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
      FROM (${rows}) r
     WHERE (kind || ' ' || subject) = ANY(${hits.map((h) => `${h.kind} ${h.subject}`)}::text[])
     GROUP BY kind, subject`.execute(db);
  return found;
}
