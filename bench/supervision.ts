/**
 * `npm run bench -- --supervision`: one full supervision run (every rule) over a county-year of
 * generated data, timed next to a bare `count(*) … GROUP BY` scan of the same rows — the floor
 * any run must read them at. Goal (issue 10): the run within 3 × the scan.
 *
 * The data are written straight into the tables the rules read (the legacy business history and
 * the inspections), seeded (`setseed`), so every run generates the same rows.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { OUTLET_CATEGORIES } from '#shared/catalog.ts';
import { SUPERVISION_PORTS } from '../server/src/app/registry.ts';
import type { Platform } from '../server/src/app/start.ts';
import { runSupervision } from '../server/src/supervision/runs.service.ts';
import { log } from './log.ts';
import { fmt } from './stats.ts';

export interface SupervisionBenchResult {
  county: string;
  year: number;
  applications: number;
  inspections: number;
  outlets: number;
  stations: number;
  generateSeconds: number;
  runSeconds: number;
  scanSeconds: number;
  alerts: number;
  read: string;
}

/** Outlets that take vehicle and driver business at a window (not stations, sites, hospitals). */
const CATEGORIES_WITH_BUSINESS: readonly string[] = OUTLET_CATEGORIES.filter(
  (c) => !['inspection-station', 'exam-site', 'hospital', 'internet'].includes(c),
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSupervision(
  platform: Platform,
  opts: { applications: number; inspections: number; repeats: number },
): Promise<SupervisionBenchResult> {
  const db = platform.ctx.db;
  const city = '520300';
  const year = Number(platform.ctx.clock.now().toISOString().slice(0, 4)) - 1;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const outletRows = await db
    .selectFrom('outlets')
    .select(['code', 'county_code', 'category'])
    .where('city_code', '=', city)
    .where('status', '=', 'active')
    .execute();
  // The county with the most outlets that take business, and its inspection stations.
  const byCounty = new Map<string, number>();
  for (const o of outletRows) {
    if (CATEGORIES_WITH_BUSINESS.includes(o.category)) {
      byCounty.set(o.county_code, (byCounty.get(o.county_code) ?? 0) + 1);
    }
  }
  const county = [...byCounty].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const outlets = outletRows
    .filter((o) => o.county_code === county && CATEGORIES_WITH_BUSINESS.includes(o.category))
    .map((o) => o.code);
  let stations = outletRows
    .filter((o) => o.county_code === county && o.category === 'inspection-station')
    .map((o) => o.code);
  if (!stations.length) {
    stations = outletRows.filter((o) => o.category === 'inspection-station').map((o) => o.code);
  }
  log(
    `supervision: generating ${opts.applications} legacy applications over ${outlets.length} outlets and ${opts.inspections} inspections over ${stations.length} stations of county ${county}, ${year}…`,
  );
  const t0 = performance.now();
  await db.transaction().execute(async (tx) => {
    await sql`SELECT setseed(0.4242)`.execute(tx);
    // Office hours mostly (08:30 + up to 9 h), 3 % at any hour; 8 % refused; plates drawn from
    // a pool as large as the rows, so some vehicles come back within the rules' windows.
    await sql`
      INSERT INTO legacy_applications (city_code, id, business_type, outlet_code, county_code,
        staff_id, channel, applicant_id_number, applicant_name, plate, submitted_at, status,
        imported_at)
      SELECT ${city}, 'BENCH-' || g,
        (ARRAY['vehicle.licence-reissue', 'vehicle.transfer', 'vehicle.temp-plate',
               'vehicle.inspection-mark', 'vehicle.mortgage', 'vehicle.certificate-reissue'])
          [1 + floor(random() * 6)::int],
        o.codes[1 + (g % array_length(o.codes, 1))], ${county}, 'S' || (g % 40), 'window',
        '5203021990' || lpad((g % 100000000)::text, 8, '0'), '某某',
        '贵C' || lpad(floor(random() * ${opts.applications})::text, 7, '0'),
        (${from}::date + floor(random() * 365)::int)::timestamp AT TIME ZONE 'Asia/Shanghai'
          + CASE WHEN random() < 0.03 THEN random() * interval '24 hours'
                 ELSE interval '8 hours 30 minutes' + random() * interval '9 hours' END,
        CASE WHEN random() < 0.08 THEN 'refused' ELSE 'completed' END, now()
      FROM generate_series(1, ${opts.applications}) g,
        (SELECT ${outlets}::text[] AS codes) o
    `.execute(tx);
    await sql`
      INSERT INTO inspections (city_code, id, report_no, county_code, outlet_code, vin, result,
        items, started_at, finished_at, inspector, photo_hashes, recorded_by, recorded_at)
      SELECT ${city}, gen_random_uuid(), 'BENCH' || lpad(g::text, 10, '0'), ${county},
        s.codes[1 + (g % array_length(s.codes, 1))], 'BENCHVIN' || lpad(g::text, 9, '0'),
        CASE WHEN random() < 0.86 THEN 'pass' ELSE 'fail' END, '[]',
        t.at, t.at + (15 + random() * 30) * interval '1 minute', '检验员',
        ARRAY[md5(g::text)], 'bench', t.at
      FROM generate_series(1, ${opts.inspections}) g,
        (SELECT ${stations}::text[] AS codes) s,
        LATERAL (SELECT (${from}::date + floor(random() * 365)::int)::timestamp
          AT TIME ZONE 'Asia/Shanghai' + interval '8 hours 40 minutes'
          + random() * interval '8 hours' + g * interval '0 seconds' AS at) t
    `.execute(tx);
  });
  // As autovacuum would have by the time the daily run reads a year.
  await sql`VACUUM ANALYZE legacy_applications`.execute(db);
  await sql`VACUUM ANALYZE inspections`.execute(db);
  const generateSeconds = (performance.now() - t0) / 1000;
  log(`supervision: generated in ${fmt(generateSeconds)} s`);

  const since = new Date(`${from}T00:00:00+08:00`);
  const until = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const scan = async () => {
    const s0 = performance.now();
    for (const table of ['legacy_applications', 'applications'] as const) {
      await sql`SELECT outlet_code, count(*) FROM ${sql.table(table)}
        WHERE city_code = ${city} AND submitted_at >= ${since} AND submitted_at < ${until}
        GROUP BY outlet_code`.execute(db);
    }
    await sql`SELECT outlet_code, count(*) FROM inspections
      WHERE city_code = ${city} AND finished_at >= ${since} AND finished_at < ${until}
      GROUP BY outlet_code`.execute(db);
    return (performance.now() - s0) / 1000;
  };
  const scans: number[] = [];
  const runs: number[] = [];
  let alerts = 0;
  let read = '';
  for (let i = 0; i < opts.repeats; i++) {
    scans.push(await scan());
    const r0 = performance.now();
    const run = await runSupervision(
      platform.ctx,
      null,
      { cityCode: city, from, to, trigger: 'request' },
      SUPERVISION_PORTS,
    );
    runs.push((performance.now() - r0) / 1000);
    alerts = run.alerts;
    const row = await db
      .selectFrom('supervision_runs')
      .select('read')
      .where('city_code', '=', city)
      .where('id', '=', run.runId)
      .executeTakeFirstOrThrow();
    read = JSON.stringify(row.read);
    log(`supervision: scan ${fmt(scans.at(-1)!)} s, run ${fmt(runs.at(-1)!)} s, ${alerts} alerts`);
  }
  return {
    county,
    year,
    applications: opts.applications,
    inspections: opts.inspections,
    outlets: outlets.length,
    stations: stations.length,
    generateSeconds,
    runSeconds: median(runs),
    scanSeconds: median(scans),
    alerts,
    read,
  };
}

export function supervisionReport(r: SupervisionBenchResult): string {
  return [
    `#### Supervision run over a county-year (county ${r.county}, ${r.year})`,
    '',
    `${r.applications} legacy applications at ${r.outlets} outlets and ${r.inspections} inspections at ${r.stations} stations (generated in ${fmt(r.generateSeconds)} s); no exam results are generated. Median of the repeats.`,
    '',
    '| what | seconds | × scan |',
    '|---|---|---|',
    `| bare \`count(*) … GROUP BY outlet_code\` of the same rows (3 tables) | ${r.scanSeconds.toFixed(3)} | 1 |`,
    `| full supervision run (every rule, ${r.alerts} alerts) | ${r.runSeconds.toFixed(3)} | ${fmt(r.runSeconds / r.scanSeconds)} |`,
    '',
    `Rows the run read: \`${r.read}\`.`,
  ].join('\n');
}
