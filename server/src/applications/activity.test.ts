import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantApplication, userIdOf } from '../../../test/support/business-days.ts';
import { ZUNYI } from '../../../test/support/factories.ts';
import { addDays, beijingDate } from '../platform/time.ts';
import {
  businessBands,
  businessByOutletDay,
  businessByQuarter,
  summariseBusinessDays,
  summariseClosedDays,
} from './activity.service.ts';

/**
 * The bulletins' read of the pipeline's business: closed days from their summary (made on first
 * need, made again when one of their applications changed), the last days from the rows. Checked
 * against a grouping of the rows themselves, by the time zone's own arithmetic.
 */
let t: TestApp;
let actorId: string;
let outlets: { code: string; county: string }[];
const now = new Date();
const today = beijingDate(now);
const from = addDays(today, -12);
const HOUR = 3_600_000;

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const plant = (outlet: number, when: Date, status: 'completed' | 'refused' = 'completed') =>
  plantApplication(t.ctx.db, {
    outletCode: outlets[outlet]!.code,
    countyCode: outlets[outlet]!.county,
    actorId,
    at: when,
    status,
  });

/** Bands of quarters of an hour: before 09:00, to 18:00, after. */
const BOUNDS = [0, 36, 72, 96];

/** The rows grouped by outlet, county and day, straight from the table (the oracle). */
async function grouped(countyCode?: string) {
  const { rows } = await sql<{ key: string; counts: number[] }>`
    SELECT concat_ws('|', outlet_code, county_code, local::date) AS key,
           ARRAY[count(*), count(*) FILTER (WHERE status = 'completed'),
                 count(*) FILTER (WHERE status = 'refused'),
                 count(*) FILTER (WHERE local::time < '09:00'),
                 count(*) FILTER (WHERE local::time >= '09:00' AND local::time < '18:00'),
                 count(*) FILTER (WHERE local::time >= '18:00')]::int[] AS counts
      FROM (SELECT *, submitted_at AT TIME ZONE 'Asia/Shanghai' AS local FROM applications) a
     WHERE city_code = ${ZUNYI.cityCode}
       AND submitted_at >= ${at(from, '00:00')} AND submitted_at < ${at(addDays(today, 1), '00:00')}
       ${countyCode ? sql`AND county_code = ${countyCode}` : sql``}
     GROUP BY 1`.execute(t.ctx.db);
  return Object.fromEntries(rows.map((r) => [r.key, r.counts]));
}

/** What the service reads, each day its own group, in the same shape. */
async function read(countyCode?: string) {
  const rows = await businessBands(t.ctx.db, {
    cityCode: ZUNYI.cityCode,
    countyCode,
    from,
    to: today,
    groupOf: (day) => day,
    bounds: BOUNDS,
  });
  return Object.fromEntries(
    rows.map((r) => [
      [r.outletCode, r.countyCode, r.group].join('|'),
      [r.n, r.completed, r.refused, ...r.bands],
    ]),
  );
}

const versions = async () =>
  await sql<{ day: string; version: string; built_version: string | null }>`
    SELECT day::text, version::text, built_version::text FROM application_activity_days
     WHERE city_code = ${ZUNYI.cityCode} AND day >= ${from}::date ORDER BY day`
    .execute(t.ctx.db)
    .then((r) => r.rows);

beforeAll(async () => {
  t = await createTestApp();
  actorId = await userIdOf(t.ctx.db, 'clerk.city');
  outlets = (
    await t.ctx.db
      .selectFrom('outlets')
      .select(['code', 'county_code'])
      .where('city_code', '=', ZUNYI.cityCode)
      .orderBy('county_code')
      .execute()
  ).map((o) => ({ code: o.code, county: o.county_code }));
  outlets = [outlets[0]!, outlets.find((o) => o.county !== outlets[0]!.county)!];
  // Closed days (ten and nine days ago), a day still open (an hour ago), two outlets, refusals.
  for (const [outlet, when, status] of [
    [0, at(addDays(today, -10), '09:05'), 'completed'],
    [0, at(addDays(today, -10), '09:10'), 'completed'],
    [0, at(addDays(today, -10), '18:40'), 'refused'],
    [1, at(addDays(today, -9), '23:59'), 'completed'],
    [1, at(addDays(today, -9), '00:00'), 'completed'],
    [0, new Date(now.getTime() - HOUR), 'completed'],
  ] as const) {
    await plant(outlet, when, status);
  }
});
afterAll(async () => t.close());

