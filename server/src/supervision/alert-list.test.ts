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

describe('GET /alerts/{id} beside the alerts of overlapping runs', () => {
  it('names the other alerts of its rule about its subject over an overlapping period', async () => {
    const plant = async (n: number, from: string, to: string, subject = '贵C00001') => {
      const id = await plantAlert(t.ctx.db, {
        cityCode: '520300',
        countyCode: '520302',
        outletCode: `520302-OVERLAP-${n}`,
      });
      await t.ctx.db
        .updateTable('alerts')
        .set({
          rule: 'frequent-reissue',
          subject_kind: 'vehicle',
          subject_id: subject,
          outlet_code: null,
          period_from: from,
          period_to: to,
        })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const month = await plant(1, '2026-11-01', '2026-11-30');
    const week = await plant(2, '2026-11-10', '2026-11-16');
    await plant(3, '2026-12-01', '2026-12-07');
    await plant(4, '2026-11-10', '2026-11-16', '贵C00002');
    await t.ctx.db.updateTable('alerts').set({ status: 'closed' }).where('id', '=', week).execute();
    const res = await t.app.inject({
      url: `/api/v1/alerts/${month}`,
      headers: bearer(await t.login('sup.city')),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().related).toEqual([
      expect.objectContaining({
        id: week,
        period: { from: '2026-11-10', to: '2026-11-16' },
        status: 'closed',
      }),
    ]);
  });
});
