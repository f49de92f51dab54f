/**
 * `npm run bench:lists -- --data-dir <dir>`: the lists of the API and the first page of the web
 * app's screens over an existing data directory — typically one `cheguan generate --scale city`
 * filled (issue 9: every list paginated by keyset and answering in ≤ 200 ms p99, the first page of
 * each screen in ≤ 1 s, with a city-year loaded).
 *
 * For each list: a warm-up request, then `--repeat` requests of its first page one after the
 * other, then its next pages by `nextCursor` (where the list pages); latency client side over real
 * HTTP. `--explain <file>` writes EXPLAIN (ANALYZE, BUFFERS) of every statement one first-page
 * request sends, with its parameters, run in a transaction that is rolled back. `--screens` loads
 * each screen in Chromium (`/usr/bin/chromium`) as its user and times it until the network is idle
 * and no spinner is left; the public pages without a login.
 *
 * What a generated year lacks, it adds once per data directory: a bench clerk at each of the two
 * outlets whose list by a business type they seldom take is asked, a month's supervision output
 * over the small fraud city (`bench/supervised.ts`), the citizen of the citizen's screen.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app/server.ts';
import { startPlatform } from '../server/src/app/start.ts';
import { loadEnv } from '../server/src/env.ts';
import { log } from './log.ts';
import { fmt, markdownTable, percentile } from './stats.ts';
import { captureStatements, explainAll } from './explain.ts';
import { SCREEN_CITIZEN_PHONE, screenCitizen } from './citizens.ts';
import { benchClerk } from './users.ts';
import { supervisionOutput } from './supervised.ts';
import { documentToken, type SignedDocument } from '../server/src/documents/documents.service.ts';
import { timeScreens, type ScreenCase } from './screens.ts';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    repeat: { type: 'string', default: '20' },
    pages: { type: 'string', default: '5' },
    explain: { type: 'string' },
    screens: { type: 'boolean', default: false },
    markdown: { type: 'string' },
    password: { type: 'string' },
  },
});

interface ListCase {
  user: string;
  /** When not the demo password. */
  password?: string;
  path: string;
  /** The list answers `nextCursor`; its next pages are timed too. */
  pages: boolean;
}

interface ListResult {
  c: ListCase;
  status: number;
  items: number;
  first: number[];
  next: number[];
}

const env = loadEnv();
const dataDir = args['data-dir'];
if (!dataDir && !env.DATABASE_URL) {
  console.error(
    'usage: npm run bench:lists -- --data-dir <dir> [--repeat 20] [--pages 5] [--explain plans.md] [--screens] [--markdown out.md]',
  );
  process.exit(2);
}
const repeat = Number(args.repeat);
const pages = Number(args.pages);
const password = args.password ?? env.DEMO_PASSWORD;

log(`starting the platform on ${dataDir ?? 'DATABASE_URL'}…`);
const t0 = performance.now();
const platform = await startPlatform({
  ...env,
  ...(dataDir ? { CHEGUAN_DATA_DIR: dataDir } : {}),
  LOG_LEVEL: 'silent',
});
const webDir = path.resolve('web/dist');
const app = await buildApp(platform.ctx, args.screens ? { webDir } : {});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
log(`serving ${base} after ${fmt((performance.now() - t0) / 1000)} s`);

const db = platform.ctx.db;
const counts = await sql<{ t: string; n: string }>`
  SELECT relname AS t, reltuples::bigint::text AS n FROM pg_class
  WHERE relname IN ('vehicles','licences','violations','applications','inspections','exam_results')`.execute(
  db,
);
log(`rows (planner estimates): ${counts.rows.map((r) => `${r.t} ${r.n}`).join(', ')}`);

