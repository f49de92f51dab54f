/**
 * `cheguan generate --scale …`: a synthetic but lawful city-year written straight into the
 * tables by COPY. This is a tool like a migration or the bench's seeder, not an area: pushing
 * millions of rows through the pipeline would take days, so it writes the rows the pipeline
 * would have written (applications, documents, registry changes, violations' handling) and
 * nothing else. The applications are history: they have no audit records and no outbox events
 * (the audit chains start after them and stay verifiable). Their documents' tokens are signed
 * with the installation's secret, so a printed one verifies. The tables go in by groups, side by
 * side in transactions of their own committed together by two-phase commit, or all in one
 * transaction (load.ts): either way a failure leaves the database as it was, but for the
 * history's clerks (`prepare`), kept for the next run.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { BUSINESS_TYPE_CODES } from '#shared/catalog.ts';
import type { Signer } from '../../platform/signing.ts';
import {
  APPLICATION_COLUMNS,
  applicationRows,
  DOCUMENT_COLUMNS,
  documentRows,
  TEMP_PLATE_COLUMNS,
  tempPlateRows,
  type Context,
} from './applications.ts';
import { documentTokens } from '../../documents/documents.service.ts';
import { Candidates } from './business.ts';
import { beijingDay } from './format.ts';
import { CANDIDATE_COLUMNS, candidateRows, examResultRows, RESULT_COLUMNS } from './exams.ts';
import { Fleet } from './fleet.ts';
import { ident } from './ddl.ts';
import { loadGroups, type CopyStep, type Group } from './load.ts';
import { INSPECTION_COLUMNS, inspectionRows } from './inspections.ts';
import { Links } from './links.ts';
import { People } from './people.ts';
import { Random } from './random.ts';
import { outletsByType, readPlan } from './plan.ts';
import {
  LICENCE_COLUMNS,
  licenceDirectoryRows,
  licenceRows,
  MORTGAGE_COLUMNS,
  mortgageRows,
  VEHICLE_COLUMNS,
  vehicleDirectoryRows,
  vehicleRows,
} from './registry.ts';
import type { Plan, Scale } from './sizes.ts';
import { POINT_COLUMNS, pointRows, VIOLATION_COLUMNS, violationRows } from './violations.ts';
import { MARKER, settleLoads } from './two-phase.ts';
import type { World } from './world.ts';

export interface GenerateOptions {
  scale: Scale;
  seed: number;
  year: number;
  cityCode: string;
}

export interface GenerateReport {
  rows: Record<string, number>;
  seconds: number;
  /** Seconds per step: each table's COPY, then the indexes and keys. */
  steps: Record<string, number>;
  /** The groups of tables were loaded side by side (load.ts), not in one transaction. */
  parallel: boolean;
}

/** Summaries of the generated rows, rebuilt after the COPY (their triggers are off for it). */
const SUMMARIES = [
  'inspection_days',
  'inspection_photo_shares',
  'exam_examiner_days',
  'exam_site_days',
];

export async function generateScale(
  url: string,
  signer: Signer,
  opts: GenerateOptions,
  log: (m: string) => void = () => undefined,
  /** Groups side by side when the server allows it (load.ts); `false` runs one transaction. */
  { parallel = true }: { parallel?: boolean } = {},
): Promise<GenerateReport> {
  const t0 = performance.now();
  const report: GenerateReport = { rows: {}, seconds: 0, steps: {}, parallel: false };
  /** Runs a step, keeping and logging its time. */
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const s0 = performance.now();
    const result = await run();
    report.steps[name] = (performance.now() - s0) / 1000;
    log(`${name} (${report.steps[name]!.toFixed(1)} s)`);
    return result;
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let ctx: Context;
  try {
    // A load a crash interrupted between its two-phase commit's steps is finished first.
    for (const line of await settleLoads(client)) log(line);
    const done = await client.query('SELECT value FROM system_settings WHERE key = $1', [MARKER]);
    if (done.rows.length) {
      throw new Error(`this database already holds a generated year (${done.rows[0].value})`);
    }
    // Committed before the load: its groups' transactions check their rows against these
    // clerks. A load that fails leaves them, unable to log in, for the next run to use.
    ctx = await timed('prepare', () => prepare(client, signer, opts));
  } finally {
    await client.end();
  }
  const { w } = ctx;
  log(
    `${opts.scale}: ${w.plan.vehicles} vehicles, ${w.plan.licences} licences, ${w.plan.violations} violations, ` +
      `${BUSINESS_TYPE_CODES.reduce((s, t) => s + w.plan.counts[t], 0)} applications, year ${opts.year}, seed ${opts.seed}`,
  );
  const run = randomBytes(6).toString('hex');
  report.parallel = await loadGroups(url, groups(ctx, opts, run), {
    parallel,
    run,
    log,
    timed,
    copied: (table, rows, seconds) => {
      report.rows[table] = rows;
      report.steps[table] = seconds;
      log(`${table}: ${rows} rows (${seconds.toFixed(1)} s)`);
    },
  });
  await timed('analyze', () =>
    analyze(url, [...Object.keys(report.rows), 'inspection_photos', ...SUMMARIES]),
  );
  report.seconds = (performance.now() - t0) / 1000;
  return report;
}

