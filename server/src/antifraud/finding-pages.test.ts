import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { ZUNYI } from '../../../test/support/factories.ts';
import { byId, distinctIds, readAllPages } from '../../../test/support/pages.ts';
import { plantFinding, supervisorsOf } from '../../../test/support/supervision.ts';

/**
 * `GET /findings` by keyset pages (issue 9 item 4): highest score first, then id; every standing
 * finding of the reader's scope once, across pages whose boundaries fall inside runs of equal
 * scores, and more than one default page of them.
 */
let t: TestApp;
const OTHER_COUNTY = '520303';
const KINDS = ['point-trading', 'illegal-agent', 'insider-collusion'] as const;
interface Planted {
  id: string;
  kind: (typeof KINDS)[number];
  score: number;
  countyCode: string;
  standing: boolean;
}
const planted: Planted[] = [];
let brigade: { username: string; password: string };
let detachment: { username: string; password: string };

/** Scores with many ties, and doubles whose text is long (0.1 + 0.2), to round-trip exactly. */
const scoreOf = (i: number) => (i % 5 === 0 ? 0.1 + 0.2 : (i % 7) + (i % 3) / 3);

beforeAll(async () => {
  t = await createTestApp();
  await t.ctx.db.transaction().execute(async (tx) => {
    for (let i = 0; i < 560; i++) {
      const f: Planted = {
        id: crypto.randomUUID(),
        kind: KINDS[i % 3]!,
        score: scoreOf(i),
        countyCode: i % 4 === 0 ? OTHER_COUNTY : ZUNYI.countyCode,
        // A superseded finding is never listed (findings_superseded.sql).
        standing: i % 11 !== 0,
      };
      await plantFinding(tx, { ...f, cityCode: ZUNYI.cityCode });
      if (!f.standing) {
        await tx
          .updateTable('fraud_findings')
          .set({ superseded_by: crypto.randomUUID(), superseded_at: new Date() })
          .where('id', '=', f.id)
          .execute();
      }
      planted.push(f);
    }
  });
  ({ brigade, detachment } = await supervisorsOf(t.ctx.db, ZUNYI));
});
afterAll(async () => {
  await t.close();
});

/** The standing findings a reader should see, in the list's order (score descending, then id). */
const expected = (keep: (f: Planted) => boolean) =>
  planted
    .filter((f) => f.standing && keep(f))
    .sort((x, y) => y.score - x.score || byId(x, y))
    .map((f) => f.id);

type Item = { id: string; kind: string; score: number; countyCode: string };

describe('GET /findings by keyset pages', () => {
  it('gives every standing finding once, highest score first, page after page', async () => {
    const { items, pages } = await readAllPages<Item>(t, detachment, '/api/v1/findings', 23);
    expect(pages).toBeGreaterThan(10);
    expect(distinctIds(items)).toEqual(expected(() => true));
    expect(items.map((f) => f.score)).toEqual(
      expected(() => true).map((id) => planted.find((f) => f.id === id)!.score),
    );
  });

  it('keeps the kind on every page', async () => {
    const { items } = await readAllPages<Item>(
      t,
      detachment,
      '/api/v1/findings?kind=illegal-agent',
      9,
    );
    expect(distinctIds(items)).toEqual(expected((f) => f.kind === 'illegal-agent'));
  });

  it('keeps a brigade to its county on every page, with or without a kind', async () => {
    const county = await readAllPages<Item>(t, brigade, '/api/v1/findings', 17);
    expect(distinctIds(county.items)).toEqual(expected((f) => f.countyCode === ZUNYI.countyCode));
    const kind = await readAllPages<Item>(t, brigade, '/api/v1/findings?kind=point-trading', 11);
    expect(distinctIds(kind.items)).toEqual(
      expected((f) => f.countyCode === ZUNYI.countyCode && f.kind === 'point-trading'),
    );
  });

  it('answers 500 without `limit` (the bounded list it was), then the rest after the cursor', async () => {
    const headers = bearer(await t.login(detachment.username, detachment.password));
    const first = await t.app.inject({ url: '/api/v1/findings', headers });
    const page = first.json() as { items: Item[]; nextCursor: string | null };
    expect(page.items).toHaveLength(500);
    expect(page.nextCursor).not.toBeNull();
    const rest = await t.app.inject({ url: `/api/v1/findings?after=${page.nextCursor}`, headers });
    const last = rest.json() as { items: Item[]; nextCursor: string | null };
    expect(last.nextCursor).toBeNull();
    expect([...page.items, ...last.items].map((f) => f.id)).toEqual(expected(() => true));
  });

  it('refuses a cursor it did not write with 400 on `after`, and clerks with 403', async () => {
    const headers = bearer(await t.login(detachment.username, detachment.password));
    const id = crypto.randomUUID();
    for (const text of [`NaN|${id}`, `Infinity|${id}`, `1e999|${id}`, '0.5|x', `0.5|${id}|1`]) {
      const after = Buffer.from(text).toString('base64url');
      const res = await t.app.inject({ url: `/api/v1/findings?after=${after}`, headers });
      expect(res.statusCode, text).toBe(400);
      expect(res.json().error.details).toEqual([
        { path: 'query.after', message: expect.any(String) },
      ]);
    }
    const clerk = await t.app.inject({
      url: '/api/v1/findings',
      headers: bearer(await t.login('clerk.city')),
    });
    expect(clerk.statusCode).toBe(403);
  });
});