// Subjects for the per-record lists, drawn reproducibly from the data.
const one = async <T>(q: ReturnType<typeof sql<T>>) => {
  const row = (await q.execute(db)).rows[0];
  if (!row) throw new Error('the database holds no such record: generate data first');
  return row;
};
// A vehicle with business on file and a driver with points: the files a clerk opens most.
const vehicle = await one<{ vin: string; plate: string }>(
  sql`SELECT v.vin, v.plate FROM (
      (SELECT data->>'vin' AS vin FROM applications TABLESAMPLE SYSTEM (1) REPEATABLE (1)
        WHERE data ? 'vin' LIMIT 1)
      UNION ALL (SELECT data->>'vin' FROM applications WHERE data ? 'vin' LIMIT 1) LIMIT 1) a
    JOIN vehicles v ON v.vin = a.vin`,
);
const violator = await one<{ plate: string }>(
  sql`(SELECT plate FROM violations TABLESAMPLE SYSTEM (1) REPEATABLE (2) LIMIT 1)
    UNION ALL (SELECT plate FROM violations LIMIT 1) LIMIT 1`,
);
const driver = await one<{ id_number: string }>(
  sql`(SELECT id_number FROM point_entries TABLESAMPLE SYSTEM (1) REPEATABLE (3) LIMIT 1)
    UNION ALL (SELECT id_number FROM licences LIMIT 1) LIMIT 1`,
);
const clerkOutlet = await one<{ outlet_code: string }>(
  sql`SELECT outlet_code FROM users WHERE username = 'clerk.city'`,
);
// The clerk's outlet's latest application: the file its workstation's list opens first.
const application = await one<{ id: string }>(
  sql`SELECT id FROM applications WHERE outlet_code = ${clerkOutlet.outlet_code}
    ORDER BY submitted_at DESC, id DESC LIMIT 1`,
);
// An outlet asking for a business type it seldom or never takes: a page of it read along the
// outlet's time index or the city's type index passed over one of them whole. The two pairs
// (of different outlets) with fewer than a page of their own where the smaller of the two is
// largest (then the type's), each asked by a bench clerk of the outlet.
const pairs = (
  await sql<{ outlet_code: string; city_code: string; business_type: string; n: number }>`
    SELECT outlet_code, city_code, business_type, count(*)::int AS n
      FROM applications GROUP BY 1, 2, 3`.execute(db)
).rows;
const totalBy = (key: (r: (typeof pairs)[number]) => string) => {
  const m = new Map<string, number>();
  for (const r of pairs) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
  return m;
};
const byOutlet = totalBy((r) => `${r.city_code}|${r.outlet_code}`);
const byType = totalBy((r) => `${r.city_code}|${r.business_type}`);
const held = new Map(pairs.map((r) => [`${r.city_code}|${r.outlet_code}|${r.business_type}`, r.n]));
const rarePairs = [...byOutlet.entries()]
  .flatMap(([outlet, outletTotal]) => {
    const [cityCode, outletCode] = outlet.split('|') as [string, string];
    return [...byType.entries()]
      .filter(([type]) => type.startsWith(`${cityCode}|`))
      .map(([type, typeTotal]) => ({
        cityCode,
        outletCode,
        businessType: type.slice(cityCode.length + 1),
        own: held.get(`${outlet}|${type.slice(cityCode.length + 1)}`) ?? 0,
        outletTotal,
        typeTotal,
      }));
  })
  .filter((p) => p.own < 50)
  .sort(
    (a, b) =>
      Math.min(b.outletTotal, b.typeTotal) - Math.min(a.outletTotal, a.typeTotal) ||
      b.typeTotal - a.typeTotal,
  )
  .filter((p, i, all) => all.findIndex((q) => q.outletCode === p.outletCode) === i)
  .slice(0, 2);
const rareTypeLists: ListCase[] = [];
for (const p of rarePairs) {
  const clerk = await benchClerk(platform, { code: p.outletCode, city_code: p.cityCode });
  log(
    `${p.outletCode} (${p.outletTotal} applications) holds ${p.own} of the city's ${p.typeTotal} ${p.businessType}`,
  );
  rareTypeLists.push({
    user: clerk.username,
    password: clerk.password,
    path: `/api/v1/applications?businessType=${p.businessType}`,
    pages: true,
  });
}

const beijingDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const today = beijingDay(Date.now());
const yearAgo = beijingDay(Date.now() - 365 * 86_400_000);

