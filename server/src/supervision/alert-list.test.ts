import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantAlert } from '../../../test/support/supervision.ts';

/**
 * `GET /alerts` as CONTRACT.md gives it (`?status=&rule=&level=&from=&to=`, no paging): a reader
 * that knows nothing of `limit` and `nextCursor` still gets every alert of its scope.
 */
let t: TestApp;
const PLANTED = 150;

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < PLANTED; i++) {
    await plantAlert(t.ctx.db, {
      cityCode: '520300',
      countyCode: '520302',
      outletCode: `520302-TEST-${String(i).padStart(3, '0')}`,
    });
  }
});
afterAll(async () => {
  await t.close();
});

const list = async (query = '') => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/alerts${query}`,
    headers: bearer(await t.login('sup.city')),
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { rule: string; status: string }[] }).items;
};

describe('GET /alerts without paging parameters', () => {
  it('answers every alert of the scope', async () => {
    expect((await list()).length).toBe(PLANTED);
  });

  it('answers every alert of a rule and status', async () => {
    const items = await list('?rule=off-hours-business&status=open');
    expect(items.length).toBe(PLANTED);
  });

  it('takes the contract’s filter template with the unused filters left empty', async () => {
    expect((await list('?status=&rule=&level=&from=&to=')).length).toBe(PLANTED);
    expect((await list('?status=open&rule=&level=brigade&from=2026-11-25&to=')).length).toBe(
      PLANTED,
    );
    expect((await list('?status=closed&rule=&level=&from=&to=')).length).toBe(0);
  });

  it('still honours an explicit limit', async () => {
    expect((await list('?limit=7')).length).toBe(7);
  });
});
