/**
 * `cheguan eval fraud`: the anti-fraud detectors measured on a generated city. A fresh embedded
 * database with the demo network (so the generated outlets exist), the generated files imported
 * through the HTTP API as an administrator would, one supervision run over the period, the
 * findings read back as the city's supervisor, and every planted ring and hard-negative group
 * scored — next to the national caps rule on the same handlings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { FINDING_KINDS, findingListSchema, type Finding } from '#shared/schemas/antifraud.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import type { Env } from '../env.ts';
import { addDays } from '../platform/time.ts';
import { capsRule } from '../generate/fraud/caps.ts';
import { generateFraudCity, writeFraudCity } from '../generate/fraud/generate.ts';
import { explainScore, formatScore, scoreFindings } from '../generate/fraud/score.ts';
import { IMPORT_ORDER, type FraudDataset } from '../generate/fraud/truth.ts';
import type { FraudArgs } from './fraud.cli.ts';
import { buildApp } from './server.ts';
import { startPlatform } from './start.ts';

/** Lines per import request: the CONTRACT's limit. */
const LINES_PER_REQUEST = 20_000;

async function login(app: FastifyInstance, username: string, password: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${(res.json() as { token: string }).token}` };
}

/** Sends each import in parts and logs what was kept and refused. */
export async function importAll(
  app: FastifyInstance,
  auth: Record<string, string>,
  data: FraudDataset,
  log: (m: string) => void,
) {
  for (const kind of IMPORT_ORDER) {
    const lines: readonly unknown[] = data[kind];
    let imported = 0;
    const rejected: { line: number; error: string }[] = [];
    for (let from = 0; from < lines.length; from += LINES_PER_REQUEST) {
      const part = lines.slice(from, from + LINES_PER_REQUEST);
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/imports/${kind}`,
        headers: { ...auth, 'content-type': 'application/x-ndjson' },
        payload: part.map((l) => JSON.stringify(l)).join('\n'),
      });
      if (res.statusCode !== 200) throw new Error(`import ${kind}: ${res.statusCode} ${res.body}`);
      const answer = importResultSchema.parse(res.json());
      imported += answer.imported;
      rejected.push(...answer.rejected.map((r) => ({ ...r, line: r.line + from })));
    }
    log(
      `  ${kind.padEnd(22)} ${String(imported).padStart(7)} imported, ${rejected.length} rejected${rejected.length ? ` (first: line ${rejected[0]!.line}: ${rejected[0]!.error})` : ''}`,
    );
  }
}

async function readFindings(
  app: FastifyInstance,
  auth: Record<string, string>,
): Promise<Finding[]> {
  const all: Finding[] = [];
  for (const kind of FINDING_KINDS) {
    // Every page of the kind, so that the score counts every finding however many there are.
    let after: string | null = '';
    while (after !== null) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/findings?kind=${kind}${after ? `&after=${after}` : ''}`,
        headers: auth,
      });
      if (res.statusCode !== 200) throw new Error(`GET /findings: ${res.statusCode} ${res.body}`);
      const page = findingListSchema.parse(res.json());
      all.push(...page.items);
      after = page.nextCursor;
    }
  }
  return all;
}

/** The whole period, or consecutive runs of `stepDays` days as the daily job would do them. */
function runPeriods(period: { from: string; to: string }, stepDays: number | undefined) {
  if (!stepDays) return [period];
  const runs: { from: string; to: string }[] = [];
  for (let from = period.from; from <= period.to; from = addDays(from, stepDays)) {
    const to = addDays(from, stepDays - 1);
    runs.push({ from, to: to < period.to ? to : period.to });
  }
  return runs;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function evaluateFraud(env: Env, args: FraudArgs, log = console.log): Promise<void> {
  const t0 = performance.now();
  const { data, truth } = generateFraudCity(args.size, args.seed);
  if (args.out) writeFraudCity(args.out, data, truth);
  log(`generated the ${args.size} city of seed ${args.seed} in ${seconds(performance.now() - t0)}`);
  // The baseline needs no server: it reads the handlings as the national platform would.
  const t3 = performance.now();
  const caps = capsRule(data['violation-handlings']);
  log(
    formatScore(
      `\nNational caps rule (≤ 3 non-own vehicles a licence, ≤ 3 licences a vehicle; ${seconds(performance.now() - t3)})`,
      scoreFindings(truth, caps),
    ),
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-fraud-eval-'));
  fs.chmodSync(dataDir, 0o755); // as root the embedded server runs as an unprivileged user
  const platform = await startPlatform({
    ...env,
    CHEGUAN_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    CHEGUAN_DEMO: 'auto',
    LOG_LEVEL: 'silent',
  });
  try {
    // Errors of the server go to stderr: a failed run should say why.
    const app = await buildApp(platform.ctx, { logLevel: 'error' });
    try {
      const admin = await login(app, 'admin', env.DEMO_PASSWORD);
      const t1 = performance.now();
      await importAll(app, admin, data, log);
      log(`imported in ${seconds(performance.now() - t1)}`);
      const t2 = performance.now();
      let body = '';
      for (const period of runPeriods(truth.period, args.stepDays)) {
        const run = await app.inject({
          method: 'POST',
          url: '/api/v1/supervision/runs',
          headers: admin,
          payload: period,
        });
        if (run.statusCode !== 200) {
          throw new Error(
            `supervision run ${period.from} – ${period.to}: ${run.statusCode} ${run.body}`,
          );
        }
        body = run.body;
      }
      const runTime = performance.now() - t2;
      // What the last run stands behind: a finding of an earlier, shorter run that was not found
      // again keeps its own period.
      const findings = (
        await readFindings(app, await login(app, 'sup.city', env.DEMO_PASSWORD))
      ).filter((f) => f.period.to === truth.period.to);
      log(
        `supervision ${truth.period.from} – ${truth.period.to}${args.stepDays ? ` in runs of ${args.stepDays} days` : ' in one run'}: ${seconds(runTime)}, ${findings.length} findings (last run: ${body})`,
      );
      log(formatScore('\nDetectors (GET /findings)', scoreFindings(truth, findings)));
      if (args.explain) log(['', ...explainScore(truth, findings)].join('\n'));
    } finally {
      await app.close();
    }
  } finally {
    await platform.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
