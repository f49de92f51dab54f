/**
 * `npm run bench -- --supervision`: one full supervision run (every rule) over a county-year of
 * generated data, timed next to a bare `count(*) … GROUP BY` scan of the same rows — the floor
 * any run must read them at. Goal (issue 10): the run within 3 × the scan.
 *
 * The data are written straight into the tables the rules read (the legacy business history, the
 * inspections and the exam results), seeded (`setseed`), so every run generates the same rows.
 * Each repeat first removes the alerts of the period (untimed), so every timed run writes all of
 * its alerts; the run's phases (`PhaseObserver`) are reported as a breakdown, median per phase.
 * One scan and run before the timed repeats are not counted: the process's first compiles the
 * code and opens the pool's connections, which a server's daily job has long done.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { OUTLET_CATEGORIES } from '#shared/catalog.ts';
import { SUPERVISION_PORTS } from '../server/src/app/registry.ts';
import type { Platform } from '../server/src/app/start.ts';
import { policyIn } from '../server/src/catalog/catalog.service.ts';
import type { Db } from '../server/src/db/database.ts';
import { addDays } from '../server/src/platform/time.ts';
import { RUN_KEYS, runSupervision } from '../server/src/supervision/runs.service.ts';
import { log } from './log.ts';
import { fmt, markdownTable } from './stats.ts';

export interface SupervisionBenchResult {
  /** The generated county-year, or null for a period of existing data (`--data-dir`). */
  county: string | null;
  year: number;
  period: { from: string; to: string };
  dataDir: string | null;
  applications: number;
  inspections: number;
  exams: number;
  outlets: number;
  stations: number;
  examSites: number;
  generateSeconds: number;
  runSeconds: number;
  /** Every timed run's seconds, in order. */
  runs: number[];
  /**
   * The warm-up run's seconds (not counted): the process's first, which over existing data also
   * takes the period's business into the anti-fraud graph.
   */
  warmUpSeconds: number;
  scanSeconds: number;
  alerts: number;
  read: string;
  /** What the scan counted: rows per table and the instants it read from. */
  scanned: string;
  /** Median milliseconds and rows of each phase of the run, in the order the run goes. */
  phases: { name: string; ms: number; rows: number }[];
}

