import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { examsPort } from '../../../test/support/supervision.ts';
import { calendarBetween } from '../catalog/catalog.service.ts';
import { localTime } from '../db/outlet-days.sql.ts';
import { outletDirectory } from '../network/network.service.ts';
import { EXAMPLES } from './facts.ts';
import { dayKind } from '../network/opening-hours.ts';
import { classifyQuarter } from './hours.ts';
import { gatherFacts } from './runs.service.ts';
import { startOf } from './sources.ts';

/**
 * The run reads business once per table, per outlet and day in bands of quarters, and only the
 * days it names as examples per quarter. On planted legacy business (holidays, weekends, night
 * work, outlets with different hours) it must find exactly what classifying every quarter of
 * every day with `classifyQuarter` finds.
 */
let t: TestApp;
const CITY = '520300';
const PERIOD = { from: '2026-09-28', to: '2026-10-11' };
const LOOKBACK = 7;

beforeAll(async () => {
  t = await createTestApp();
  // Outlets with as many different sets of hours as the city has, a few of each.
  const outlets = await t.ctx.db
    .selectFrom('outlets')
    .select(['code', 'county_code', 'hours'])
    .where('city_code', '=', CITY)
    .where('category', 'not in', ['inspection-station', 'exam-site', 'hospital', 'internet'])
    .orderBy('code')
    .execute();
  const byHours = new Map<string, typeof outlets>();
  for (const o of outlets) {
    const key = JSON.stringify(o.hours);
    byHours.set(key, [...(byHours.get(key) ?? []), o]);
  }
  const chosen = [...byHours.values()].flatMap((list) => list.slice(0, 2));
  // Every outlet: some business at every hour of every day of the period and the week before
  // (the National Day holidays and the working Saturday 2026-10-10 included), some refused.
  const rows = chosen.flatMap((o, i) =>
    Array.from({ length: 21 * 24 }, (_, k) => {
      const day = Math.floor(k / 24);
      const minute = (k * 37 + i * 11) % 60;
      const at = new Date(
        startOf('2026-09-21').getTime() + ((day * 24 + (k % 24)) * 60 + minute) * 60_000,
      );
      return {
        city_code: CITY,
        id: `OUTLET-DAYS-${i}-${k}`,
        business_type: 'vehicle.temp-plate',
        outlet_code: o.code,
        county_code: o.county_code,
        staff_id: 'S1',
        channel: 'window' as const,
        applicant_id_number: '520302199001010011',
        applicant_name: '某某',
        submitted_at: at,
        status: (k + i) % 9 === 0 ? ('refused' as const) : ('completed' as const),
        imported_at: at,
      };
    }).filter((_, k) => (k * 7 + i) % 5 !== 0),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    await t.ctx.db
      .insertInto('legacy_applications')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
});
afterAll(async () => t.close());

describe('business per outlet and day', () => {
  it('places the pipeline’s rows by UTC+8 arithmetic on the day and quarter the time zone gives', async () => {
    // Every 7 min 13 s over two years, and every quarter boundary itself, ±1 s.
    const { day, quarter } = localTime('applications');
    const { rows } = await sql<{ n: number; wrong: number }>`
      SELECT count(*)::int AS n,
             (count(*) FILTER (
               WHERE ${day} <> (submitted_at AT TIME ZONE 'Asia/Shanghai')::date
                  OR ${quarter} <> (date_part('hour', submitted_at AT TIME ZONE 'Asia/Shanghai') * 4
                       + floor(date_part('minute', submitted_at AT TIME ZONE 'Asia/Shanghai') / 15))::int
             ))::int AS wrong
        FROM (SELECT generate_series(timestamptz '2025-12-31 00:00:00+08',
                                     timestamptz '2027-12-31 23:59:59+08', interval '433 seconds')
              UNION ALL
              SELECT b + d FROM generate_series(timestamptz '2026-03-01 00:00:00+08',
                                                timestamptz '2026-03-08 00:00:00+08',
                                                interval '15 minutes') AS b,
                                unnest(ARRAY[interval '-1 second', interval '0', interval '1 second']) AS d
             ) AS s (submitted_at)`.execute(t.ctx.db);
    expect(rows[0]!.n).toBeGreaterThan(145_000);
    expect(rows[0]!.wrong).toBe(0);
  });

  it('gives the figures of a quarter-by-quarter classification', async () => {
    const facts = await gatherFacts(t.ctx.db, { examResults: examsPort([]) }, CITY, PERIOD, {
      'supervision.volume-spike.lookback-days': LOOKBACK,
    });

    const outlets = await outletDirectory(t.ctx.db, CITY);
    const calendar = await calendarBetween(t.ctx.db, '2026-09-01', PERIOD.to);
    // Every planted row per outlet, day, quarter and status, from the rows themselves.
    const { rows: quarters } = await sql<{
      outletCode: string;
      day: string;
      quarter: number;
      status: string;
      n: number;
    }>`
      SELECT outlet_code AS "outletCode", local_day::text AS day, local_quarter AS quarter,
             status, count(*)::int AS n
        FROM legacy_applications
       WHERE city_code = ${CITY} AND submitted_at >= ${startOf('2026-09-21')}
         AND submitted_at < ${startOf('2026-10-12')}
       GROUP BY 1, 2, 3, 4`.execute(t.ctx.db);
    const expected = new Map<
      string,
      {
        n: number;
        refused: number;
        closed: number;
        days: Map<string, number>;
        baselineDays: Map<string, number>;
        closedQuarters: string[];
      }
    >();
    for (const r of quarters) {
      let e = expected.get(r.outletCode);
      if (!e) {
        e = {
          n: 0,
          refused: 0,
          closed: 0,
          days: new Map(),
          baselineDays: new Map(),
          closedQuarters: [],
        };
        expected.set(r.outletCode, e);
      }
      if (r.day < PERIOD.from) {
        e.baselineDays.set(r.day, (e.baselineDays.get(r.day) ?? 0) + r.n);
        continue;
      }
      e.n += r.n;
      if (r.status === 'refused') e.refused += r.n;
      e.days.set(r.day, (e.days.get(r.day) ?? 0) + r.n);
      const hours = outlets.get(r.outletCode)?.hours ?? null;
      if (classifyQuarter(hours, dayKind(r.day, calendar), r.quarter) === 'closed') {
        e.closed += r.n;
        e.closedQuarters.push(`${r.day} ${r.quarter}`);
      }
    }

    expect(facts.outletBusiness.size).toBe(expected.size);
    let closedSomewhere = 0;
    for (const [code, e] of expected) {
      const b = facts.outletBusiness.get(code)!;
      expect({ code, n: b.n, refused: b.refused, closed: b.closed }).toEqual({
        code,
        n: e.n,
        refused: e.refused,
        closed: e.closed,
      });
      expect(b.days).toEqual(e.days);
      expect(b.baselineDays).toEqual(e.baselineDays);
      const hhmm = (q: number) =>
        `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
      const earliest = [...new Set(e.closedQuarters)]
        .map((k) => k.split(' '))
        .map(([day, q]) => `${day} ${hhmm(Number(q))}`)
        .sort()
        .slice(0, EXAMPLES);
      expect(b.closedExamples.map((x) => `${x.day} ${x.time}`)).toEqual(earliest);
      if (e.closed) closedSomewhere++;
    }
    // The planted data do exercise the closed quarters.
    expect(closedSomewhere).toBeGreaterThan(1);
  });
});
