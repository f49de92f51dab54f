import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { handledApplication, outletWithClerk } from '../../../test/support/service.ts';
import { JOBS } from '../jobs/jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Who = string | { username: string; password: string };
const as = async (who: Who) =>
  bearer(typeof who === 'string' ? await t.login(who) : await t.login(who.username, who.password));
const get = async (who: Who, url: string) => await t.app.inject({ url, headers: await as(who) });

const SEAT = '520302'; // 红花岗区, the city seat: the detachment supervises it
const TONGZI = '520322'; // 桐梓县: its brigade (sup.county) supervises it
const at = (day: string, time = '09:00') => `${day}T${time}:00+08:00`;

/**
 * An outlet of the seat county with, in November 2026 (the test clock is 2026-11-26): four
 * applications completed in 1 h, 2 h, 1 day and 3 days (the last after its due day), a refusal
 * (no SLA), one completed in October, one open past its due day and one open not yet due.
 */
async function seatOutletWithHistory() {
  const { outlet, clerk } = await outletWithClerk(t.ctx.db, SEAT);
  const done = async (from: string, to: string, due: string) =>
    await handledApplication(t.ctx.db, {
      outlet,
      submittedAt: from,
      completedAt: to,
      slaDueOn: due,
    });
  await done(at('2026-11-02'), at('2026-11-02', '10:00'), '2026-11-20');
  await done(at('2026-11-03'), at('2026-11-03', '11:00'), '2026-11-20');
  await done(at('2026-11-04'), at('2026-11-05'), '2026-11-20');
  const late = await done(at('2026-11-05'), at('2026-11-08'), '2026-11-06');
  await done(at('2026-10-20'), at('2026-10-30'), '2026-11-02');
  await handledApplication(t.ctx.db, {
    outlet,
    submittedAt: at('2026-11-05'),
    completedAt: at('2026-11-05'),
    slaDueOn: null,
    status: 'refused',
  });
  const open = await handledApplication(t.ctx.db, {
    outlet,
    submittedAt: at('2026-11-10'),
    completedAt: null,
    slaDueOn: '2026-11-20',
  });
  await handledApplication(t.ctx.db, {
    outlet,
    submittedAt: at('2026-11-25'),
    completedAt: null,
    slaDueOn: '2026-11-30',
  });
  return { outlet, clerk, late, open };
}

describe('handling times', () => {
  it('gives the median and 90th percentile of acceptance to completion per outlet and type', async () => {
    const { outlet, clerk } = await seatOutletWithHistory();
    const url = `/api/v1/service/handling-times?from=2026-11-01&to=2026-11-25&outletCode=${outlet.code}`;
    const res = await get('admin', url);
    expect(res.statusCode).toBe(200);
    // Sorted 3600, 7200, 86400, 259200 s: median (7200 + 86400) / 2, p90 86400 + 0.7 × 172800.
    expect(res.json()).toEqual({
      from: '2026-11-01',
      to: '2026-11-25',
      items: [
        {
          outletCode: outlet.code,
          businessType: 'vehicle.plate-reissue',
          completed: 4,
          medianSeconds: 46_800,
          p90Seconds: 207_360,
          completedLate: 1,
        },
      ],
    });
    // The outlet's own clerk reads its outlet without naming it, and only it.
    const own = await get(clerk, '/api/v1/service/handling-times?from=2026-11-01&to=2026-11-25');
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((i: { outletCode: string }) => i.outletCode)).toEqual([
      outlet.code,
    ]);
    expect((await get('sup.city', url)).json().items[0].completed).toBe(4);
    // A business type filter narrows; another type has none.
    expect((await get('admin', `${url}&businessType=vehicle.transfer`)).json().items).toEqual([]);
  });

  it('is refused to other outlets, other counties and citizens, and checks its period', async () => {
    const { outlet } = await seatOutletWithHistory();
    const url = `/api/v1/service/handling-times?from=2026-11-01&to=2026-11-25&outletCode=${outlet.code}`;
    expect((await get('clerk.city', url)).statusCode).toBe(403);
    expect((await get('sup.county', url)).statusCode).toBe(403);
    const unknown = url.replace(outlet.code, 'T999999');
    expect((await get('admin', unknown)).statusCode).toBe(404);
    const backwards = await get(
      'admin',
      '/api/v1/service/handling-times?from=2026-11-25&to=2026-11-01',
    );
    expect(backwards.statusCode).toBe(400);
    const long = await get('admin', '/api/v1/service/handling-times?from=2025-01-01&to=2026-11-01');
    expect(long.statusCode).toBe(400);
  });
});

