import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { ZUNYI } from '../../../test/support/factories.ts';
import { byId, distinctIds, readAllPages } from '../../../test/support/pages.ts';
import { supervisorsOf } from '../../../test/support/supervision.ts';
import { handledApplication, outletWithClerk } from '../../../test/support/service.ts';

/**
 * `GET /callbacks` by keyset pages (issue 9 item 4): soonest due first, every call-back of the
 * reader's scope once, whatever the page size; the status filter and the scope hold on every page.
 */
let t: TestApp;
const OTHER_COUNTY = '520303';
interface Planted {
  id: string;
  outletCode: string;
  countyCode: string;
  status: 'open' | 'done';
  dueAt: Date;
}
const planted: Planted[] = [];
let clerkA: { username: string; password: string };
let clerkOther: { username: string; password: string };
let brigade: { username: string; password: string };
let detachment: { username: string; password: string };

/**
 * Call-backs of an outlet as the rating and the daily sample leave them. Many share a due
 * instant (a day's sample falls due at one instant), so the id must order them.
 */
async function plantCallbacks(
  outlet: { code: string; countyCode: string; cityCode: string },
  n: number,
) {
  for (let i = 0; i < n; i++) {
    const applicationId = await handledApplication(t.ctx.db, {
      outlet,
      submittedAt: '2026-11-02T09:00:00+08:00',
      completedAt: '2026-11-02T10:00:00+08:00',
      slaDueOn: '2026-11-20',
    });
    const c: Planted = {
      id: crypto.randomUUID(),
      outletCode: outlet.code,
      countyCode: outlet.countyCode,
      status: i % 3 === 0 ? 'open' : 'done',
      dueAt: new Date(`2026-11-${String(3 + (i % 4)).padStart(2, '0')}T23:59:59+08:00`),
    };
    await t.ctx.db
      .insertInto('callbacks')
      .values({
        city_code: outlet.cityCode,
        id: c.id,
        application_id: applicationId,
        outlet_code: outlet.code,
        county_code: outlet.countyCode,
        reason: i % 2 ? 'sample' : 'rating',
        due_at: c.dueAt,
        status: c.status,
        note: c.status === 'done' ? '已回访' : null,
        reached: c.status === 'done' ? true : null,
        done_at: c.status === 'done' ? c.dueAt : null,
        created_at: new Date('2026-11-02T10:00:00+08:00'),
      })
      .execute();
    planted.push(c);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const a = await outletWithClerk(t.ctx.db, ZUNYI.countyCode);
  const b = await outletWithClerk(t.ctx.db, ZUNYI.countyCode);
  const elsewhere = await outletWithClerk(t.ctx.db, OTHER_COUNTY);
  const idle = await outletWithClerk(t.ctx.db, ZUNYI.countyCode);
  await plantCallbacks(a.outlet, 30);
  await plantCallbacks(b.outlet, 17);
  await plantCallbacks(elsewhere.outlet, 14);
  clerkA = a.clerk;
  clerkOther = idle.clerk;
  ({ brigade, detachment } = await supervisorsOf(t.ctx.db, ZUNYI));
});
afterAll(async () => {
  await t.close();
});

/** The planted call-backs a reader should see, in the list's order (due instant, then id). */
const expected = (keep: (c: Planted) => boolean) =>
  planted
    .filter(keep)
    .sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || byId(x, y))
    .map((c) => c.id);

type Item = { id: string; outletCode: string; status: string; dueAt: string };
const plantedIds = () => new Set(planted.map((c) => c.id));

describe('GET /callbacks by keyset pages', () => {
  it('gives a city’s done call-backs once each, soonest due first, page after page', async () => {
    const { items, pages } = await readAllPages<Item>(
      t,
      detachment,
      '/api/v1/callbacks?status=done',
      4,
    );
    expect(pages).toBeGreaterThan(5);
    expect(items.every((c) => c.status === 'done')).toBe(true);
    const ids = distinctIds(items).filter((id) => plantedIds().has(id));
    expect(ids).toEqual(expected((c) => c.status === 'done'));
  });

  it('merges both statuses into one order when no status is asked for', async () => {
    const { items } = await readAllPages<Item>(t, detachment, '/api/v1/callbacks', 6);
    const ids = distinctIds(items).filter((id) => plantedIds().has(id));
    expect(ids).toEqual(expected(() => true));
    const due = items.map((c) => c.dueAt);
    expect(due).toEqual([...due].sort());
  });

  it('keeps a brigade to its county and a clerk to the outlet on every page', async () => {
    const county = await readAllPages<Item>(t, brigade, '/api/v1/callbacks?status=open', 3);
    expect(distinctIds(county.items)).toEqual(
      expected((c) => c.countyCode === ZUNYI.countyCode && c.status === 'open'),
    );
    const outlet = await readAllPages<Item>(t, clerkA, '/api/v1/callbacks', 5);
    const own = planted[0]!.outletCode;
    expect(distinctIds(outlet.items)).toEqual(expected((c) => c.outletCode === own));
    const none = await readAllPages<Item>(t, clerkOther, '/api/v1/callbacks', 5);
    expect(none).toEqual({ items: [], pages: 1 });
  });

  it('answers the whole list in one page without paging parameters, as CONTRACT.md has it', async () => {
    const res = await t.app.inject({
      url: '/api/v1/callbacks?status=done',
      headers: bearer(await t.login(detachment.username, detachment.password)),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Item[]; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((c) => c.id).filter((id) => plantedIds().has(id))).toEqual(
      expected((c) => c.status === 'done'),
    );
  });

  it('refuses a cursor it did not write with 400 on `after`', async () => {
    const headers = bearer(await t.login(detachment.username, detachment.password));
    const forged = [
      Buffer.from('yesterday|not-an-id').toString('base64url'),
      Buffer.from(`2026-11-03T15:59:59.000Z|${crypto.randomUUID()}|x`).toString('base64url'),
      'AAAA',
    ];
    for (const after of forged) {
      const res = await t.app.inject({ url: `/api/v1/callbacks?after=${after}`, headers });
      expect(res.statusCode, after).toBe(400);
      expect(res.json().error.details).toEqual([
        { path: 'query.after', message: expect.any(String) },
      ]);
    }
    const notBase64 = await t.app.inject({ url: '/api/v1/callbacks?after=a%2Bb', headers });
    expect(notBase64.statusCode).toBe(400);
    const tooBig = await t.app.inject({ url: '/api/v1/callbacks?limit=501', headers });
    expect(tooBig.statusCode).toBe(400);
  });
});
