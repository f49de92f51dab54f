import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { rolledBack } from '../../../test/support/rolled-back.ts';
import { plantInspections } from '../../../test/support/supervision.ts';
import type { Tx } from '../db/database.ts';

/**
 * One recording refreshes its own unit-days of the summaries (inspection_days,
 * exam_examiner_days, exam_site_days) through the units' indexes. It does not scan the city's
 * rows. Over tables of a city-year's size, such a scan made each recorded inspection cost
 * 0.2 s and each exam result 0.4 s (migration 20261227090000). The tables here hold 100,000
 * rows of a few units. The statistics, as ANALYZE leaves them, are what the planner chose the
 * scan by.
 */
const CITY = '520300';
const ROWS = 100_000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** This transaction's scans of a table so far (pg_stat_xact_user_tables). */
async function scans(tx: Tx, table: string) {
  const { rows } = await sql<{ seq: string; idx: string }>`
    SELECT seq_scan AS seq, coalesce(idx_scan, 0) AS idx FROM pg_stat_xact_user_tables
     WHERE relname = ${table}`.execute(tx);
  return { seq: Number(rows[0]!.seq), idx: Number(rows[0]!.idx) };
}

/**
 * Copies of the row `template` finds, `ROWS` of them three minutes apart from 2025-06-01 (480 a
 * day), with the fields `vary` gives (SQL over the copy's number g), the summaries' trigger off.
 */
async function fill(tx: Tx, table: string, trigger: string, template: string, vary: string) {
  await sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`).execute(tx);
  await sql
    .raw(
      `INSERT INTO ${table}
       SELECT copy.*
         FROM (SELECT * FROM ${table} WHERE ${template} LIMIT 1) r, generate_series(1, ${ROWS}) g,
              LATERAL jsonb_populate_record(NULL::${table}, to_jsonb(r) || jsonb_build_object(
                'id', gen_random_uuid(), 'import_id', NULL,
                'started_at', timestamptz '2025-06-01 08:00+08' + g * interval '3 minutes',
                'finished_at', timestamptz '2025-06-01 08:20+08' + g * interval '3 minutes',
                ${vary})) copy`,
    )
    .execute(tx);
  await sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`).execute(tx);
  await sql.raw(`ANALYZE ${table}`).execute(tx);
}

const outletsOf = async (tx: Tx, category: 'inspection-station' | 'exam-site') =>
  await tx
    .selectFrom('outlets')
    .select(['code', 'county_code'])
    .where('category', '=', category)
    .where('city_code', '=', CITY)
    .orderBy('code')
    .limit(2)
    .execute();

describe('a recording refreshes the summaries of its own unit-days', () => {
  it('reads an inspection station’s day by its index, not every inspection', async () => {
    await rolledBack(t.ctx.db, async (tx) => {
      const [station, other] = await outletsOf(tx, 'inspection-station');
      const planted = (at: string) => ({
        station: station!.code,
        county: station!.county_code,
        at,
        passed: true,
      });
      await plantInspections(tx, CITY, [planted('2025-06-01T09:00:00+08:00')]);
      await fill(
        tx,
        'inspections',
        'inspection_days_keep',
        `outlet_code = '${station!.code}' AND started_at = timestamptz '2025-06-01 09:00+08'`,
        `'report_no', 'FILL' || g, 'photo_hashes', '{}'::text[],
         'outlet_code', CASE WHEN g % 2 = 0 THEN '${station!.code}' ELSE '${other!.code}' END`,
      );
      const before = await scans(tx, 'inspections');
      await plantInspections(tx, CITY, [planted('2025-08-08T10:00:00+08:00')]);
      const after = await scans(tx, 'inspections');
      expect(after.seq - before.seq).toBe(0);
      expect(after.idx).toBeGreaterThan(before.idx);
      const day = await tx
        .selectFrom('inspection_days')
        .select('n')
        .where('station_code', '=', station!.code)
        .where('day', '=', '2025-08-08')
        .executeTakeFirstOrThrow();
      // The day's copies (every other one of 480 a day) and the one recorded.
      expect(day.n).toBe(241);
    });
  });

  it('reads an examiner’s and an exam site’s day by their indexes, not every result', async () => {
    await rolledBack(t.ctx.db, async (tx) => {
      const [site, other] = await outletsOf(tx, 'exam-site');
      const record = (at: string) => sql`
        INSERT INTO exam_results (city_code, id, id_number, subject, class, exam_site_code,
          examiner_id, score, passed, face_match, started_at, finished_at, counted, source,
          channel, recorded_at)
        VALUES (${CITY}, gen_random_uuid(), '520302199501010012', 2, 'C1', ${site!.code},
          'REFRESH-E1', 90, true, 'pass', ${at}::timestamptz - interval '20 minutes',
          ${at}::timestamptz, true, 'import', 'api', now())`;
      await record('2025-06-01T09:00:00+08:00').execute(tx);
      await fill(
        tx,
        'exam_results',
        'exam_days_keep',
        `examiner_id = 'REFRESH-E1'`,
        `'examiner_id', 'REFRESH-E' || (g % 3 + 1),
         'exam_site_code', CASE WHEN g % 2 = 0 THEN '${site!.code}' ELSE '${other!.code}' END`,
      );
      const before = await scans(tx, 'exam_results');
      await record('2025-08-08T10:00:00+08:00').execute(tx);
      const after = await scans(tx, 'exam_results');
      expect(after.seq - before.seq).toBe(0);
      // The examiner's day and the site's day, each by its index.
      expect(after.idx - before.idx).toBeGreaterThanOrEqual(2);
      const { rows } = await sql<{ examiner: number; site: number }>`
        SELECT (SELECT n FROM exam_examiner_days WHERE examiner_id = 'REFRESH-E1'
                   AND day = '2025-08-08') AS examiner,
               (SELECT n FROM exam_site_days WHERE exam_site_code = ${site!.code}
                   AND day = '2025-08-08') AS site`.execute(tx);
      // 480 copies a day: a third by each examiner, half at each site, and the one recorded.
      expect(rows[0]).toEqual({ examiner: 161, site: 241 });
    });
  });
});
