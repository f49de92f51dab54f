import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { SUPERVISION_PORTS } from '../app/registry.ts';
import { audit } from '../audit/audit.service.ts';
import type { Tx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import type { FraudDetection } from './exam-port.ts';
import { runSupervision } from './runs.service.ts';

/**
 * A run's anti-fraud detectors work while its facts are read and its alerts written; the write
 * waits for them and stores what they found in its own transaction, before its record and audit
 * entry. A failure of either must leave nothing of the run: neither its record nor the detectors'
 * findings and audit entry (the real detectors write one, which must come before the run's).
 */
let t: TestApp;
const CITY = '520300';
const PERIOD = {
  cityCode: CITY,
  from: '2026-06-01',
  to: '2026-06-07',
  trigger: 'request' as const,
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const runsOfPeriod = async () =>
  await t.ctx.db
    .selectFrom('supervision_runs')
    .select('id')
    .where('city_code', '=', CITY)
    .where('period_from', '=', PERIOD.from)
    .execute();

describe('a run and its anti-fraud detectors', () => {
  it('leaves nothing of the run when the detectors fail, after the write began', async () => {
    const failing: FraudDetection = async () => {
      await pause(200);
      throw new Error('detectors failed');
    };
    await expect(
      runSupervision(t.ctx, null, PERIOD, { ...SUPERVISION_PORTS, fraud: failing }),
    ).rejects.toThrow('detectors failed');
    expect(await runsOfPeriod()).toEqual([]);
  });

  it('leaves nothing of the run when the detectors fail at once, while the facts are read', async () => {
    const phases: string[] = [];
    const failing: FraudDetection = async () => {
      throw new Error('detectors failed at once');
    };
    await expect(
      runSupervision(t.ctx, null, PERIOD, { ...SUPERVISION_PORTS, fraud: failing }, (p) =>
        phases.push(p.name),
      ),
    ).rejects.toThrow('detectors failed at once');
    expect(await runsOfPeriod()).toEqual([]);
    // The run still read its facts and applied its rules before it ended.
    expect(phases.filter((p) => p.startsWith('rule ')).length).toBeGreaterThan(3);
  });

  it('starts the detectors before the facts are read', async () => {
    const phases: string[] = [];
    let seenAtStart: string[] | null = null;
    const watching: FraudDetection = async () => {
      seenAtStart = [...phases];
      return { findings: 0, store: async () => undefined };
    };
    // Another period: this run is written, and the last test counts the runs of PERIOD.
    const may = { ...PERIOD, from: '2026-05-01', to: '2026-05-07' };
    await runSupervision(t.ctx, null, may, { ...SUPERVISION_PORTS, fraud: watching }, (p) =>
      phases.push(p.name),
    );
    expect(seenAtStart).toEqual(['policy values']);
    expect(phases.length).toBeGreaterThan(3);
  });

  it('waits for the detectors and stores their audit entry before the run’s', async () => {
    let detectorsDone = false;
    const slow: FraudDetection = async (ctx, actor, run) => {
      await pause(200);
      detectorsDone = true;
      return { findings: 3, store: (tx) => detectorsEntry(tx, actor, ctx.clock.now(), run) };
    };
    const result = await runSupervision(t.ctx, null, PERIOD, { ...SUPERVISION_PORTS, fraud: slow });
    expect(detectorsDone).toBe(true);
    expect(result.findings).toBe(3);
    expect((await runsOfPeriod()).map((r) => r.id)).toEqual([result.runId]);
    expect(await entriesOf(result.runId)).toEqual(['antifraud.detect', 'supervision.run']);
  });

  it('leaves none of what the detectors stored when the run’s own write fails after them', async () => {
    // The run's record cannot be written for April: the write fails after the detectors stored.
    await sql`
      CREATE FUNCTION refuse_april_runs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.period_from = '2026-04-01' THEN RAISE EXCEPTION 'no April runs'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_april_runs BEFORE INSERT ON supervision_runs
        FOR EACH ROW EXECUTE FUNCTION refuse_april_runs()`.execute(t.ctx.db);
    let runId = '';
    let stored = false;
    const finding: FraudDetection = async (ctx, actor, run) => {
      runId = run.runId;
      return {
        findings: 1,
        store: async (tx) => {
          await detectorsEntry(tx, actor, ctx.clock.now(), run);
          stored = true;
        },
      };
    };
    const april = { ...PERIOD, from: '2026-04-01', to: '2026-04-07' };
    try {
      await expect(
        runSupervision(t.ctx, null, april, { ...SUPERVISION_PORTS, fraud: finding }),
      ).rejects.toThrow('no April runs');
    } finally {
      await sql`DROP TRIGGER refuse_april_runs ON supervision_runs`.execute(t.ctx.db);
    }
    expect(stored).toBe(true);
    expect(await entriesOf(runId)).toEqual([]);
  });
});

/** The detectors' audit entry for a run, as the real detectors write it. */
async function detectorsEntry(
  tx: Tx,
  actor: Actor | null,
  at: Date,
  run: { cityCode: string; runId: string },
) {
  await audit(tx, actor, at, {
    cityCode: run.cityCode,
    action: 'antifraud.detect',
    entityType: 'supervision-run',
    entityId: run.runId,
    details: {},
    event: 'antifraud.detect',
  });
}

const entriesOf = async (runId: string) =>
  (
    await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', runId)
      .orderBy('id')
      .execute()
  ).map((e) => e.action);