const LISTS: ListCase[] = [
  { user: 'admin', path: '/api/v1/applications', pages: true },
  { user: 'admin', path: '/api/v1/applications?status=refused', pages: true },
  // The rarer statuses of a generated year: accepted (open, 0.7 %), expired (0.14 %), withdrawn
  // (none), each a range of the scope's status index.
  { user: 'admin', path: '/api/v1/applications?status=accepted', pages: true },
  { user: 'admin', path: '/api/v1/applications?status=expired', pages: true },
  { user: 'admin', path: '/api/v1/applications?status=withdrawn', pages: true },
  { user: 'admin', path: '/api/v1/applications?businessType=vehicle.transfer', pages: true },
  { user: 'admin', path: '/api/v1/applications?overdue=true', pages: true },
  { user: 'clerk.city', path: '/api/v1/applications', pages: true },
  { user: 'clerk.city', path: '/api/v1/applications?status=accepted', pages: true },
  { user: 'sup.county', path: '/api/v1/applications', pages: true },
  { user: 'sup.county', path: '/api/v1/applications?status=expired', pages: true },
  ...rareTypeLists,
  { user: 'admin', path: '/api/v1/outlets', pages: true },
  { user: 'admin', path: '/api/v1/agreements', pages: true },
  { user: 'admin', path: '/api/v1/users', pages: true },
  { user: 'sup.city', path: '/api/v1/alerts', pages: true },
  { user: 'sup.county', path: '/api/v1/alerts?status=open', pages: true },
  { user: 'sup.city', path: '/api/v1/supervision/reviews', pages: true },
  { user: 'sup.city', path: '/api/v1/spot-checks/draws', pages: true },
  { user: 'sup.city', path: '/api/v1/rectifications', pages: true },
  {
    user: 'sup.city',
    path: `/api/v1/service/sla-breaches?from=${yearAgo}&to=${today}`,
    pages: true,
  },
  { user: 'sup.city', path: '/api/v1/callbacks', pages: true },
  { user: 'sup.city', path: '/api/v1/callbacks?status=done', pages: true },
  { user: 'sup.city', path: '/api/v1/findings', pages: true },
  { user: 'sup.city', path: '/api/v1/cases', pages: true },
  {
    user: 'clerk.city',
    path: `/api/v1/violations?plate=${encodeURIComponent(violator.plate)}`,
    pages: true,
  },
  { user: 'clerk.city', path: `/api/v1/violations?idNumber=${driver.id_number}`, pages: true },
  {
    user: 'clerk.city',
    path: `/api/v1/vehicles/by-plate/${encodeURIComponent(vehicle.plate)}`,
    pages: false,
  },
  { user: 'clerk.city', path: `/api/v1/vehicles/${vehicle.vin}/history`, pages: false },
  { user: 'clerk.city', path: `/api/v1/licences/${driver.id_number}/history`, pages: false },
  { user: 'clerk.city', path: `/api/v1/drivers/${driver.id_number}`, pages: false },
  {
    user: 'clerk.city',
    path: `/api/v1/outlets/${clerkOutlet.outlet_code}/lane-board?date=${today}`,
    pages: false,
  },
  { user: 'clerk.exam', path: `/api/v1/exam-results?date=${today}`, pages: false },
];

const tokens = new Map<string, string>();
for (const [user, userPassword] of new Map(LISTS.map((l) => [l.user, l.password ?? password]))) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: userPassword }),
  });
  if (res.status !== 200) throw new Error(`login ${user}: HTTP ${res.status}`);
  tokens.set(user, ((await res.json()) as { token: string }).token);
}

async function get(c: ListCase, url: string) {
  const started = performance.now();
  const res = await fetch(`${base}${url}`, {
    headers: { authorization: `Bearer ${tokens.get(c.user)}` },
  });
  const body = (await res.json()) as { items?: unknown[]; nextCursor?: string | null };
  return { ms: performance.now() - started, status: res.status, body };
}

/** Identity numbers never go into a report. */
const masked = (p: string) => p.replace(/\d{17}[\dX]/g, '<idNumber>');

const withAfter = (p: string, after: string) =>
  `${p}${p.includes('?') ? '&' : '?'}after=${encodeURIComponent(after)}`;

// Before the lists are timed: the supervision lists (alerts, findings, cases) with a month's
// output in them, and a finding and a case for their screens.
const supervised = await supervisionOutput(platform, app, base, {
  admin: tokens.get('admin')!,
  supervisor: tokens.get('sup.city')!,
});

const results: ListResult[] = [];
for (const c of LISTS) {
  await get(c, c.path); // warm-up: plans and caches, as a user's second look would find them
  const first: number[] = [];
  let last = await get(c, c.path);
  for (let i = 0; i < repeat; i++) {
    last = await get(c, c.path);
    first.push(last.ms);
  }
  const next: number[] = [];
  let cursor = c.pages ? last.body.nextCursor : null;
  for (let p = 1; p < pages && cursor; p++) {
    const page = await get(c, withAfter(c.path, cursor));
    next.push(page.ms);
    cursor = page.body.nextCursor;
  }
  results.push({ c, status: last.status, items: last.body.items?.length ?? 1, first, next });
  const sorted = [...first].sort((a, b) => a - b);
  log(
    `${c.user} GET ${masked(c.path)}: HTTP ${last.status}, p99 ${fmt(percentile(sorted, 99))} ms`,
  );
}

const stat = (xs: number[], p: number) =>
  xs.length
    ? fmt(
        percentile(
          [...xs].sort((a, b) => a - b),
          p,
        ),
      )
    : '–';
const table = markdownTable(
  ['user', 'GET', 'HTTP', 'items', 'first page p50 ms', 'p99 ms', 'next pages', 'next p99 ms'],
  results.map((r) => [
    r.c.user,
    `\`${masked(r.c.path)}\``,
    String(r.status),
    String(r.items),
    stat(r.first, 50),
    stat(r.first, 99),
    String(r.next.length),
    stat(r.next, 99),
  ]),
);
console.log(`\n${table}\n`);
let markdown = `${table}\n`;

