import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { inspectionDaysDrift } from '../../../test/support/business-days.ts';
import { rolledBack } from '../../../test/support/rolled-back.ts';
import { plantInspections, type PlantedInspection } from '../../../test/support/supervision.ts';
import { calendarBetween } from '../catalog/catalog.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { examResultFacts, examSummaries } from '../licences/exam-results.service.ts';
import { outletDirectory } from '../network/network.service.ts';
import { beijingDate } from '../platform/time.ts';
import { stationSummaries } from '../vehicles/inspections.service.ts';
import type { ExamFact } from './exam-port.ts';
import { summariseExams } from './exam-summaries.ts';
import { closedStarts, EXAMPLES, type Context } from './facts.ts';
import { dayKind } from '../network/opening-hours.ts';
import { classifyQuarter, quarterOf } from './hours.ts';
import { readPages, startOf } from './sources.ts';

/**
 * The runs read inspections and exam results as summaries grouped in SQL by their owning
 * areas. Here the summaries are held to the same figures computed row by row, in order of
 * (finished_at, id), over planted rows with every case the rules count.
 */
const CITY = '520300';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/**
 * Every row of some summary tables as kept by their triggers, and as their rebuild (what the
 * scale generator runs after its COPY) recomputes them; the rebuild is rolled back.
 */
async function keptAndRebuilt(tables: string[], rebuild: string) {
  const read = async (db: DbOrTx) => {
    const out: Record<string, unknown[]> = {};
    for (const table of tables) {
      // Every column, in the order of the key (the first columns: city, day, unit, subject).
      const { rows } = await sql<{ row: unknown }>`
        SELECT to_jsonb(s) AS row FROM ${sql.table(table)} s ORDER BY 1`.execute(db);
      out[table] = rows.map((r) => r.row);
    }
    return out;
  };
  const kept = await read(t.ctx.db);
  const rebuilt = await rolledBack(t.ctx.db, async (tx) => {
    await sql`SELECT ${sql.raw(rebuild)}()`.execute(tx);
    return await read(tx);
  });
  return { kept, rebuilt };
}

describe('inspections summarised per station', () => {
  it('counts as the rows do: baseline, outcomes in order, short ones and off-hours starts', async () => {
    const stations = await t.ctx.db
      .selectFrom('outlets')
      .select(['code', 'county_code'])
      .where('category', '=', 'inspection-station')
      .where('city_code', '=', CITY)
      .orderBy('code')
      .limit(3)
      .execute();
    const planted: PlantedInspection[] = [];
    stations.forEach((s, k) => {
      for (let i = 0; i < 60; i++) {
        // Weekdays and a Saturday, office hours and the small hours; a baseline in October.
        const day =
          i < 10 ? `2026-10-${String(12 + (i % 5)).padStart(2, '0')}` : `2026-11-0${2 + (i % 6)}`;
        const hour =
          i % 7 === 0 ? '03' : i % 11 === 0 ? '19' : String(9 + (i % 8)).padStart(2, '0');
        planted.push({
          station: s.code,
          county: s.county_code,
          at: `${day}T${hour}:${String((i * 7 + k) % 60).padStart(2, '0')}:00+08:00`,
          minutes: i % 5 === 0 ? 3 : 20 + (i % 9),
          passed: (i + k) % 4 !== 0,
        });
      }
    });
    await plantInspections(t.ctx.db, CITY, planted);
    // Then, in statements of their own (the station-days kept so far are recomputed), starts
    // before midnight that finish after it: one into the period, one inside it.
    const acrossMidnight = stations.flatMap((s, k) =>
      ['2026-11-01T23:50:00+08:00', '2026-11-03T23:55:00+08:00'].map((at): PlantedInspection => ({
        station: s.code,
        county: s.county_code,
        at,
        minutes: 20 + k,
        passed: k % 2 === 0,
      })),
    );
    for (const p of acrossMidnight) await plantInspections(t.ctx.db, CITY, [p]);
    const from = '2026-11-02';
    const to = '2026-11-08';
    const c: Context = {
      from,
      to,
      outlets: await outletDirectory(t.ctx.db, CITY),
      calendar: await calendarBetween(t.ctx.db, '2026-10-01', to),
    };
    const q = {
      cityCode: CITY,
      since: startOf('2026-10-01'),
      from: startOf(from),
      until: startOf('2026-11-09'),
      minMinutes: 10,
      examples: EXAMPLES,
    };
    const summed = await stationSummaries(t.ctx.db, {
      ...q,
      closed: closedStarts(c, '2026-10-01'),
    });

    const { rows } = await sql<{
      id: string;
      report_no: string;
      outlet_code: string;
      county_code: string;
      result: string;
      started_at: Date;
      finished_at: Date;
    }>`SELECT id, report_no, outlet_code, county_code, result, started_at, finished_at
         FROM inspections WHERE city_code = ${CITY}
          AND finished_at >= ${q.since} AND finished_at < ${q.until}
        ORDER BY finished_at, id`.execute(t.ctx.db);
    const expected = new Map<string, (typeof summed)[number]>();
    for (const r of rows) {
      let s = expected.get(r.outlet_code);
      if (!s) {
        s = {
          stationCode: r.outlet_code,
          countyCode: r.county_code,
          baselineN: 0,
          baselineEvents: 0,
          n: 0,
          events: 0,
          outcomes: '',
          short: 0,
          shortExamples: [],
          offHours: 0,
          offHoursExamples: [],
        };
        expected.set(r.outlet_code, s);
      }
      const passed = r.result === 'pass';
      if (r.finished_at < q.from) {
        s.baselineN++;
        if (passed) s.baselineEvents++;
        continue;
      }
      s.n++;
      if (passed) s.events++;
      s.outcomes += passed ? '1' : '0';
      if ((r.finished_at.getTime() - r.started_at.getTime()) / 60_000 < q.minMinutes) {
        s.short++;
        if (s.shortExamples.length < EXAMPLES) s.shortExamples.push(r.report_no);
      }
      const kind = dayKind(beijingDate(r.started_at), c.calendar);
      const hours = c.outlets.get(r.outlet_code)?.hours ?? null;
      if (classifyQuarter(hours, kind, quarterOf(r.started_at)) === 'closed') {
        s.offHours++;
        if (s.offHoursExamples.length < EXAMPLES) s.offHoursExamples.push(r.report_no);
      }
    }
    expect(summed).toEqual([...expected.values()]);
    // The plant has every case in it.
    expect(summed.every((s) => s.baselineN > 0 && s.short > 0 && s.offHours > 0)).toBe(true);
  });
});

