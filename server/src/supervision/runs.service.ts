import { performance } from 'node:perf_hooks';
import type { RunResponse } from '#shared/schemas/supervision.ts';
import { audit } from '../audit/audit.service.ts';
import { calendarBetween, policyIn } from '../catalog/catalog.service.ts';
import type { PolicyKey } from '../catalog/policy-keys.ts';
import { readingSnapshot, type DbOrTx } from '../db/database.ts';
import { jurisdictionOf, outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { addDays } from '../platform/time.ts';
import { phaseTimer, type PhaseObserver } from '../platform/phases.ts';
import { takingTurns } from '../platform/turns.ts';
import type { FraudOutcome, SupervisionPorts } from './exam-port.ts';
import { emptyFacts, type Context, type RunFacts, type SourceId } from './facts.ts';
import { RULES, type Candidate } from './rules.ts';
import { insertAlertsOnce, insertRun, jobRunDays } from './supervision.repository.ts';
import { requireRunner } from './supervision.policy.ts';
import { SOURCES, type SourceRead } from './sources.ts';
import { newId } from '../platform/ids.ts';

type Values = Partial<Record<PolicyKey, number | null>>;

/** Every policy value a run reads: the rules' parameters and how far back the sources go. */
export const RUN_KEYS = [
  ...new Set([
    ...RULES.flatMap((r) => r.params),
    'supervision.cusum.baseline-days',
    'supervision.volume-spike.lookback-days',
    'supervision.frequent.window-days',
  ] as PolicyKey[]),
];

/**
 * Memory for a lane's sorts and hash tables: a county-year's grouped passes (about 20 MB at most)
 * stay in memory; three lanes at once stay far below the embedded server's shared buffers.
 */
const LANE_WORK_MEM_MB = 64;

/** Reads every source of a period (and the history its rules compare with) into facts. */
export async function gatherFacts(
  db: DbOrTx,
  ports: SupervisionPorts,
  cityCode: string,
  period: { from: string; to: string },
  v: Values,
  observe?: PhaseObserver,
  /** Only these sources (a funnel plot needs one); every source when left out. */
  only?: readonly SourceId[],
): Promise<RunFacts> {
  const phase = phaseTimer(observe);
  const lookback = v['supervision.volume-spike.lookback-days'] ?? 0;
  const baseline = v['supervision.cusum.baseline-days'] ?? 0;
  const window = v['supervision.frequent.window-days'] ?? 0;
  const earliest = addDays(period.from, -Math.max(lookback, baseline, window));
  const c: Context = await phase(
    'outlets and calendar',
    async () => ({
      from: period.from,
      to: period.to,
      outlets: await outletDirectory(db, cityCode),
      calendar: await calendarBetween(db, earliest, period.to),
    }),
    (c) => c.outlets.size,
  );
  const facts = emptyFacts(c);
  const s: SourceRead = { db, ports, cityCode, period, v, c, facts };
  const sources = only ? SOURCES.filter((x) => only.includes(x.id)) : SOURCES;
  for (const source of sources) {
    if (source.prepare)
      await phase(
        `${source.name}: before`,
        () => source.prepare!(s),
        (n) => n,
      );
  }
  // The lanes run at once, each in its own snapshot on its own connection; a lane reads its
  // sources in turn.
  await Promise.all(
    [...new Set(sources.map((x) => x.lane))].map((lane) =>
      readingSnapshot(db, LANE_WORK_MEM_MB, async (tx) => {
        for (const source of sources.filter((x) => x.lane === lane)) {
          await phase(
            source.name,
            () => source.read({ ...s, db: tx }),
            (n) => n,
          );
        }
      }),
    ),
  );
  facts.read.outlets = c.outlets.size;
  return facts;
}

/** Every rule over the facts: its candidates, or why it did not run. */
function applyRules(facts: RunFacts, v: Values, observe?: PhaseObserver) {
  const found: Record<string, { examined: number; alerts: number } | { skipped: string }> = {};
  const candidates: { rule: (typeof RULES)[number]; candidate: Candidate }[] = [];
  for (const rule of RULES) {
    const missing = rule.params.filter((k) => v[k] === null || v[k] === undefined);
    if (missing.length) {
      found[rule.id] = { skipped: `未配置政策值：${missing.join('、')}` };
      continue;
    }
    const t0 = performance.now();
    const result = rule.detect(facts, v as Record<PolicyKey, number>);
    observe?.({
      name: `rule ${rule.id}`,
      ms: performance.now() - t0,
      rows: result.candidates.length,
    });
    found[rule.id] = { examined: result.examined, alerts: result.candidates.length };
    for (const candidate of result.candidates) candidates.push({ rule, candidate });
  }
  return { found, candidates };
}

/** A run without anti-fraud detection (no port wired): no findings, nothing to store. */
const NO_FRAUD: FraudOutcome = { findings: 0, store: async () => undefined };

/** Runs of one process over one database take turns (why: the write's note in `runOnce`). */
const inTurn = takingTurns<AppContext['db']>();

/**
 * A run (DESIGN.md "Watching what was delegated"): every rule over a period of a city, recording
 * the policy values it used, what it read and what each rule found. Alerts are keyed by rule,
 * subject and period, so running a period again finds the alerts it found before and adds none.
 */
export function runSupervision(...run: Parameters<typeof runOnce>): Promise<RunResponse> {
  return inTurn(run[0].db, () => runOnce(...run));
}

async function runOnce(
  ctx: AppContext,
  actor: Actor | null,
  input: { cityCode: string; from: string; to: string; trigger: 'request' | 'job' },
  ports: SupervisionPorts,
  observe?: PhaseObserver,
): Promise<RunResponse> {
  const phase = phaseTimer(observe);
  const startedAt = ctx.clock.now();
  const policy = await phase('policy values', () =>
    policyIn(ctx.db, RUN_KEYS, input.to, input.cityCode),
  );
  const v: Values = policy.values;
  const runId = newId();
  // The anti-fraud detectors read their own sources: they run beside the rest of the run, from
  // its facts to its alerts, so at city size a run takes the longer of the two, not their sum. The
  // write waits for them and stores their findings and audit entry in its own transaction, before
  // the run's record and audit entry: a failure of either leaves nothing of the run. (The write
  // holds one connection while the detectors read on others, each read taking one for a page or
  // a page's transaction and holding none while it waits for another: DB_POOL_SIZE is at least
  // two, each lane of the facts takes one at a time, and runs take turns.)
  const fraud = ports.fraud
    ? phase(
        'anti-fraud detectors',
        () => ports.fraud!(ctx, actor, { ...input, runId }, observe),
        (r) => r.findings,
      )
    : Promise.resolve(NO_FRAUD);
  // Awaited in the write; until then an early failure must not count as unhandled.
  fraud.catch(() => undefined);
  const write = (async () => {
    const facts = await gatherFacts(ctx.db, ports, input.cityCode, input, v, observe);
    const { found, candidates } = applyRules(facts, v, observe);
    const seat = (await jurisdictionOf(ctx.db, ctx.db, input.cityCode)).seatCountyCode;
    return await phase(
      'write alerts, run and audit',
      () =>
        ctx.db.transaction().execute(async (tx) => {
          const now = ctx.clock.now();
          const created = await insertAlertsOnce(
            tx,
            candidates.map(({ rule, candidate: c }) => ({
              city_code: input.cityCode,
              id: newId(),
              rule: rule.id,
              severity: c.severity,
              subject_kind: c.subject.kind,
              subject_id: c.subject.id,
              subject_name: c.subject.name ?? null,
              outlet_code: c.outletCode,
              level:
                rule.routing === 'detachment' || c.severity === 'high' || !c.countyCode
                  ? 'detachment'
                  : 'brigade',
              county_code: c.countyCode || seat,
              period_from: input.from,
              period_to: input.to,
              evidence: { ...c.evidence, legalBasis: rule.legalBasis },
              status: 'open',
              deadline: null,
              run_id: runId,
              at: now,
            })),
          );
          const detected = await fraud;
          await phase(
            'anti-fraud findings: write',
            () => detected.store(tx),
            () => detected.findings,
          );
          // The run finishes with its detectors.
          const finishedAt = ctx.clock.now();
          await insertRun(tx, {
            cityCode: input.cityCode,
            id: runId,
            from: input.from,
            to: input.to,
            trigger: input.trigger,
            startedBy: actor?.username ?? 'system',
            startedAt,
            finishedAt,
            policy: policy.snapshot,
            read: facts.read,
            found,
            alerts: candidates.length,
            newAlerts: created.length,
          });
          await audit(tx, actor, finishedAt, {
            cityCode: input.cityCode,
            action: 'supervision.run',
            entityType: 'supervision-run',
            entityId: runId,
            details: {
              from: input.from,
              to: input.to,
              alerts: candidates.length,
              newAlerts: created,
            },
            event: 'supervision.run',
          });
          return {
            runId,
            alerts: candidates.length,
            newAlerts: created.length,
            findings: detected.findings,
          };
        }),
      () => candidates.length,
    );
  })();
  // A failed run still waits for the detectors: nothing of it goes on after it ends.
  await Promise.allSettled([write, fraud]);
  return await write;
}

/**
 * The daily job (`supervision-daily`) over each of `days` it has not run over yet in a city,
 * oldest first: the nights the server was down are caught up, and a day already run is not run
 * again (a run finds the alerts it found before, but its work is a city's day).
 */
export async function runMissedDays(
  ctx: AppContext,
  cityCode: string,
  days: string[],
  ports: SupervisionPorts,
) {
  if (!days.length) return [];
  const done = new Set(await jobRunDays(ctx.db, cityCode, days[0]!, days.at(-1)!));
  const ran: string[] = [];
  for (const day of [...days].sort()) {
    if (done.has(day)) continue;
    await runSupervision(ctx, null, { cityCode, from: day, to: day, trigger: 'job' }, ports);
    ran.push(day);
  }
  return ran;
}

/** `POST /supervision/runs`: the caller's city, now. */
export async function requestRun(
  ctx: AppContext,
  actor: Actor,
  period: { from: string; to: string },
  ports: SupervisionPorts,
) {
  requireRunner(actor);
  return await runSupervision(
    ctx,
    actor,
    { cityCode: actor.cityCode, ...period, trigger: 'request' },
    ports,
  );
}
