import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { insertAlertsOnce, insertRun, type NewAlert } from './supervision.repository.ts';

/**
 * The alerts' bulk insert sends a batch as one JSON document read by the server: what goes in
 * must come back exactly, whatever the text holds (quotes, backslashes and escapes are JSON's own
 * syntax; "null" and "NULL" are words, not a missing value), and a key already stored is skipped.
 */
let t: TestApp;
const CITY = '520300';
const AT = new Date('2026-03-02T01:02:03.456Z');

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

function alert(runId: string, subjectId: string, over: Partial<NewAlert> = {}): NewAlert {
  return {
    city_code: CITY,
    id: crypto.randomUUID(),
    rule: 'frequent-reissue',
    severity: 'medium',
    subject_kind: 'vehicle',
    subject_id: subjectId,
    subject_name: null,
    outlet_code: null,
    level: 'brigade',
    county_code: '520302',
    period_from: '2026-02-01',
    period_to: '2026-02-28',
    evidence: { count: 3 },
    status: 'open',
    deadline: null,
    run_id: runId,
    at: AT,
    ...over,
  };
}

/** Inserts alerts with their run in one transaction (the run's key is checked at commit). */
async function insertWithRun(make: (runId: string) => NewAlert[]) {
  const runId = crypto.randomUUID();
  const alerts = make(runId);
  const created = await t.ctx.db.transaction().execute(async (tx) => {
    const ids = await insertAlertsOnce(tx, alerts);
    await insertRun(tx, {
      cityCode: CITY,
      id: runId,
      from: '2026-02-01',
      to: '2026-02-28',
      trigger: 'request',
      startedBy: 'test',
      startedAt: AT,
      finishedAt: AT,
      policy: {},
      read: {},
      found: {},
      alerts: alerts.length,
      newAlerts: ids.length,
    });
    return ids;
  });
  return { alerts, created };
}

describe('insertAlertsOnce', () => {
  it('stores every column exactly as given, whatever the text holds', async () => {
    const awkward = 'a "quoted", {braced} \\ back\\slash \\u0041 [0], NULL null; 贵C·12345 🚗\n';
    const { alerts, created } = await insertWithRun((run) => [
      alert(run, 'NULL', {
        subject_name: awkward,
        outlet_code: '52030201',
        severity: 'high',
        level: 'detachment',
        deadline: '2026-03-31',
        status: 'assigned',
        evidence: {
          text: awkward,
          nested: { list: [1, 2.5, null, 'x,y'], empty: {} },
          legalBasis: 'R164 §74',
        },
      }),
      alert(run, '{1,2}', { subject_kind: 'person', subject_name: '' }),
      alert(run, 'plain', { subject_name: 'null', county_code: '007', evidence: { n: 0.1 + 0.2 } }),
    ]);
    expect(created).toEqual(alerts.map((a) => a.id));
    const rows = await t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('city_code', '=', CITY)
      .where('id', 'in', created)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of alerts) {
      const { at, ...columns } = a;
      expect(byId.get(a.id)).toEqual({ ...columns, created_at: at, updated_at: at });
    }
  });

  it('skips the alerts whose rule, subject and period are stored, and returns the others in order', async () => {
    const first = await insertWithRun((run) => [alert(run, 'K1'), alert(run, 'K2')]);
    expect(first.created).toHaveLength(2);
    const again = await insertWithRun((run) => [
      alert(run, 'K3'),
      alert(run, 'K1'),
      alert(run, 'K2', { period_to: '2026-02-27' }), // another period: a new alert
      alert(run, 'K2'),
    ]);
    expect(again.created).toEqual([again.alerts[0]!.id, again.alerts[2]!.id]);
    const keys = await t.ctx.db
      .selectFrom('alerts')
      .select(['subject_id', 'period_to', 'id'])
      .where('city_code', '=', CITY)
      .where('subject_id', 'in', ['K1', 'K2', 'K3'])
      .orderBy('subject_id')
      .orderBy('period_to')
      .execute();
    expect(keys).toEqual([
      { subject_id: 'K1', period_to: '2026-02-28', id: first.created[0] },
      { subject_id: 'K2', period_to: '2026-02-27', id: again.alerts[2]!.id },
      { subject_id: 'K2', period_to: '2026-02-28', id: first.created[1] },
      { subject_id: 'K3', period_to: '2026-02-28', id: again.alerts[0]!.id },
    ]);
  });

  it('writes nothing for no alerts', async () => {
    const { created } = await insertWithRun(() => []);
    expect(created).toEqual([]);
  });
});
