import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantInspections, stationWeek } from '../../../test/support/supervision.ts';
import { SUPERVISION_PORTS } from '../app/registry.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { SourceId } from './facts.ts';
import { ruleById } from './rules.ts';
import { funnelLimits } from './stats/funnel.ts';
import { createDb } from '../db/database.ts';
import type { FraudDetection } from './exam-port.ts';
import { gatherFacts, RUN_KEYS, runSupervision } from './runs.service.ts';

/**
 * Runs of the rules over planted inspections and legacy business: each rule on data made to
 * trip it, none on honest data, the same period twice without duplicates, and routing.
 */
let t: TestApp;
let stations: { code: string; county: string }[];
const CITY = '520300';

async function run(from: string, to: string, who = 'sup.city') {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/supervision/runs',
    headers: bearer(await t.login(who)),
    payload: { from, to },
  });
}

async function alerts(who: string, query = '') {
  const res = await t.app.inject({
    url: `/api/v1/alerts?limit=500${query}`,
    headers: bearer(await t.login(who)),
  });
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    id: string;
    rule: string;
    severity: string;
    level: string;
    countyCode: string;
    subject: { kind: string; id: string; name?: string };
    evidence: Record<string, unknown>;
    period: { from: string; to: string };
  }[];
}

beforeAll(async () => {
  t = await createTestApp();
  stations = (
    await t.ctx.db
      .selectFrom('outlets')
      .select(['code', 'county_code'])
      .where('city_code', '=', CITY)
      .where('category', '=', 'inspection-station')
      .orderBy('code')
      .limit(12)
      .execute()
  ).map((s) => ({ code: s.code, county: s.county_code }));
  // An honest October week (after the National Day holidays): twelve stations passing 80–88 % of 150 inspections each.
  await plantInspections(
    t.ctx.db,
    CITY,
    stations.flatMap((s, i) => stationWeek(s, '2026-10-12', 150, 120 + i)),
  );
  // The week of 2 November: the same, except station 0 passes everything, station 1 reuses a
  // photo of another vehicle, station 2 works at 3 a.m., station 3 rushes a fifth of its work.
  const [lenient, reuse, night, rushed] = stations as [
    (typeof stations)[number],
    (typeof stations)[number],
    (typeof stations)[number],
    (typeof stations)[number],
  ];
  await plantInspections(t.ctx.db, CITY, [
    ...stations.slice(4).flatMap((s, i) => stationWeek(s, '2026-11-02', 150, 124 + i)),
    ...stationWeek(lenient, '2026-11-02', 150, 150),
    ...stationWeek(reuse, '2026-11-02', 150, 126),
    {
      station: reuse.code,
      county: reuse.county,
      at: '2026-11-03T10:00:00+08:00',
      passed: true,
      vin: 'REUSEVIN000000001',
      photos: ['a'.repeat(64)],
    },
    {
      station: reuse.code,
      county: reuse.county,
      at: '2026-11-04T10:00:00+08:00',
      passed: true,
      vin: 'REUSEVIN000000002',
      photos: ['a'.repeat(64)],
    },
    ...stationWeek(night, '2026-11-02', 150, 127),
    ...stationWeek(night, '2026-11-02', 4, 4).map((p, k) => ({
      ...p,
      at: `2026-11-0${3 + (k % 2)}T03:0${k}:00+08:00`,
    })),
    ...stationWeek(rushed, '2026-11-02', 120, 100),
    ...stationWeek(rushed, '2026-11-02', 30, 25, { minutes: 3 }),
  ]);
});
afterAll(async () => t.close());

