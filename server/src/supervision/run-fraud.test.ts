import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { SUPERVISION_PORTS } from '../app/registry.ts';
import { audit } from '../audit/audit.service.ts';
import type { FraudDetection } from './exam-port.ts';
import { runSupervision } from './runs.service.ts';

/**
 * A run's anti-fraud detectors work while its facts are read and its alerts written; the write
 * waits for them before its audit entry and its commit. Their failure must leave nothing of the run, and their
 * own audit entry (the real detectors write one) must neither wait on the run's nor come after.
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
      return { findings: 0 };
    };
    // Another period: this run is written, and the last test counts the runs of PERIOD.
    const may = { ...PERIOD, from: '2026-05-01', to: '2026-05-07' };
    await runSupervision(t.ctx, null, may, { ...SUPERVISION_PORTS, fraud: watching }, (p) =>
      phases.push(p.name),
    );
    expect(seenAtStart).toEqual(['policy values']);
    expect(phases.length).toBeGreaterThan(3);
  });

  it('waits for the detectors, whose audit entry goes before the run’s', async () => {
    let detectorsDone = false;
    const slow: FraudDetection = async (ctx, actor, run) => {
      await pause(200);
      await ctx.db.transaction().execute(async (tx) => {
        await audit(tx, actor, ctx.clock.now(), {
          cityCode: run.cityCode,
          action: 'antifraud.detect',
          entityType: 'supervision-run',
          entityId: run.runId,
          details: {},
          event: 'antifraud.detect',
        });
      });
      detectorsDone = true;
      return { findings: 3 };
    };
    const result = await runSupervision(t.ctx, null, PERIOD, { ...SUPERVISION_PORTS, fraud: slow });
    expect(detectorsDone).toBe(true);
    expect(result.findings).toBe(3);
    expect((await runsOfPeriod()).map((r) => r.id)).toEqual([result.runId]);
    const entries = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', result.runId)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['antifraud.detect', 'supervision.run']);
  });
});
