import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { buildDemoActivity } from '../demo/demo-activity.ts';
import { buildDemoVehicles } from '../demo/demo-vehicles.ts';
import { demoActivityPending } from '../demo/demo.seed.ts';
import { seedDemoActivity, type DemoActivitySummary } from './demo-activity.ts';
import { SUPERVISION_PORTS } from './registry.ts';
import { ALERT_EVIDENCE_KEYS } from '#shared/schemas/supervision.ts';

/**
 * The demo's first start: eight weeks of legacy activity go through the real imports without a
 * single rejected line, and the supervision run finds exactly the units planted to look wrong.
 */
let t: TestApp;
let summary: DemoActivitySummary;
const BRIGADE = '520322'; // the demo's sup.county: 桐梓
const input = (today: string) => ({
  today,
  stations: ['S1', 'S2', 'S3'].map((code) => ({ code, countyCode: '520302' })),
  brigadeCounty: '520322',
  examSites: ['X1'],
  outlets: [
    { code: 'PW1', category: 'police-window' as const, countyCode: '520302' },
    { code: 'PW2', category: 'police-window' as const, countyCode: '520302' },
  ],
  vehicles: buildDemoVehicles(20).map((v) => ({ plate: v.plate!, vin: v.vin })),
  sessions: (_code: string, day: string) =>
    new Date(`${day}T00:00:00Z`).getUTCDay() % 6 ? [{ open: 540, close: 1020 }] : [],
});

let pendingBefore: boolean;
beforeAll(async () => {
  t = await createTestApp();
  pendingBefore = await demoActivityPending(t.ctx.db);
  summary = await seedDemoActivity(t.ctx, SUPERVISION_PORTS);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('the demo activity', () => {
  it('is pending from the demo network until it has been loaded once', async () => {
    expect(pendingBefore).toBe(true);
    expect(await demoActivityPending(t.ctx.db)).toBe(false);
  });

  it('is the same for the same day and ends the day before it', () => {
    const a = buildDemoActivity(input('2026-11-26'));
    expect(buildDemoActivity(input('2026-11-26'))).toEqual(a);
    expect(a.to).toBe('2026-11-25');
    expect(a.from).toBe('2026-10-01');
  });

  it('imports every generated line', () => {
    expect(summary.rejected).toBe(0);
    expect(summary.inspections).toBeGreaterThan(10_000);
    expect(summary.examResults).toBeGreaterThan(1_000);
    expect(summary.history).toBeGreaterThan(5_000);
  });

  it('gives the supervisors alerts on the planted units only, the brigade its county’s', async () => {
    const list = async (who: string) => {
      const res = await t.app.inject({
        url: '/api/v1/alerts?limit=500',
        headers: bearer(await t.login(who)),
      });
      expect(res.statusCode).toBe(200);
      return res.json().items as {
        rule: string;
        subject: { id: string };
        level: string;
        countyCode: string;
      }[];
    };
    const alerts = await list('sup.city');
    expect(alerts).toHaveLength(summary.alerts);
    const subjects = (rule: string) =>
      new Set(alerts.filter((a) => a.rule === rule).map((a) => a.subject.id));
    const outlets = async (category: 'inspection-station' | 'police-window', county?: string) => {
      let q = t.ctx.db
        .selectFrom('outlets')
        .select('code')
        .where('category', '=', category)
        .where('status', '=', 'active');
      if (county) q = q.where('county_code', '=', county);
      return (await q.orderBy('code').execute()).map((o) => o.code);
    };
    const stations = await outlets('inspection-station');
    const [lenient, reuse] = [2, 11].map((i) => stations[i]!);
    const night = (await outlets('inspection-station', BRIGADE)).at(-1)!;
    const windows = await outlets('police-window', BRIGADE);
    expect(subjects('inspection-pass-rate')).toEqual(new Set([lenient]));
    expect(subjects('inspection-duration')).toEqual(new Set([lenient]));
    expect(subjects('inspection-photo-reuse')).toContain(reuse);
    expect(subjects('inspection-off-hours')).toEqual(new Set([night]));
    expect([...subjects('exam-pass-rate')].some((id) => id.endsWith('-E1'))).toBe(true);
    expect([...subjects('exam-face-mismatch')].every((id) => id.endsWith('-E1'))).toBe(true);
    expect(subjects('frequent-reissue').size).toBe(1);
    expect(subjects('outlet-refusal-rate')).toEqual(new Set([windows[1]]));
    expect(subjects('off-hours-business')).toEqual(new Set([windows[0]]));
    // 桐梓's brigade supervisor has work too: what was routed to its brigade.
    const brigade = await list('sup.county');
    expect(brigade.every((a) => a.countyCode === BRIGADE)).toBe(true);
    expect(brigade.filter((a) => a.level === 'brigade').length).toBeGreaterThan(0);
  });

  it('writes evidence with the keys the web app labels only, at any depth', async () => {
    const keys = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          keys.add(k);
          collect(v);
        }
      }
    };
    const rows = await t.ctx.db.selectFrom('alerts').select(['rule', 'evidence']).execute();
    expect(new Set(rows.map((r) => r.rule)).size).toBeGreaterThan(5);
    for (const r of rows) collect(r.evidence);
    const known = new Set<string>(ALERT_EVIDENCE_KEYS);
    expect([...keys].filter((k) => !known.has(k))).toEqual([]);
  });
});