/** Outlets that take vehicle and driver business at a window (not stations, sites, hospitals). */
const CATEGORIES_WITH_BUSINESS: readonly string[] = OUTLET_CATEGORIES.filter(
  (c) => !['inspection-station', 'exam-site', 'hospital', 'internet'].includes(c),
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface CountyYear {
  city: string;
  county: string;
  year: number;
  outlets: string[];
  stations: string[];
  examSites: string[];
}

/** The county with the most outlets that take business, its stations and exam sites. */
export async function pickCounty(db: Db, city: string, year: number): Promise<CountyYear> {
  const outletRows = await db
    .selectFrom('outlets')
    .select(['code', 'county_code', 'category'])
    .where('city_code', '=', city)
    .where('status', '=', 'active')
    .execute();
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
  // The county's own stations and exam sites, or the city's when it has none.
  const ofCategory = (category: string) => {
    const all = outletRows.filter((o) => o.category === category);
    const own = all.filter((o) => o.county_code === county);
    return (own.length ? own : all).map((o) => o.code);
  };
  return {
    city,
    county,
    year,
    outlets,
    stations: ofCategory('inspection-station'),
    examSites: ofCategory('exam-site'),
  };
}

/** Writes the county-year's rows (seeded, so the same every time) and analyses the tables. */
export async function generate(
  db: Db,
  y: CountyYear,
  opts: { applications: number; inspections: number; exams: number },
) {
  const { city, county } = y;
  const from = `${y.year}-01-01`;
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
        (SELECT ${y.outlets}::text[] AS codes) o
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
        (SELECT ${y.stations}::text[] AS codes) s,
        LATERAL (SELECT (${from}::date + floor(random() * 365)::int)::timestamp
          AT TIME ZONE 'Asia/Shanghai' + interval '8 hours 40 minutes'
          + random() * interval '8 hours' + g * interval '0 seconds' AS at) t
    `.execute(tx);
    // Subjects 1–3 over 8 examiners per site, 70–90 % passed, 1 % passed without a face match.
    await sql`
      INSERT INTO exam_results (city_code, id, id_number, subject, class, exam_site_code,
        examiner_id, score, passed, face_match, started_at, finished_at, counted, source,
        channel, recorded_at)
      SELECT ${city}, gen_random_uuid(), '5203021995' || lpad(g::text, 8, '0'), 1 + g % 3, 'C1',
        e.codes[1 + (g % array_length(e.codes, 1))],
        'EXAMINER-' || (g % array_length(e.codes, 1)) || '-' || (g / 7 % 8),
        CASE WHEN r.pass THEN 90 ELSE 60 END, r.pass,
        CASE WHEN random() < 0.01 THEN 'manual' ELSE 'pass' END,
        t.at, t.at + (8 + random() * 30) * interval '1 minute', true, 'import', 'api', t.at
      FROM generate_series(1, ${opts.exams}) g,
        (SELECT ${y.examSites}::text[] AS codes) e,
        LATERAL (SELECT random() < 0.7 + (g % 5) * 0.05 AS pass) r,
        LATERAL (SELECT (${from}::date + floor(random() * 365)::int)::timestamp
          AT TIME ZONE 'Asia/Shanghai' + interval '8 hours 30 minutes'
          + random() * interval '8 hours' + g * interval '0 seconds' AS at) t
    `.execute(tx);
  });
  // As autovacuum would have by the time the daily run reads a year.
  for (const table of [
    'legacy_applications',
    'legacy_application_days',
    'legacy_application_repeats',
    'inspections',
    'inspection_days',
    'inspection_photos',
    'inspection_photo_shares',
    'exam_results',
    'exam_examiner_days',
    'exam_site_days',
  ]) {
    await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
  }
}

/**
 * The floor a run reads its rows at: `count(*) … GROUP BY` over every source table the rules
 * read, from the earliest instant the run reads it (its history and look-back included).
 */
async function scan(db: Db, city: string, from: string, to: string) {
  const policy = await policyIn(db, RUN_KEYS, to, city);
  const days = (key: (typeof RUN_KEYS)[number]) => policy.values[key] ?? 0;
  const until = new Date(`${addDays(to, 1)}T00:00:00+08:00`);
  // The volume rule's look-back before the period, the frequent-business window before its end.
  const businessFrom = [
    addDays(from, -days('supervision.volume-spike.lookback-days')),
    addDays(to, 1 - days('supervision.frequent.window-days')),
  ].sort()[0]!;
  const businessSince = new Date(`${businessFrom}T00:00:00+08:00`);
  const historySince = new Date(
    `${addDays(from, -days('supervision.cusum.baseline-days'))}T00:00:00+08:00`,
  );
  const sources = [
    { table: 'legacy_applications', unit: 'outlet_code', at: 'submitted_at', since: businessSince },
    { table: 'applications', unit: 'outlet_code', at: 'submitted_at', since: businessSince },
    { table: 'inspections', unit: 'outlet_code', at: 'finished_at', since: historySince },
    { table: 'exam_results', unit: 'exam_site_code', at: 'finished_at', since: historySince },
  ];
  const s0 = performance.now();
  const counted: Record<string, number> = {};
  for (const s of sources) {
    const { rows } = await sql<{ n: number }>`SELECT ${sql.ref(s.unit)}, count(*)::int AS n
      FROM ${sql.table(s.table)}
      WHERE city_code = ${city} AND ${sql.ref(s.at)} >= ${s.since} AND ${sql.ref(s.at)} < ${until}
      GROUP BY 1`.execute(db);
    counted[s.table] = rows.reduce((sum, r) => sum + r.n, 0);
  }
  const seconds = (performance.now() - s0) / 1000;
  const scanned = `${JSON.stringify(counted)} (business since ${businessSince.toISOString()}, inspections and exams since ${historySince.toISOString()})`;
  return { seconds, scanned };
}

export async function benchSupervision(
  platform: Platform,
  opts: {
    applications: number;
    inspections: number;
    exams: number;
    repeats: number;
    /** A period of the existing data (`--data-dir`) instead of a generated county-year. */
    existing?: { dataDir: string; from: string; to: string } | null;
  },
): Promise<SupervisionBenchResult> {
  const db = platform.ctx.db;
  const city = '520300';
  const existing = opts.existing ?? null;
  const year = existing
    ? Number(existing.from.slice(0, 4))
    : Number(platform.ctx.clock.now().toISOString().slice(0, 4)) - 1;
  const from = existing?.from ?? `${year}-01-01`;
  const to = existing?.to ?? `${year}-12-31`;
  let y: CountyYear | null = null;
  let generateSeconds = 0;
  if (!existing) {
    y = await pickCounty(db, city, year);
    log(
      `supervision: generating ${opts.applications} legacy applications over ${y.outlets.length} outlets, ${opts.inspections} inspections over ${y.stations.length} stations and ${opts.exams} exam results over ${y.examSites.length} exam sites of county ${y.county}, ${year}…`,
    );
    const t0 = performance.now();
    await generate(db, y, opts);
    generateSeconds = (performance.now() - t0) / 1000;
    log(`supervision: generated in ${fmt(generateSeconds)} s`);
    // The daily run reads data written long before: the year just generated is flushed to disk
    // now, so that the checkpointer does not write it out during the timed runs.
    await sql`CHECKPOINT`
      .execute(db)
      .catch((e: Error) => log(`supervision: no CHECKPOINT before the runs (${e.message})`));
  }

  const scans: number[] = [];
  const runs: number[] = [];
  let warmUpSeconds = 0;
  const phases = new Map<string, { ms: number[]; rows: number }>();
  let alerts = 0;
  let read = '';
  let scanned = '';
  // Repeat 0 is the warm-up, not counted.
  for (let i = 0; i <= opts.repeats; i++) {
    const timed = i > 0;
    // Every timed run writes all of its alerts: none of the period's are left from before.
    await db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('alerts')
        .where('city_code', '=', city)
        .where('period_from', '=', from)
        .where('period_to', '=', to)
        .execute();
    });
    // The deleted alerts are this bench's own doing, not a city's: their dead rows go before the
    // next run writes the same alerts again.
    await sql`VACUUM alerts`.execute(db);
    const s = await scan(db, city, from, to);
    if (timed) scans.push(s.seconds);
    scanned = s.scanned;
    const r0 = performance.now();
    const run = await runSupervision(
      platform.ctx,
      null,
      { cityCode: city, from, to, trigger: 'request' },
      SUPERVISION_PORTS,
      (p) => {
        if (!timed) return;
        const seen = phases.get(p.name) ?? { ms: [], rows: p.rows };
        seen.ms.push(p.ms);
        phases.set(p.name, seen);
      },
    );
    const seconds = (performance.now() - r0) / 1000;
    if (timed) runs.push(seconds);
    else warmUpSeconds = seconds;
    alerts = run.alerts;
    const row = await db
      .selectFrom('supervision_runs')
      .select('read')
      .where('city_code', '=', city)
      .where('id', '=', run.runId)
      .executeTakeFirstOrThrow();
    read = JSON.stringify(row.read);
    log(
      `supervision${timed ? '' : ' (warm-up, not counted)'}: scan ${fmt(s.seconds, 3)} s, run ${fmt(seconds, 3)} s, ${alerts} alerts (${run.newAlerts} new)`,
    );
  }
  return {
    county: y?.county ?? null,
    year,
    period: { from, to },
    dataDir: existing?.dataDir ?? null,
    applications: opts.applications,
    inspections: opts.inspections,
    exams: opts.exams,
    outlets: y?.outlets.length ?? 0,
    stations: y?.stations.length ?? 0,
    examSites: y?.examSites.length ?? 0,
    generateSeconds,
    runSeconds: median(runs),
    runs,
    warmUpSeconds,
    scanSeconds: median(scans),
    alerts,
    read,
    scanned,
    phases: [...phases].map(([name, p]) => ({ name, ms: median(p.ms), rows: p.rows })),
  };
}

export function supervisionReport(r: SupervisionBenchResult): string {
  const total = r.phases.reduce((sum, p) => sum + p.ms, 0);
  const head = r.county
    ? [
        `#### Supervision run over a county-year (county ${r.county}, ${r.year})`,
        '',
        `${r.applications} legacy applications at ${r.outlets} outlets, ${r.inspections} inspections at ${r.stations} stations and ${r.exams} exam results at ${r.examSites} exam sites (generated in ${fmt(r.generateSeconds)} s). Median of ${r.runs.length} repeats after a warm-up run of ${fmt(r.warmUpSeconds, 3)} s that is not counted; each repeat writes all of its alerts.`,
      ]
    : [
        `#### Supervision run over ${r.period.from}..${r.period.to} of ${r.dataDir}`,
        '',
        `Every timed run in order (${r.runs.map((s) => `${fmt(s, 3)} s`).join(', ')}), after a warm-up run of ${fmt(r.warmUpSeconds, 3)} s that is not counted (the process's first: it compiles the code, opens connections and takes the period's business into the anti-fraud graph unless an earlier run did). The median is reported; each run writes all of its alerts.`,
      ];
  return [
    ...head,
    '',
    '| what | seconds | × scan |',
    '|---|---|---|',
    `| bare \`count(*) … GROUP BY\` of the same rows (4 tables) | ${r.scanSeconds.toFixed(3)} | 1 |`,
    `| full supervision run (every rule, ${r.alerts} alerts written) | ${r.runSeconds.toFixed(3)} | ${fmt(r.runSeconds / r.scanSeconds)} |`,
    '',
    `Rows the scan counted: ${r.scanned}.`,
    '',
    `Rows the run read: \`${r.read}\`.`,
    '',
    'Where the run spends its time (median per phase; rows: what the phase returned or handled):',
    '',
    markdownTable(
      ['phase', 'ms', 'share', 'rows'],
      r.phases.map((p) => [
        p.name,
        p.ms.toFixed(1),
        `${fmt((100 * p.ms) / total)} %`,
        String(p.rows),
      ]),
    ),
  ].join('\n');
}