describe('inspections per station and day, kept as they are recorded', () => {
  it('follows recordings at one station committed at once', async () => {
    const station = await t.ctx.db
      .selectFrom('outlets')
      .select(['code', 'county_code'])
      .where('category', '=', 'inspection-station')
      .where('city_code', '=', CITY)
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    // Four transactions at once, each kept open a moment after recording: without the lock on
    // the station, the later ones would recompute the day beside the first's uncommitted row.
    const starts = ['09:00', '09:30', '10:00', '10:30'];
    await Promise.all(
      starts.map((hhmm, k) =>
        t.ctx.db.transaction().execute(async (tx) => {
          await plantInspections(tx, CITY, [
            {
              station: station.code,
              county: station.county_code,
              at: `2026-12-01T${hhmm}:00+08:00`,
              passed: k % 2 === 0,
            },
          ]);
          await sql`SELECT pg_sleep(0.05)`.execute(tx);
        }),
      ),
    );
    expect(await inspectionDaysDrift(t.ctx.db)).toEqual([]);
    const day = await t.ctx.db
      .selectFrom('inspection_days')
      .select(['n', 'outcomes'])
      .where('station_code', '=', station.code)
      .where('day', '=', '2026-12-01')
      .executeTakeFirstOrThrow();
    expect(day).toEqual({ n: 4, outcomes: '1010' });
  });

  it('is rebuilt in one grouping to what the trigger kept', async () => {
    const { kept, rebuilt } = await keptAndRebuilt(['inspection_days'], 'inspection_days_rebuild');
    expect(kept.inspection_days!.length).toBeGreaterThan(10);
    expect(rebuilt).toEqual(kept);
  });
});

