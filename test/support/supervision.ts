import crypto from 'node:crypto';
import type { Db, Tx } from '../../server/src/db/database.ts';
import { upsertFinding } from '../../server/src/antifraud/antifraud.repository.ts';
import { expect } from 'vitest';
import { bearer, type TestApp } from './app.ts';
import { createUser } from './factories.ts';
import type { ExamFact, ExamResults } from '../../server/src/supervision/exam-port.ts';

/**
 * Planted data for the supervision tests: inspections written as a station's system would
 * write them, straight into the table (tests set up what they need; the rules read it through
 * the vehicles service).
 */
export interface PlantedInspection {
  station: string;
  county: string;
  at: string;
  minutes?: number;
  passed: boolean;
  vin?: string;
  photos?: string[];
}

let serial = 0;
export async function plantInspections(db: Db, cityCode: string, list: PlantedInspection[]) {
  for (let i = 0; i < list.length; i += 1000) {
    await db
      .insertInto('inspections')
      .values(
        list.slice(i, i + 1000).map((p) => {
          const started = new Date(p.at);
          serial += 1;
          return {
            city_code: cityCode,
            id: crypto.randomUUID(),
            report_no: `JCT${process.pid}${String(serial).padStart(8, '0')}`,
            county_code: p.county,
            outlet_code: p.station,
            vin: p.vin ?? `TESTVIN${String(serial).padStart(10, '0')}`,
            plate: null,
            result: p.passed ? 'pass' : 'fail',
            items: '[]',
            started_at: started,
            finished_at: new Date(started.getTime() + (p.minutes ?? 20) * 60_000),
            inspector: '检验员',
            photo_hashes: p.photos ?? [],
            recorded_by: 'test',
            recorded_at: started,
          } as const;
        }),
      )
      .execute();
  }
}

