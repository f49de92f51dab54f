import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { ZUNYI } from '../../../test/support/factories.ts';
import { byId, distinctIds, readAllPages } from '../../../test/support/pages.ts';
import { supervisorsOf } from '../../../test/support/supervision.ts';

/**
 * `GET /cases` by keyset pages (issue 9 item 4): newest first, then id descending; every case of
 * the reader's scope once, across pages whose boundaries fall inside cases opened at one instant.
 */
let t: TestApp;
const OTHER_COUNTY = '520303';
interface Planted {
  id: string;
  countyCode: string;
  createdAt: Date;
}
const planted: Planted[] = [];
let brigade: { username: string; password: string };
let detachment: { username: string; password: string };

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 45; i++) {
    // Three cases an instant: the id orders cases opened together.
    const createdAt = new Date(Date.UTC(2026, 10, 1 + Math.floor(i / 3), 2, 0, 0, 123));
    const c = {
      id: crypto.randomUUID(),
      countyCode: i % 3 === 1 ? OTHER_COUNTY : ZUNYI.countyCode,
      createdAt,
    };
    await t.ctx.db
      .insertInto('fraud_cases')
      .values({
        city_code: ZUNYI.cityCode,
        id: c.id,
        title: `核查 ${i}`,
        status: i % 4 ? 'open' : 'investigating',
        outcome: null,
        county_code: c.countyCode,
        created_by: 'sup.city',
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    planted.push(c);
  }
  ({ brigade, detachment } = await supervisorsOf(t.ctx.db, ZUNYI));
});
afterAll(async () => {
  await t.close();
});

/** The cases a reader should see, in the list's order (newest first, then id descending). */
const expected = (keep: (c: Planted) => boolean) =>
  planted
    .filter(keep)
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || byId(y, x))
    .map((c) => c.id);

describe('GET /cases by keyset pages', () => {
  it('gives every case of the city once, newest first, page after page', async () => {
    const { items, pages } = await readAllPages<{ id: string }>(t, detachment, '/api/v1/cases', 4);
    expect(pages).toBe(12);
    expect(distinctIds(items)).toEqual(expected(() => true));
  });

  it('keeps a brigade to its county on every page', async () => {
    const { items } = await readAllPages<{ id: string; countyCode: string }>(
      t,
      brigade,
      '/api/v1/cases',
      5,
    );
    expect(distinctIds(items)).toEqual(expected((c) => c.countyCode === ZUNYI.countyCode));
  });

  it('answers every case in one page without paging parameters, as CONTRACT.md has it', async () => {
    const res = await t.app.inject({
      url: '/api/v1/cases',
      headers: bearer(await t.login(detachment.username, detachment.password)),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().nextCursor).toBeNull();
    expect(res.json().items.map((c: { id: string }) => c.id)).toEqual(expected(() => true));
  });

  it('refuses a cursor it did not write with 400 on `after`, and clerks with 403', async () => {
    const headers = bearer(await t.login(detachment.username, detachment.password));
    const id = crypto.randomUUID();
    for (const text of [`2026-13-01T00:00:00.000Z|${id}`, `yesterday|${id}`, `0.5|${id}`]) {
      const after = Buffer.from(text).toString('base64url');
      const res = await t.app.inject({ url: `/api/v1/cases?after=${after}`, headers });
      expect(res.statusCode, text).toBe(400);
      expect(res.json().error.details).toEqual([
        { path: 'query.after', message: expect.any(String) },
      ]);
    }
    const clerk = await t.app.inject({
      url: '/api/v1/cases',
      headers: bearer(await t.login('clerk.city')),
    });
    expect(clerk.statusCode).toBe(403);
  });
});