describe('exam results summarised per examiner, exam site and day', () => {
  let sites: string[];
  const since = startOf('2026-06-01');
  const from = startOf('2026-08-01');
  const until = startOf('2026-09-01');

  beforeAll(async () => {
    sites = (
      await t.ctx.db
        .selectFrom('outlets')
        .select('code')
        .where('category', '=', 'exam-site')
        .where('city_code', '=', CITY)
        .orderBy('code')
        .limit(2)
        .execute()
    ).map((s) => s.code);
    // 5,003 results at microsecond times (several in one millisecond), over two sites, three
    // subjects and seven examiners: 4 % without a face match, one in nine short. Every tenth
    // comes in a second statement, so the days kept from the first are recomputed.
    for (const tenth of [false, true]) {
      await sql`
        INSERT INTO exam_results (city_code, id, id_number, subject, class, exam_site_code,
          examiner_id, score, passed, face_match, started_at, finished_at, counted, source,
          channel, recorded_at)
        SELECT ${CITY}, gen_random_uuid(), '5203021995' || lpad(g::text, 8, '0'), 1 + g % 3, 'C1',
          (${sites}::text[])[1 + g % 2], 'SUM-' || (g % 7),
          CASE WHEN g % 4 = 0 THEN 60 ELSE 90 END, g % 4 <> 0,
          CASE WHEN g % 25 = 0 THEN 'fail' WHEN g % 25 = 1 THEN 'manual' ELSE 'pass' END,
          t.at - CASE WHEN g % 9 = 0 THEN interval '4 minutes' ELSE interval '25 minutes' END,
          t.at, true, 'import', 'api', t.at
        FROM generate_series(1, 5003) g,
          LATERAL (SELECT ${since}::timestamptz + (g / 3) * interval '1 hour 3 minutes'
            + (g % 3) * interval '7 microseconds' + interval '0.123456 seconds' AS at) t
        WHERE (g % 10 = 0) = ${tenth}
      `.execute(t.ctx.db);
    }
  });

  it('reads every result once across keyset pages (a page’s last row is not read again)', async () => {
    const rows: ExamFact[] = [];
    const read = await readPages(
      (after) => examResultFacts(t.ctx.db, { cityCode: CITY, since, until, after, limit: 5000 }),
      (batch) => rows.push(...batch),
    );
    expect(read).toBe(5003);
    expect(new Set(rows.map((r) => r.id)).size).toBe(5003);
  });

  it('gives the figures of the rows, in the same order', async () => {
    const rows: ExamFact[] = [];
    await readPages(
      (after) => examResultFacts(t.ctx.db, { cityCode: CITY, since, until, after, limit: 5000 }),
      (batch) => rows.push(...batch),
    );
    const q = { since, from, until, minMinutes: 10, examples: EXAMPLES };
    const summed = await examSummaries(t.ctx.db, { cityCode: CITY, ...q });
    expect(summed).toEqual(summariseExams(rows, q));
    const all = summed.examiners;
    expect(all.every((e) => e.baselineN > 0 && e.n > 0)).toBe(true);
    expect(all.filter((e) => e.short > 0 && e.overrides > 0).length).toBeGreaterThan(5);
    expect(summed.examinerDays.length).toBeGreaterThan(30);
  });

  it('keeps results of one examiner and site recorded at once', async () => {
    // Four transactions at once, each kept open a moment after recording (see the stations').
    await Promise.all(
      [0, 1, 2, 3].map((k) =>
        t.ctx.db.transaction().execute(async (tx) => {
          await sql`
            INSERT INTO exam_results (city_code, id, id_number, subject, class, exam_site_code,
              examiner_id, score, passed, face_match, started_at, finished_at, counted, source,
              channel, recorded_at)
            VALUES (${CITY}, gen_random_uuid(), ${`52030219950101${String(k).padStart(4, '0')}`}, 2,
              'C1', ${sites[0]}, 'SUM-AT-ONCE', 90, ${k % 2 === 0}, 'pass',
              ${startOf('2026-09-10')}::timestamptz + ${k} * interval '1 hour' + interval '9 hours',
              ${startOf('2026-09-10')}::timestamptz + ${k} * interval '1 hour' + interval '10 hours',
              true, 'import', 'api', now())`.execute(tx);
          await sql`SELECT pg_sleep(0.05)`.execute(tx);
        }),
      ),
    );
    const examiner = await t.ctx.db
      .selectFrom('exam_examiner_days')
      .select(['n', 'outcomes'])
      .where('examiner_id', '=', 'SUM-AT-ONCE')
      .execute();
    expect(examiner).toEqual([{ n: 4, outcomes: '1010' }]);
    const site = await t.ctx.db
      .selectFrom('exam_site_days')
      .select(['n', 'outcomes'])
      .where('exam_site_code', '=', sites[0]!)
      .where('day', '=', '2026-09-10')
      .where('subject', '=', 2)
      .execute();
    expect(site).toEqual([{ n: 4, outcomes: '1010' }]);
  });

  it('are rebuilt in one grouping to what the trigger kept', async () => {
    const tables = ['exam_examiner_days', 'exam_site_days'];
    const { kept, rebuilt } = await keptAndRebuilt(tables, 'exam_days_rebuild');
    expect(kept.exam_examiner_days!.length).toBeGreaterThan(30);
    expect(kept.exam_site_days!.length).toBeGreaterThan(10);
    expect(rebuilt).toEqual(kept);
  });
});