/** `n` weekday-morning inspections of a station in the week from `monday`, `passes` of them passed. */
export function stationWeek(
  station: { code: string; county: string },
  monday: string,
  n: number,
  passes: number,
  extra: Partial<PlantedInspection> = {},
): PlantedInspection[] {
  return Array.from({ length: n }, (_, k) => {
    const day = new Date(`${monday}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + (k % 5));
    const minute = 8 * 60 + 40 + Math.floor(k / 5) * 7;
    const hh = String(Math.floor(minute / 60) % 24).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    return {
      station: station.code,
      county: station.county,
      at: `${day.toISOString().slice(0, 10)}T${hh}:${mm}:00+08:00`,
      passed: k < passes,
      ...extra,
    };
  });
}

/** A run and one open alert about an outlet, as a run would leave them; returns the alert id. */
export async function plantAlert(
  db: Db,
  a: { cityCode: string; countyCode: string; outletCode: string },
): Promise<string> {
  const runId = crypto.randomUUID();
  const id = crypto.randomUUID();
  const at = new Date('2026-11-26T02:00:00+08:00');
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('alerts')
      .values({
        city_code: a.cityCode,
        id,
        rule: 'off-hours-business',
        severity: 'medium',
        subject_kind: 'outlet',
        subject_id: a.outletCode,
        subject_name: null,
        outlet_code: a.outletCode,
        level: 'brigade',
        county_code: a.countyCode,
        period_from: '2026-11-25',
        period_to: '2026-11-25',
        evidence: JSON.stringify({ count: 5, outlet: a.outletCode }),
        status: 'open',
        deadline: null,
        run_id: runId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await tx
      .insertInto('supervision_runs')
      .values({
        city_code: a.cityCode,
        id: runId,
        period_from: '2026-11-25',
        period_to: '2026-11-25',
        trigger: 'job',
        started_by: 'system',
        started_at: at,
        finished_at: at,
        policy: '{}',
        read: '{}',
        found: '{}',
        alerts: 1,
        new_alerts: 1,
      })
      .execute();
  });
  return id;
}

/** One pending review of an exam recording, as the daily draw would queue it; returns its id. */
export async function plantReview(
  db: Db,
  r: {
    cityCode: string;
    countyCode: string;
    examSiteCode: string;
    examinerId?: string;
    date?: string;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const at = new Date('2026-11-25T09:00:00+08:00');
  await db
    .insertInto('exam_reviews')
    .values({
      city_code: r.cityCode,
      id,
      review_date: r.date ?? '2026-11-25',
      exam_id: `EXAM-${id}`,
      exam_site_code: r.examSiteCode,
      county_code: r.countyCode,
      examiner_id: r.examinerId ?? 'K-PLANTED',
      subject: 2,
      id_number: '520302199003070015',
      recording_ref: `rec/${id}.mp4`,
      passed: true,
      face_match: 'manual',
      exam_started_at: at,
      reason: 'random',
      draw_value: 0.001,
      status: 'pending',
      verdict: null,
      note: null,
      reviewed_by: null,
      reviewed_at: null,
      alert_id: null,
      created_at: at,
    })
    .execute();
  return id;
}

/** The exam-results port over planted exams, in keyset pages as the licences service serves them. */
export function examsPort(exams: ExamFact[]): ExamResults {
  const sorted = [...exams].sort(
    (a, b) => a.finishedAt.getTime() - b.finishedAt.getTime() || a.id.localeCompare(b.id),
  );
  return async (_db, q) =>
    sorted
      .filter((e) => e.finishedAt >= q.since && e.finishedAt < q.until)
      .filter(
        (e) =>
          !q.after ||
          e.finishedAt > q.after.finishedAt ||
          (e.finishedAt.getTime() === q.after.finishedAt.getTime() && e.id > q.after.id),
      )
      .slice(0, q.limit);
}

/** Lines sent through `POST /imports/{kind}` as the demo administrator; the answer. */
export async function importNdjson(t: TestApp, kind: string, lines: (object | string)[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}`,
    headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
    payload: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'),
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { imported: number; rejected: { line: number; error: string }[] };
}

/** `POST /supervision/runs` over a period; the alerts of rules `like` it found for the period. */
export async function runAlerts(t: TestApp, from: string, to: string, like: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/supervision/runs',
    headers: bearer(await t.login('sup.city')),
    payload: { from, to },
  });
  expect(res.statusCode).toBe(200);
  return await t.ctx.db
    .selectFrom('alerts')
    .select(['rule', 'subject_id', 'evidence'])
    .where('rule', 'like', like)
    .where('period_from', '=', from)
    .orderBy('rule')
    .orderBy('subject_id')
    .execute();
}

/** Exactly `passes` of every 100 outcomes (k = 0…99) pass, spread over time, not in one run. */
export const scattered = (k: number, passes: number) => (k * 37) % 100 < passes;

/**
 * A point-trading finding of one person and a case opened from it, written as a run and a
 * supervisor would write them (the scope tests need one on each side).
 */
export async function plantFraudCase(
  db: Db,
  a: { cityCode: string; countyCode: string; idNumber: string },
): Promise<{ finding: string; fraudCase: string }> {
  const finding = crypto.randomUUID();
  const fraudCase = crypto.randomUUID();
  const at = new Date('2026-11-26T02:00:00+08:00');
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('fraud_findings')
      .values({
        city_code: a.cityCode,
        id: finding,
        kind: 'point-trading',
        fingerprint: finding,
        score: 1,
        county_code: a.countyCode,
        people: [a.idNumber],
        plates: [],
        staff: [],
        phones: [],
        devices: [],
        evidence: JSON.stringify([{ text: a.idNumber, textEn: a.idNumber }]),
        links: '[]',
        period_from: '2026-11-25',
        period_to: '2026-11-25',
        run_id: crypto.randomUUID(),
        created_at: at,
        updated_at: at,
      })
      .execute();
    await tx
      .insertInto('fraud_cases')
      .values({
        city_code: a.cityCode,
        id: fraudCase,
        title: '测试案件',
        status: 'open',
        outcome: null,
        county_code: a.countyCode,
        created_by: 'test',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await tx
      .insertInto('fraud_case_findings')
      .values({ city_code: a.cityCode, case_id: fraudCase, finding_id: finding })
      .execute();
  });
  return { finding, fraudCase };
}

/** A supervisor of the detachment (the whole city) and one of a county's brigade, of their own. */
export async function supervisorsOf(db: Db, county: { cityCode: string; countyCode: string }) {
  return {
    detachment: await createUser(db, {
      roles: ['supervisor'],
      scope: { level: 'city', code: county.cityCode },
    }),
    brigade: await createUser(db, {
      roles: ['supervisor'],
      scope: { level: 'county', code: county.countyCode },
    }),
  };
}

/**
 * A standing finding as a run stores it, with the members and score a test names (its core is
 * its people, so no two planted findings supersede each other unless they share a person).
 */
export async function plantFinding(
  tx: Tx,
  f: {
    id?: string;
    cityCode: string;
    countyCode: string;
    kind: 'point-trading' | 'illegal-agent' | 'insider-collusion';
    score: number;
    people?: string[];
    at?: Date;
  },
) {
  const people = f.people ?? [`P${crypto.randomUUID()}`];
  const at = f.at ?? new Date('2026-11-30T02:00:00Z');
  return await upsertFinding(tx, {
    city_code: f.cityCode,
    id: f.id ?? crypto.randomUUID(),
    kind: f.kind,
    fingerprint: crypto.createHash('sha256').update(people.join(',')).digest('hex'),
    score: f.score,
    county_code: f.countyCode,
    people,
    plates: [],
    staff: [],
    phones: [],
    devices: [],
    evidence: '[]',
    links: '[]',
    period_from: '2026-11-01',
    period_to: '2026-11-30',
    run_id: crypto.randomUUID(),
    created_at: at,
    updated_at: at,
    core: people,
  });
}