describe('POST /supervision/runs', () => {
  it('finds nothing in an honest week, and records what it read', async () => {
    const res = await run('2026-10-12', '2026-10-18');
    expect(res.statusCode).toBe(200);

    expect(res.json()).toMatchObject({ alerts: 0, newAlerts: 0, findings: 0 });
    const stored = await t.ctx.db
      .selectFrom('supervision_runs')
      .selectAll()
      .where('id', '=', res.json().runId)
      .executeTakeFirstOrThrow();
    expect(stored.read).toMatchObject({ inspections: 12 * 150, exams: 0 });
    expect(stored.found).toMatchObject({
      'inspection-pass-rate': { examined: 12, alerts: 0 },
      'exam-pass-rate': { examined: 0, alerts: 0 },
    });
    expect(stored.policy).toHaveProperty('supervision.fdr-q');
  });

  it('raises one alert per planted anomaly, each with its evidence', async () => {
    const res = await run('2026-11-02', '2026-11-08');
    expect(res.statusCode).toBe(200);
    const found = await alerts('sup.city', '&from=2026-11-02&to=2026-11-08');
    const of = (rule: string) => found.filter((a) => a.rule === rule).map((a) => a.subject.id);
    expect(of('inspection-pass-rate')).toEqual([stations[0]!.code]);
    expect(of('inspection-photo-reuse')).toEqual([stations[1]!.code]);
    expect(of('inspection-off-hours')).toEqual([stations[2]!.code]);
    expect(of('inspection-duration')).toEqual([stations[3]!.code]);
    const lenient = found.find((a) => a.rule === 'inspection-pass-rate')!;
    expect(lenient.evidence).toMatchObject({ n: 150, events: 150, rate: 1 });
    expect((lenient.evidence.flaggedBy as string[]).includes('funnel')).toBe(true);
    expect(lenient.evidence.legalBasis).toMatch(/机动车登记规定/);
    expect(res.json().alerts).toBe(found.length);
  });

  it('routes county matters to the brigade and serious ones to the detachment', async () => {
    const found = await alerts('sup.city', '&from=2026-11-02&to=2026-11-08');
    const reuse = found.find((a) => a.rule === 'inspection-photo-reuse')!;
    expect(reuse).toMatchObject({ severity: 'high', level: 'detachment' });
    const night = found.find((a) => a.rule === 'inspection-off-hours')!;
    expect(night).toMatchObject({ level: 'brigade', countyCode: stations[2]!.county });
  });

  it('creates no duplicates when the same period runs again', async () => {
    const before = await alerts('sup.city');
    const again = await run('2026-11-02', '2026-11-08');
    expect(again.statusCode).toBe(200);
    expect(again.json().newAlerts).toBe(0);
    expect(again.json().alerts).toBe(before.length);
    expect((await alerts('sup.city')).length).toBe(before.length);
  });

  it('is for the detachment and administrators only', async () => {
    for (const who of ['sup.county', 'clerk.station', 'clerk.city']) {
      expect((await run('2026-11-02', '2026-11-08', who)).statusCode).toBe(403);
    }
    expect((await run('2026-11-02', '2026-11-08', 'admin')).statusCode).toBe(200);
    expect((await run('2026-11-09', '2026-11-01')).statusCode).toBe(400);
  });

  it('takes turns: runs at once never hold every connection while their detectors wait', async () => {
    // A pool of two, and detectors that wait until both runs have started theirs (or 300 ms),
    // then read: at once, each run's write would hold one connection while its detectors
    // waited for the other's until the acquire timeout.
    const db = createDb(t.databaseUrl, 2, { lanes: 0, acquireTimeoutMs: 2_000 });
    const ctx = { ...t.ctx, db };
    let started = 0;
    const fraud: FraudDetection = async (c) => {
      started++;
      await vi.waitUntil(() => started === 2, { timeout: 300 }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await sql`SELECT 1`.execute(c.db);
      return { findings: 0, store: async () => undefined };
    };
    const input = { cityCode: CITY, from: '2026-10-12', to: '2026-10-18', trigger: 'job' } as const;
    try {
      const runs = await Promise.allSettled([
        runSupervision(ctx, null, input, { ...SUPERVISION_PORTS, fraud }),
        runSupervision(ctx, null, input, { ...SUPERVISION_PORTS, fraud }),
      ]);
      expect(runs.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(started).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});

describe('GET /alerts', () => {
  it('shows a brigade supervisor its county only', async () => {
    const county = (
      await t.ctx.db
        .selectFrom('users')
        .select('scope_code')
        .where('username', '=', 'sup.county')
        .executeTakeFirstOrThrow()
    ).scope_code;
    const mine = await alerts('sup.county');
    expect(mine.every((a) => a.countyCode === county)).toBe(true);
    const all = await alerts('sup.city');
    expect(mine.length).toBe(all.filter((a) => a.countyCode === county).length);
    const other = all.find((a) => a.countyCode !== county)!;
    const res = await t.app.inject({
      url: `/api/v1/alerts/${other.id}`,
      headers: bearer(await t.login('sup.county')),
    });
    expect(res.statusCode).toBe(403);
  });

  it('filters by rule and level and pages by cursor', async () => {
    const brigade = await alerts('sup.city', '&level=brigade');
    expect(brigade.every((a) => a.level === 'brigade')).toBe(true);
    const rule = await alerts('sup.city', '&rule=inspection-duration');
    expect(rule.map((a) => a.rule)).toEqual(['inspection-duration']);
    const first = await t.app.inject({
      url: '/api/v1/alerts?limit=2',
      headers: bearer(await t.login('sup.city')),
    });
    const page = first.json();
    expect(page.items).toHaveLength(2);
    const second = await t.app.inject({
      url: `/api/v1/alerts?limit=2&after=${page.nextCursor}`,
      headers: bearer(await t.login('sup.city')),
    });
    expect(second.json().items[0].id).not.toBe(page.items[1].id);
  });

  it('is not for clerks', async () => {
    const res = await t.app.inject({
      url: '/api/v1/alerts',
      headers: bearer(await t.login('clerk.station')),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /supervision/funnels/{rule}', () => {
  it('draws every station against its peers’ funnel, the lenient one outside it', async () => {
    const res = await t.app.inject({
      url: '/api/v1/supervision/funnels/inspection-pass-rate?from=2026-11-02&to=2026-11-08',
      headers: bearer(await t.login('sup.city')),
    });
    expect(res.statusCode).toBe(200);
    const [group] = res.json().groups;
    expect(group.units).toHaveLength(12);
    expect(
      group.units.filter((u: { flagged: boolean }) => u.flagged).map((u: { id: string }) => u.id),
    ).toEqual([stations[0]!.code]);
    const last = group.curve.at(-1);
    expect(last.lower998).toBeLessThan(group.centre);
    expect(last.upper998).toBeGreaterThan(group.centre);
    // The funnel drawn is the one the flag was decided against: the flagged station lies
    // outside its 99.8 % limits, the others inside their 95 % ones or near them.
    const flagged = group.units.find((u: { flagged: boolean }) => u.flagged);
    const limits = funnelLimits(group, flagged.n, 3.090232);
    expect(flagged.rate > limits.upper || flagged.rate < limits.lower).toBe(true);
    const bad = await t.app.inject({
      url: '/api/v1/supervision/funnels/frequent-reissue?from=2026-11-02&to=2026-11-08',
      headers: bearer(await t.login('sup.city')),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('reads only the sources its units come from, and gets the same units', async () => {
    const period = { from: '2026-11-02', to: '2026-11-08' };
    const { values } = await policyIn(t.ctx.db, RUN_KEYS, period.to, CITY);
    const gather = (only?: readonly SourceId[]) =>
      gatherFacts(t.ctx.db, SUPERVISION_PORTS, CITY, period, values, undefined, only);
    const all = await gather();
    const only = await gather(ruleById('inspection-pass-rate')!.unitSources);
    expect(only.stations).toEqual(all.stations);
    expect(all.read).toHaveProperty('applicationDays');
    expect(all.read).toHaveProperty('exams');
    expect(only.read).not.toHaveProperty('applicationDays');
    expect(only.read).not.toHaveProperty('exams');
  });
});
