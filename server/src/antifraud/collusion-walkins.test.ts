import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber } from '../../../test/support/factories.ts';

/**
 * Insider collusion against the outlet's whole business: most people apply in person without
 * an agent, so a clerk's share of a broker's visits is weighed against how the outlet's walk-in
 * business falls to its clerks. A broker whose visits one of four clerks takes almost all of is
 * that clerk's finding; a broker spread over the clerks as everybody else is, is nobody's; and
 * the reviewer of a broker's online applications did not choose to serve the broker.
 */
let t: TestApp;
let outlet: string;

const at = (day: number, hour: number, minute = 0) =>
  `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;

let lines = 0;
function application(staffId: string, submittedAt: string, agent?: object, channel = 'window') {
  lines += 1;
  return {
    id: `WALK-${lines}`,
    businessType: agent ? 'vehicle.licence-reissue' : 'licence.renew',
    outletCode: outlet,
    staffId,
    channel,
    applicant: { idNumber: idNumber(), name: `申请人${lines}` },
    ...(agent ? { agent } : {}),
    submittedAt,
    status: 'completed',
  };
}

async function importHistory(rows: object[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/applications-history',
    headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
    payload: rows.map((r) => JSON.stringify(r)).join('\n'),
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().rejected).toEqual([]);
}

async function collusionFindings() {
  const run = await t.app.inject({
    method: 'POST',
    url: '/api/v1/supervision/runs',
    headers: bearer(await t.login('sup.city')),
    payload: { from: '2026-09-01', to: '2026-09-30' },
  });
  expect(run.statusCode, run.body).toBe(200);
  const res = await t.app.inject({
    url: '/api/v1/findings?kind=insider-collusion',
    headers: bearer(await t.login('sup.city')),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { staff: string[]; people: string[]; evidence: { text: string }[] }[];
}

beforeAll(async () => {
  t = await createTestApp();
  const post = await t.ctx.db
    .selectFrom('outlets')
    .select('code')
    .where('city_code', '=', '520300')
    .where('category', '=', 'post')
    .where('county_code', '=', '520329')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  outlet = post.code;
  // 120 walk-ins on working days, shared evenly by four clerks, in office hours.
  const walkIns = Array.from({ length: 120 }, (_, k) =>
    application(`CLERK-${(k % 4) + 1}`, at(1 + (k % 4), 9 + (k % 7), k % 60)),
  );
  await importHistory(walkIns);
});

afterAll(async () => {
  await t.close();
});

describe('insider collusion weighed against the outlet’s walk-in business', () => {
  it('names the clerk who takes a broker’s visits far beyond the clerk’s share of walk-ins', async () => {
    const broker = { idNumber: idNumber(), name: '吴某', phone: '13900000200' };
    // 14 visits on 14 days; CLERK-1 takes 12 of them where a quarter was to be expected.
    await importHistory(
      Array.from({ length: 14 }, (_, k) =>
        application(k < 12 ? 'CLERK-1' : 'CLERK-2', at(7 + k, 10), broker),
      ),
    );
    const found = await collusionFindings();
    expect(found).toHaveLength(1);
    expect(found[0]!.staff).toEqual(['CLERK-1']);
    expect(found[0]!.people).toEqual([broker.idNumber]);
    expect(found[0]!.evidence[0]!.text).toContain('CLERK-1');
  });

  it('names nobody for a broker spread over the clerks as the walk-ins are', async () => {
    const broker = { idNumber: idNumber(), name: '冯某', phone: '13900000300' };
    await importHistory(
      Array.from({ length: 12 }, (_, k) =>
        application(`CLERK-${(k % 4) + 1}`, at(7 + k, 11), broker),
      ),
    );
    const found = await collusionFindings();
    expect(found.flatMap((f) => f.people)).not.toContain(broker.idNumber);
  });

  it('names nobody for a broker’s online business, which one reviewer takes for everybody', async () => {
    const broker = { idNumber: idNumber(), name: '褚某', phone: '13900000400' };
    await importHistory(
      Array.from({ length: 12 }, (_, k) =>
        application('NET-REVIEW', at(7 + k, 14), broker, 'internet'),
      ),
    );
    const found = await collusionFindings();
    expect(found.flatMap((f) => f.staff)).not.toContain('NET-REVIEW');
  });
});
