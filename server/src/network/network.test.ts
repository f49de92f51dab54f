import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, detailPaths, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const get = async (url: string, user = 'admin') =>
  await t.app.inject({ url, headers: bearer(await t.login(user)) });

describe('the demo network ("1+S+4+E") at the article’s size', () => {
  it('has every category with the real counts', async () => {
    const summary = (await get('/api/v1/network/summary')).json();
    const byCategory: Record<string, number> = {};
    for (const c of summary.counts)
      byCategory[c.category] = (byCategory[c.category] ?? 0) + c.total;
    expect(byCategory).toMatchObject({
      'city-office': 1,
      'branch-office': 2,
      'county-office': 11,
      'service-centre': 14,
      'police-window': 40,
      dealer: 31,
      'registration-station': 14,
      'inspection-station': 43,
      bank: 20,
      insurer: 9,
      post: 217, // 216 警邮 points + 1 警医邮 point
      hospital: 4,
      internet: 1,
    });
    expect(byCategory['exam-site']).toBeGreaterThanOrEqual(3);
    expect(
      summary.regions.filter((r: { parentCode: string | null }) => r.parentCode === '520300'),
    ).toHaveLength(14);
    expect(
      summary.organisations.filter((o: { kind: string }) => o.kind === 'brigade'),
    ).toHaveLength(14);
  });

  it('lists outlets by category and county with the CONTRACT fields', async () => {
    const res = (await get('/api/v1/outlets?category=dealer&limit=100')).json();
    expect(res.items).toHaveLength(31);
    expect(res.nextCursor).toBeNull();
    expect(res.items[0]).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        name: expect.any(String),
        category: 'dealer',
        parentCode: expect.any(String),
        status: 'active',
      }),
    );
    const tongzi = (await get('/api/v1/outlets?county=520322&category=post')).json();
    expect(tongzi.items.length).toBeGreaterThan(0);
    expect(tongzi.items.every((o: { countyCode: string }) => o.countyCode === '520322')).toBe(true);
  });

  it('pages by keyset: each page starts after the last code of the one before', async () => {
    const first = (await get('/api/v1/outlets?category=post&limit=100')).json();
    expect(first.items).toHaveLength(100);
    const second = (
      await get(`/api/v1/outlets?category=post&limit=100&after=${first.nextCursor}`)
    ).json();
    const third = (
      await get(`/api/v1/outlets?category=post&limit=100&after=${second.nextCursor}`)
    ).json();
    expect(third.nextCursor).toBeNull();
    const codes = [...first.items, ...second.items, ...third.items].map(
      (o: { code: string }) => o.code,
    );
    expect(codes).toHaveLength(217);
    expect(new Set(codes).size).toBe(217);
    expect([...codes].sort()).toEqual(codes);
  });

  it('shows an outlet with its hours and agreements', async () => {
    const bank = (await get('/api/v1/outlets/520302-BK-001')).json();
    expect(bank.agreements[0]).toMatchObject({
      kind: 'bank',
      businessTypes: ['vehicle.mortgage', 'vehicle.mortgage-release', 'fine.pay'],
    });
    expect(bank.hours.weekdays.length).toBeGreaterThan(0);
    expect((await get('/api/v1/outlets/NOPE')).statusCode).toBe(404);
  });

  it('has the cooperation agreements of the article', async () => {
    const { items } = (await get('/api/v1/agreements')).json();
    const kinds = items.reduce(
      (acc: Record<string, number>, a: { kind: string }) => ({
        ...acc,
        [a.kind]: (acc[a.kind] ?? 0) + 1,
      }),
      {},
    );
    expect(kinds).toMatchObject({ bank: 20, insurance: 9, post: 1, hospital: 4 });
  });

  it('pages the agreements by keyset, in code order, within the reader’s scope', async () => {
    type Page = { items: { code: string }[]; nextCursor: string | null };
    const everyPage = async (user: string, limit: number) => {
      const codes: string[] = [];
      let after: string | null = null;
      do {
        // A cursor that does not move on would page for ever.
        if (codes.length > 1000) throw new Error('the agreements did not come to an end');
        const page: Page = (
          await get(`/api/v1/agreements?limit=${limit}${after ? `&after=${after}` : ''}`, user)
        ).json();
        expect(page.items.length).toBeLessThanOrEqual(limit);
        codes.push(...page.items.map((a) => a.code));
        after = page.nextCursor;
      } while (after !== null);
      return codes;
    };
    for (const user of ['admin', 'sup.county']) {
      const whole: Page = (await get('/api/v1/agreements', user)).json();
      expect(whole.nextCursor).toBeNull();
      const codes = whole.items.map((a) => a.code);
      expect(codes).toEqual([...codes].sort());
      expect(await everyPage(user, 7)).toEqual(codes);
    }
    // The county's agreements are some of the city's, each page cut from them.
    expect((await everyPage('sup.county', 2)).length).toBeLessThan(
      (await everyPage('admin', 50)).length,
    );
  });

  it('counts the agreements in scope by kind in the network summary, over every page', async () => {
    for (const user of ['admin', 'sup.county']) {
      const { items } = (await get('/api/v1/agreements', user)).json();
      const byKind = new Map<string, number>();
      for (const a of items as { kind: string }[])
        byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
      const { agreements } = (await get('/api/v1/network/summary', user)).json();
      expect(
        new Map(agreements.map((a: { kind: string; total: number }) => [a.kind, a.total])),
      ).toEqual(byKind);
    }
  });

  it('rejects an agreements page it cannot read, with the paths', async () => {
    const res = await get('/api/v1/agreements?after=AG%20bank&limit=0');
    expect(res.statusCode).toBe(400);
    expect(detailPaths(res)).toEqual(['query.after', 'query.limit']);
    expect((await get('/api/v1/agreements?limit=501')).statusCode).toBe(400);
  });

  it('confines a county supervisor to its county', async () => {
    const all = (await get('/api/v1/outlets?limit=1000', 'sup.county')).json();
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((o: { countyCode: string }) => o.countyCode === '520322')).toBe(true);
    const summary = (await get('/api/v1/network/summary', 'sup.county')).json();
    expect(summary.counts.every((c: { countyCode: string }) => c.countyCode === '520322')).toBe(
      true,
    );
    const agreements = (await get('/api/v1/agreements', 'sup.county')).json();
    expect(agreements.items.length).toBeGreaterThan(0);
    expect((await get('/api/v1/outlets/520302-CO-001', 'sup.county')).statusCode).toBe(403);
  });

  it('rejects bad filters with their paths', async () => {
    const res = await get('/api/v1/outlets?category=spaceport&county=52');
    expect(res.statusCode).toBe(400);
    expect(detailPaths(res)).toEqual(['query.category', 'query.county']);
  });
});