if (args.explain) {
  const plans: string[] = [];
  const seen = new Set<string>(); // a statement every request sends (the token's user) once
  for (const c of LISTS) {
    const captured = (await captureStatements(() => get(c, c.path))).filter((st) => {
      const fresh = !seen.has(st.text);
      seen.add(st.text);
      return fresh;
    });
    plans.push(
      `### ${c.user} GET \`${masked(c.path)}\`\n\n${await explainAll(platform.databaseUrl, captured)}`,
    );
  }
  fs.writeFileSync(args.explain, `${plans.join('\n\n')}\n`);
  log(`plans written to ${args.explain}`);
}

if (args.screens) {
  // A licence holder with no account but the one this screen's citizen may already have.
  const holder = await one<{ id_number: string; name: string }>(
    sql`SELECT l.id_number, l.name FROM (
        (SELECT id_number FROM point_entries TABLESAMPLE SYSTEM (1) REPEATABLE (5) LIMIT 50)
        UNION ALL (SELECT id_number FROM licences LIMIT 50)) p
      JOIN licences l ON l.id_number = p.id_number
      WHERE NOT EXISTS (SELECT 1 FROM users u
        WHERE u.id_number = l.id_number AND u.username <> ${SCREEN_CITIZEN_PHONE})
      LIMIT 1`,
  );
  const citizen = await screenCitizen(platform, { idNumber: holder.id_number, name: holder.name });
  const document = await one<SignedDocument>(
    sql`SELECT city_code AS "cityCode", id, kind, number FROM (
        (SELECT * FROM documents TABLESAMPLE SYSTEM (1) REPEATABLE (6) WHERE status = 'valid' LIMIT 1)
        UNION ALL (SELECT * FROM documents WHERE status = 'valid' LIMIT 1)) d LIMIT 1`,
  );
  const screens: ScreenCase[] = [
    { user: 'clerk.city', route: '/workstation' },
    { user: 'clerk.city', route: `/vehicles/${vehicle.vin}` },
    { user: 'clerk.city', route: `/drivers/${driver.id_number}` },
    { user: 'clerk.city', route: '/lane' },
    { user: 'admin', route: '/admin/network' },
    { user: 'admin', route: '/admin/users' },
    { user: 'admin', route: '/admin/delegation' },
    { user: 'admin', route: '/admin/agreements' },
    { user: 'admin', route: '/admin/policies' },
    { user: 'clerk.city', route: `/applications/${application.id}` },
    { user: 'clerk.city', route: '/exam-sessions' },
    { user: 'clerk.hospital', route: '/hospital' },
    { user: 'clerk.exam', route: '/exam-site' },
    { user: 'clerk.station', route: '/inspections' },
    { user: 'sup.city', route: '/supervision' },
    { user: 'sup.city', route: '/service' },
    { user: 'sup.city', route: '/antifraud' },
    { user: 'sup.county', route: '/supervision' },
    { user: citizen.username, route: '/citizen', password: citizen.password },
    ...(supervised.findingId
      ? [{ user: 'sup.city', route: `/antifraud/findings/${supervised.findingId}` }]
      : []),
    ...(supervised.caseId
      ? [{ user: 'sup.city', route: `/antifraud/cases/${supervised.caseId}` }]
      : []),
    // The public pages: a document's verification link (its QR code) and the look-up by the
    // number printed on it.
    {
      user: 'public',
      route: `/verify/${documentToken(platform.ctx.signer, document)}`,
      anonymous: true,
    },
    {
      user: 'public',
      route: `/verify?number=${encodeURIComponent(document.number)}`,
      anonymous: true,
    },
    // A spot-check draw's public page (双随机一公开): its frame, commitments and selection.
    { user: 'public', route: `/spot-checks/${supervised.drawId}`, anonymous: true },
  ];
  const timed = await timeScreens(base, password, screens);
  const screenTable = markdownTable(
    ['user', 'screen', 'loaded in ms (median of 3)', 'slowest of 3 ms', 'API failures'],
    timed.map((t) => [
      t.user,
      `\`${masked(t.route)}\``,
      fmt(t.median),
      fmt(t.max),
      t.failed.length ? masked(t.failed.join(', ')) : 'none',
    ]),
  );
  console.log(`\n${screenTable}\n`);
  markdown += `\n${screenTable}\n`;
}

if (args.markdown) fs.writeFileSync(args.markdown, markdown);
await app.close();
await platform.close();