/**
 * The tables in four groups that no foreign key joins (load.ts): the business (applications,
 * their documents, temporary plates and exam candidates), the violations and their points, the
 * registry, and the exam results and inspections with their summaries. The business comes first,
 * the longest way: its applications' COPY and their eleven index builds. It also writes the
 * marker. The exams and inspections were the business's once; apart, they are built beside the
 * applications' indexes instead of after them (city-year: 30 s of COPY and keys, and the
 * summaries' 8 s).
 */
function groups(ctx: Context, opts: GenerateOptions, run: string): Group[] {
  const { w } = ctx;
  const licensedOn = (p: number) => {
    const at = ctx.candidates.licensedAt(p);
    return at === null ? null : beijingDay(at);
  };
  const registry: CopyStep[] = [
    { table: 'vehicles', columns: VEHICLE_COLUMNS, rows: () => vehicleRows(w) },
    {
      table: 'vehicle_directory',
      columns: ['vin', 'city_code'],
      rows: () => vehicleDirectoryRows(w),
    },
    { table: 'mortgages', columns: MORTGAGE_COLUMNS, rows: () => mortgageRows(w) },
    // In the order of the holders' identity numbers, the demo's among them (registry.ts).
    {
      table: 'licences',
      columns: LICENCE_COLUMNS,
      rows: () => licenceRows(w, licensedOn),
      inOrderOf: 'id_number',
    },
    {
      table: 'licence_directory',
      columns: ['id_number', 'city_code'],
      rows: () => licenceDirectoryRows(w),
      inOrderOf: 'id_number',
    },
  ];
  const violations: CopyStep[] = [
    // The demo's records (ids DEMO…) sort after the generated ones (the city's code first).
    {
      table: 'violations',
      columns: VIOLATION_COLUMNS,
      rows: () => violationRows(ctx),
      keptAfter: true,
    },
    { table: 'point_entries', columns: POINT_COLUMNS, rows: () => pointRows(ctx, w.pointIdBase) },
  ];
  const business: CopyStep[] = [
    {
      table: 'applications',
      columns: APPLICATION_COLUMNS,
      rows: () => applicationRows(ctx, { next: w.documentSerialBase }),
      // Would mark each past day's summary stale once per row: the finish drops them instead.
      triggers: ['application_activity_inserted'],
    },
    {
      table: 'documents',
      columns: DOCUMENT_COLUMNS,
      rows: () => documentRows(ctx, { next: w.documentSerialBase }),
    },
    { table: 'temp_plates', columns: TEMP_PLATE_COLUMNS, rows: () => tempPlateRows(ctx) },
    { table: 'exam_candidates', columns: CANDIDATE_COLUMNS, rows: () => candidateRows(ctx) },
  ];
  // No key joins them to the applications: a group of their own, off the business's long way.
  const oversight: CopyStep[] = [
    {
      table: 'exam_results',
      columns: RESULT_COLUMNS,
      rows: () => examResultRows(ctx),
      // exam_examiner_days and exam_site_days are recomputed per statement through an index
      // the COPY goes without: rebuilt after it.
      triggers: ['exam_days_keep'],
    },
    {
      table: 'inspections',
      columns: INSPECTION_COLUMNS,
      rows: () => inspectionRows(ctx),
      // As above for inspection_days and inspection_photo_shares.
      triggers: ['inspection_days_keep', 'inspection_photo_shares_keep'],
      // Filled by a trigger on inspections: without its key during the COPY, rebuilt after it.
      fills: ['inspection_photos'],
    },
  ];
  return [
    {
      name: 'business',
      steps: business,
      // The load's longest way: the applications' seventeen keys and indexes follow their COPY
      // (135 s on the city-year without a worker) and ended long after the other groups, one
      // core idle meanwhile. With a worker each they take a larger share of both cores while the
      // others run, which have time to spare (docs/BENCHMARKS.md, "An outlet's business of one
      // type").
      buildWorkers: 1,
      finish: async (client) => {
        // The summaries of the days the year was copied into no longer count all their business.
        await client.query('DELETE FROM application_activity WHERE city_code = $1', [
          w.plan.cityCode,
        ]);
        await client.query(
          'UPDATE application_activity_days SET built_version = NULL WHERE city_code = $1',
          [w.plan.cityCode],
        );
        await client.query('INSERT INTO system_settings (key, value) VALUES ($1, $2)', [
          MARKER,
          JSON.stringify({ ...opts, at: new Date().toISOString(), run }),
        ]);
      },
    },
    { name: 'violations', steps: violations },
    { name: 'registry', steps: registry },
    {
      name: 'exams and inspections',
      steps: oversight,
      finish: (client, timed) =>
        timed('summaries', async () => {
          await client.query('SELECT inspection_days_rebuild()');
          await client.query('SELECT inspection_photo_shares_rebuild()');
          await client.query('SELECT exam_days_rebuild()');
        }),
    },
  ];
}