describe('SLA breaches', () => {
  const breaches = (outletCode: string, extra = '') =>
    `/api/v1/service/sla-breaches?from=2026-11-01&to=2026-11-30&outletCode=${outletCode}${extra}`;

  it('lists open-overdue and late applications by due day, a keyset page at a time', async () => {
    const { outlet, late, open } = await seatOutletWithHistory();
    const first = await get('admin', breaches(outlet.code, '&limit=1'));
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toEqual([
      expect.objectContaining({
        applicationId: late,
        kind: 'completed-late',
        slaDueOn: '2026-11-06',
        completedAt: '2026-11-08T09:00:00.000+08:00',
        daysLate: 2,
        escalation: null,
      }),
    ]);
    const cursor = first.json().nextCursor as string;
    expect(cursor).toBeTruthy();
    const second = await get('admin', breaches(outlet.code, `&limit=1&after=${cursor}`));
    expect(second.json()).toEqual({
      items: [expect.objectContaining({ applicationId: open, kind: 'open-overdue', daysLate: 6 })],
      nextCursor: null,
    });
    const onlyOpen = await get('admin', breaches(outlet.code, '&kind=open-overdue'));
    expect(onlyOpen.json().items.map((b: { applicationId: string }) => b.applicationId)).toEqual([
      open,
    ]);
    expect((await get('admin', breaches(outlet.code, '&after=bm9uc2Vuc2U'))).statusCode).toBe(400);
  });

  it('escalates each breach once to the outlet’s supervisor, by job or on demand, audited', async () => {
    const seat = await seatOutletWithHistory();
    const { outlet: tongzi } = await outletWithClerk(t.ctx.db, TONGZI);
    const overdue = await handledApplication(t.ctx.db, {
      outlet: tongzi,
      submittedAt: at('2026-11-09'),
      completedAt: null,
      slaDueOn: '2026-11-19',
    });

    const post = async (who: Who) =>
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/service/sla-escalations',
        headers: await as(who),
      });
    expect((await post('clerk.city')).statusCode).toBe(403);

    // The brigade escalates its own county only.
    const county = await post('sup.county');
    expect(county.statusCode).toBe(200);
    expect(county.json().escalated).toBeGreaterThanOrEqual(1);
    const seen = await get('sup.county', breaches(tongzi.code));
    expect(seen.json().items).toEqual([
      expect.objectContaining({
        applicationId: overdue,
        escalation: expect.objectContaining({ level: 'brigade', countyCode: TONGZI }),
      }),
    ]);
    expect((await get('admin', breaches(seat.outlet.code))).json().items[0].escalation).toBeNull();
    expect((await get('sup.county', breaches(seat.outlet.code))).statusCode).toBe(403);

    // The daily job escalates the rest of the city; the seat's outlets go to the detachment.
    await JOBS.find((j) => j.id === 'sla-escalation')!.run(
      t.ctx,
      undefined as never,
      undefined as never,
    );
    const seatItems = (await get('sup.city', breaches(seat.outlet.code))).json().items as {
      applicationId: string;
      escalation: { level: string } | null;
    }[];
    expect(seatItems.map((b) => [b.applicationId, b.escalation?.level])).toEqual([
      [seat.late, 'detachment'],
      [seat.open, 'detachment'],
    ]);

    // Nothing twice, however often it runs.
    expect((await post('sup.city')).json().escalated).toBe(0);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor'])
      .where('action', '=', 'sla.escalated')
      .where('entity_id', 'in', [overdue, seat.late, seat.open])
      .orderBy('entity_id')
      .execute();
    expect(audited).toHaveLength(3);
    expect(audited.find((a) => a.entity_id === overdue)?.actor).toBe('sup.county');
    expect(audited.find((a) => a.entity_id === seat.open)?.actor).toBe('system');
  });
});
