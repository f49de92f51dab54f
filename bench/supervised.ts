/**
 * Supervision output for bench:lists. A generated year holds no alerts, findings or cases, and
 * no fraud for the detectors to find, so their lists and screens would be measured empty. Once
 * per data directory, the administrator imports the small synthetic fraud city (`cheguan
 * generate fraud --size small`: rings and hard negatives over a 1,200 people's licences,
 * vehicles, camera records and handlings) dated within the year's last full month, as the
 * traffic police's systems send them (`POST /imports/…`); the city's supervisor runs
 * supervision over that month (`POST /supervision/runs`, as the dashboard's button does) and
 * opens a case from the run's highest-scored finding (`POST /cases`), then draws inspection
 * stations for a spot check (`POST /spot-checks/draws`: its frame weighs each station by its
 * alerts and its risk rating) with two parties who commit and reveal their shares, for the
 * draw's public page. Later runs find all three and reuse them.
 */
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { importAll } from '../server/src/app/fraud-eval.ts';
import { sha256 } from '../server/src/platform/signing.ts';
import type { Platform } from '../server/src/app/start.ts';
import { generateFraudCity } from '../server/src/generate/fraud/generate.ts';
import { log } from './log.ts';
import { fmt } from './stats.ts';

export interface SupervisionOutput {
  /** The month supervised (`from..to`), or null when an earlier run had done it. */
  ran: string | null;
  findingId: string | null;
  caseId: string | null;
  /** A completed spot-check draw, for its public page. */
  drawId: string;
}

/** The last calendar month (Beijing) with at least a tenth of the busiest recent month's business. */
async function lastFullMonth(platform: Platform): Promise<{ from: string; to: string }> {
  const { rows } = await sql<{ month: string; n: number }>`
    SELECT to_char(date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')
             AS month, count(*)::int AS n
      FROM applications
     WHERE submitted_at > (SELECT max(submitted_at) FROM applications) - interval '100 days'
     GROUP BY 1 ORDER BY 1 DESC`.execute(platform.ctx.db);
  const busiest = Math.max(...rows.map((r) => r.n));
  // The latest month is usually a few days' worth (the year's end, or the bench's own writes).
  const month = rows.slice(1).find((r) => r.n >= busiest / 10) ?? rows[0];
  if (!month) throw new Error('the database holds no applications: generate data first');
  const start = new Date(`${month.month}T00:00:00Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
  return { from: month.month, to: end.toISOString().slice(0, 10) };
}

async function call<T>(base: string, token: string, method: string, path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** The seed of the planted fraud city: the same rings on every data directory. */
const FRAUD_SEED = 1;

export async function supervisionOutput(
  platform: Platform,
  app: FastifyInstance,
  base: string,
  tokens: { admin: string; supervisor: string },
): Promise<SupervisionOutput> {
  const token = tokens.supervisor;
  const db = platform.ctx.db;
  const topFinding = () =>
    db
      .selectFrom('fraud_findings')
      .select('id')
      .orderBy('score', 'desc')
      .orderBy('id')
      .executeTakeFirst();
  let ran: string | null = null;
  if (!(await topFinding())) {
    const period = await lastFullMonth(platform);
    ran = `${period.from}..${period.to}`;
    log(`planting the small fraud city in ${ran} (once per data directory)…`);
    const { data } = generateFraudCity('small', FRAUD_SEED, period);
    await importAll(app, { authorization: `Bearer ${tokens.admin}` }, data, log);
    log(`supervising ${ran} for the supervision lists and screens…`);
    const started = performance.now();
    const run = await call<{ alerts: number; findings: number }>(
      base,
      token,
      'POST',
      '/api/v1/supervision/runs',
      period,
    );
    log(
      `supervised in ${fmt((performance.now() - started) / 1000)} s: ${run.alerts} alerts, ${run.findings} findings`,
    );
  }
  const drawId = await completedDraw(db, base, token);
  const finding = await topFinding();
  if (!finding) return { ran, findingId: null, caseId: null, drawId };
  const opened = await db
    .selectFrom('fraud_case_findings')
    .select('case_id')
    .where('finding_id', '=', finding.id)
    .executeTakeFirst();
  const caseId =
    opened?.case_id ??
    (
      await call<{ id: string }>(base, token, 'POST', '/api/v1/cases', {
        title: 'bench:lists 的案件',
        findingIds: [finding.id],
      })
    ).id;
  return { ran, findingId: finding.id, caseId, drawId };
}

/** The newest completed draw, or one drawn now as the supervisor's screen draws it. */
async function completedDraw(db: Platform['ctx']['db'], base: string, token: string) {
  const done = await db
    .selectFrom('spot_check_draws')
    .select('id')
    .where('status', '=', 'complete')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (done) return done.id;
  const parties = ['sup.city', 'procuratorate'];
  const started = performance.now();
  const draw = await call<{ id: string; frame: unknown[] }>(
    base,
    token,
    'POST',
    '/api/v1/spot-checks/draws',
    { population: 'inspection-station', count: 3, parties },
  );
  log(
    `drew a spot check of inspection stations in ${fmt(performance.now() - started, 0)} ms (a frame of ${draw.frame.length})`,
  );
  const path = `/api/v1/spot-checks/draws/${draw.id}`;
  const shares = parties.map(() => crypto.randomBytes(16).toString('hex'));
  for (const [i, party] of parties.entries()) {
    await call(base, token, 'POST', `${path}/commitments`, {
      party,
      commitment: sha256(shares[i]!),
    });
  }
  for (const [i, party] of parties.entries()) {
    await call(base, token, 'POST', `${path}/reveals`, { party, share: shares[i] });
  }
  return draw.id;
}