describe('the bulletins’ read of the pipeline’s business', () => {
  it('counts every application once: closed days summarised, the last days from the rows', async () => {
    const expected = await grouped();
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(3);
    expect(await read()).toEqual(expected);
    // Every day of the period up to two days ago is summarised now, none after.
    const built = (await versions()).filter((v) => v.built_version !== null).map((v) => v.day);
    expect(built).toContain(addDays(today, -10));
    expect(built).toContain(addDays(today, -12));
    expect(built).not.toContain(addDays(today, -1));
    expect(built.every((d) => d < addDays(today, -1))).toBe(true);
    // Read again, from the summary alone: the same.
    expect(await read()).toEqual(expected);
  });

  it('marks a day stale when one of its applications changes, and reads it again', async () => {
    await read();
    const day = addDays(today, -9);
    const before = (await versions()).find((v) => v.day === day)!;
    expect(before.built_version).toBe(before.version);
    // Written into the past, and an application of that day refused after all.
    await plant(1, at(day, '12:00'));
    await sql`UPDATE applications SET status = 'refused'
               WHERE city_code = ${ZUNYI.cityCode} AND submitted_at = ${at(day, '23:59')}`.execute(
      t.ctx.db,
    );
    const after = (await versions()).find((v) => v.day === day)!;
    expect(Number(after.version)).toBe(Number(before.version) + 2);
    expect(after.built_version).toBe(before.built_version);
    const expected = await grouped();
    // Three on the day now, one of them refused; one before 09:00, one by day, one after 18:00.
    expect(expected[`${outlets[1]!.code}|${outlets[1]!.county}|${day}`]).toEqual([
      3, 2, 1, 1, 1, 1,
    ]);
    expect(await read()).toEqual(expected);
    const rebuilt = (await versions()).find((v) => v.day === day)!;
    expect(rebuilt.built_version).toBe(rebuilt.version);
  });

  it('leaves today’s business alone: no day marked when it is submitted', async () => {
    const marked = async () => (await versions()).filter((v) => v.day >= addDays(today, -1));
    expect(await marked()).toEqual([]);
    await plant(1, new Date(now.getTime() - 2 * 60_000));
    expect(await marked()).toEqual([]);
    expect(await read()).toEqual(await grouped());
  });

  it('reads one county', async () => {
    const county = outlets[1]!.county;
    const expected = await grouped(county);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(Object.keys(expected).every((k) => k.split('|')[1] === county)).toBe(true);
    expect(await read(county)).toEqual(expected);
  });

  it('sums the days of a group', async () => {
    const rows = await businessBands(t.ctx.db, {
      cityCode: ZUNYI.cityCode,
      from,
      to: today,
      groupOf: (day) => (day < addDays(today, -5) ? 'early' : 'late'),
      bounds: BOUNDS,
    });
    const expected = { early: [0, 0, 0, 0, 0, 0], late: [0, 0, 0, 0, 0, 0] };
    for (const [key, counts] of Object.entries(await grouped())) {
      if (!key.startsWith(`${outlets[0]!.code}|`)) continue;
      const sums = expected[key.split('|')[2]! < addDays(today, -5) ? 'early' : 'late'];
      counts.forEach((n, i) => (sums[i]! += n));
    }
    const got = (group: string) => {
      const r = rows.find((x) => x.group === group && x.outletCode === outlets[0]!.code)!;
      return [r.n, r.completed, r.refused, ...r.bands];
    };
    expect(expected.early[0]).toBeGreaterThan(0);
    expect(expected.late[0]).toBeGreaterThan(0);
    expect(got('early')).toEqual(expected.early);
    expect(got('late')).toEqual(expected.late);
  });

  it('gives a supervision run its outlet days alike, from summaries, stale days’ rows and open days’ rows', async () => {
    /** The run's shape keyed by outlet and day: [n, refused, ...bands]. */
    const outletDays = async () => {
      const rows = await businessByOutletDay(t.ctx.db, {
        cityCode: ZUNYI.cityCode,
        from,
        until: addDays(today, 1),
        bounds: BOUNDS,
      });
      // Summed per key, so that a day given twice shows as counted twice.
      const sums: Record<string, number[]> = {};
      for (const o of rows) {
        for (const [offset, ...values] of o.days) {
          const sum = (sums[`${o.outlet_code}|${addDays(from, offset!)}`] ??= [0, 0, 0, 0, 0]);
          values.forEach((v, i) => (sum[i]! += v));
        }
      }
      return sums;
    };
    const oracle = async () => {
      const sums: Record<string, number[]> = {};
      for (const [key, [n, , refused, ...bands]] of Object.entries(await grouped())) {
        const [outlet, , day] = key.split('|');
        const sum = (sums[`${outlet}|${day}`] ??= [0, 0, 0, 0, 0]);
        [n!, refused!, ...bands].forEach((v, i) => (sum[i]! += v));
      }
      return sums;
    };
    await plant(1, at(addDays(today, -3), '10:00'));
    await summariseBusinessDays(t.ctx.db, { cityCode: ZUNYI.cityCode, from, to: today });
    expect(await outletDays()).toEqual(await oracle());
    // A day made stale after the summaries is read from its rows; the summarised day after it
    // (with business) still from its summary alone.
    await plant(0, at(addDays(today, -4), '20:00'), 'refused');
    expect(await outletDays()).toEqual(await oracle());
    expect((await oracle())[`${outlets[0]!.code}|${addDays(today, -4)}`]).toEqual([1, 1, 0, 0, 1]);
  });

  it('gives a run’s example days per quarter alike, from summaries and from rows', async () => {
    await summariseBusinessDays(t.ctx.db, { cityCode: ZUNYI.cityCode, from, to: today });
    const stale = addDays(today, -8);
    await plant(0, at(stale, '07:20'));
    const asked = [addDays(today, -10), stale, today].flatMap((day) =>
      outlets.map((o) => ({
        outletCode: o.code,
        since: at(day, '00:00'),
        until: at(addDays(day, 1), '00:00'),
      })),
    );
    const rows = await businessByQuarter(t.ctx.db, { cityCode: ZUNYI.cityCode, days: asked });
    const got: Record<string, number> = {};
    for (const r of rows) {
      const key = `${r.outlet_code}|${r.day}|${r.quarter}`;
      got[key] = (got[key] ?? 0) + r.n;
    }
    const { rows: expected } = await sql<{ key: string; n: number }>`
      SELECT concat_ws('|', outlet_code, (submitted_at AT TIME ZONE 'Asia/Shanghai')::date,
               extract(hour FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int * 4
                 + extract(minute FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int / 15) AS key,
             count(*)::int AS n
        FROM applications
       WHERE city_code = ${ZUNYI.cityCode} AND outlet_code = ANY(${outlets.map((o) => o.code)})
         AND (submitted_at AT TIME ZONE 'Asia/Shanghai')::date::text
             = ANY(${[addDays(today, -10), stale, today]})
       GROUP BY 1`.execute(t.ctx.db);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(got).toEqual(Object.fromEntries(expected.map((r) => [r.key, r.n])));
  });

  it('summarises the closed days the nightly job finds missing or stale, once', async () => {
    await summariseClosedDays(t.ctx.db, ZUNYI.cityCode);
    expect(await summariseClosedDays(t.ctx.db, ZUNYI.cityCode)).toBe(0);
    await plant(0, at(addDays(today, -11), '10:00'));
    expect(await summariseClosedDays(t.ctx.db, ZUNYI.cityCode)).toBe(1);
    expect(await read()).toEqual(await grouped());
  });
});
