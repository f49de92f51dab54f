import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantFinding } from '../../../test/support/supervision.ts';

/**
 * `GET /findings` as CONTRACT.md gives it (`?kind=` only, no paging): a reader that knows nothing
 * of `limit` gets every standing finding of its city, highest score first.
 */
let t: TestApp;
const CITY = '520300';
const STORED = 250;

beforeAll(async () => {
  t = await createTestApp();
  await t.ctx.db.transaction().execute(async (tx) => {
    for (let i = 0; i < STORED; i++) {
      await plantFinding(tx, {
        cityCode: CITY,
        countyCode: '520302',
        kind: i % 2 ? 'point-trading' : 'illegal-agent',
        score: (i % 17) + i / 1000,
      });
    }
  });
});
afterAll(async () => {
  await t.close();
});

const list = async (query = '') => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/findings${query}`,
    headers: bearer(await t.login('sup.city')),
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { kind: string; score: number }[] }).items;
};

describe('GET /findings without paging parameters', () => {
  it('answers every finding of the city, highest score first', async () => {
    const items = await list();
    expect(items.length).toBe(STORED);
    const scores = items.map((f) => f.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers every finding of a kind', async () => {
    const items = await list('?kind=point-trading');
    expect(items.length).toBe(STORED / 2);
    expect(items.every((f) => f.kind === 'point-trading')).toBe(true);
  });

  it('takes an empty kind as no kind, and still refuses an unknown one', async () => {
    expect((await list('?kind=')).length).toBe(STORED);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/findings?kind=other',
      headers: bearer(await t.login('sup.city')),
    });
    expect(res.statusCode).toBe(400);
  });

  it('still honours an explicit limit', async () => {
    expect((await list('?limit=7')).length).toBe(7);
  });
});