/**
 * Refreshes the planner's statistics of the filled tables, on two connections at once: ANALYZE
 * reads a sample of each table on one core.
 */
async function analyze(url: string, tables: readonly string[]) {
  const halves = [tables.filter((_, i) => i % 2 === 0), tables.filter((_, i) => i % 2 === 1)];
  await Promise.all(
    halves.map(async (half) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`ANALYZE ${half.map(ident).join(', ')}`);
      } finally {
        await client.end();
      }
    }),
  );
}

/** Reads the plan, creates the outlets' history clerks and reserves ids and serials. */
async function prepare(client: pg.Client, signer: Signer, opts: GenerateOptions): Promise<Context> {
  const base = await readPlan(client, opts);
  // One clerk per outlet for the history, who cannot log in (no password, inactive).
  await client.query(
    `INSERT INTO users (username, display_name, password_hash, roles, outlet_code, scope_level,
                        scope_code, active, city_code)
     SELECT 'history.' || code, '历史业务经办人', 'none', ARRAY['clerk'], code, 'outlet', code,
            false, city_code
       FROM outlets WHERE city_code = $1 AND status = 'active'
     ON CONFLICT (username) DO NOTHING`,
    [opts.cityCode],
  );
  const { rows: staffRows } = await client.query<{
    id: string;
    outlet_code: string;
    display_name: string;
  }>(
    `SELECT id, outlet_code, display_name FROM users WHERE city_code = $1 AND username LIKE 'history.%'`,
    [opts.cityCode],
  );
  const staff = new Map(staffRows.map((s) => [s.outlet_code, { id: s.id, name: s.display_name }]));
  const { rows: special } = await client.query<{
    code: string;
    name: string;
    category: string;
    county_code: string;
    type: string;
  }>(
    `SELECT category AS type, code, name, category, county_code FROM outlets
      WHERE city_code = $1 AND status = 'active' AND category IN ('inspection-station', 'exam-site')
      ORDER BY code`,
    [opts.cityCode],
  );
  const { byType, all } = outletsByType([...base.outletRows, ...special], staff);
  const plan: Plan = {
    ...base,
    outlets: byType,
    stations: byType['inspection-station']?.outlets ?? [],
    examSites: byType['exam-site']?.outlets ?? [],
  };
  if (!plan.stations.length || !plan.examSites.length || all.length === 0) {
    throw new Error('the city has no inspection station or exam site: seed the network first');
  }
  for (const type of BUSINESS_TYPE_CODES) {
    if (!plan.outlets[type]?.outlets.length) throw new Error(`no outlet may take ${type}`);
  }
  const reserve = async (sequence: string, count: number) => {
    const { rows } = await client.query<{ base: string }>(`SELECT nextval($1::regclass) AS base`, [
      sequence,
    ]);
    const first = Number(rows[0]!.base);
    await client.query('SELECT setval($1::regclass, $2)', [sequence, first + count]);
    return first;
  };
  const applications = BUSINESS_TYPE_CODES.reduce((s, t) => s + plan.counts[t], 0);
  const people = new People(opts.seed, plan.counties);
  if (plan.owners + plan.counts['licence.apply'] > people.capacity) {
    throw new Error(`more people than ${plan.counties.length} counties can number`);
  }
  const w: World = {
    plan,
    people,
    fleet: new Fleet(plan),
    vehicleIdBase: await reserve('vehicles_id_seq', plan.vehicles),
    // At most four documents an application (a registration's).
    documentSerialBase: await reserve('document_serial', 4 * applications),
    tempPlateSerialBase: await reserve('temp_plate_serial', plan.counts['vehicle.temp-plate']),
    // Ids given in the COPY (the sequence's default would cost a call a row).
    pointIdBase: await reserve('point_entries_id_seq', plan.violations),
  };
  const links = new Links(w);
  return {
    w,
    links,
    candidates: new Candidates(w, links),
    token: documentTokens(signer),
    random: new Random(opts.seed),
    dueOn: plan.dueOn,
  };
}
