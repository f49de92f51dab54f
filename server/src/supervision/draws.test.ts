import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantAlert, plantInspections, stationWeek } from '../../../test/support/supervision.ts';

/**
 * Spot-check draws as CONTRACT.md specifies them, and the draw redone here independently from
 * its published fields only, with nothing but node:crypto (as anyone could redo it offline).
 */
let t: TestApp;
const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
const SHARES = { 'sup.city': 'a1'.repeat(16), witness: '0f'.repeat(20) };

async function post(url: string, body: object, who = 'sup.city') {
  return await t.app.inject({
    method: 'POST',
    url,
    headers: bearer(await t.login(who)),
    payload: body,
  });
}

/** The published draw, recomputed: seed from the shares, u from HMAC, smallest u ÷ weight. */
function redo(d: {
  frame: { code: string; weight: number }[];
  parties: string[];
  count: number;
  commitments: { party: string; share: string | null }[];
}) {
  const shares = d.parties.map((p) => d.commitments.find((c) => c.party === p)!.share!);
  const seed = sha256(shares.join(''));
  const u = (code: string) =>
    parseInt(
      crypto
        .createHmac('sha256', Buffer.from(seed, 'utf8'))
        .update(code)
        .digest('hex')
        .slice(0, 13),
      16,
    ) /
    16 ** 13;
  const selected = d.frame
    .map((f) => ({ code: f.code, key: u(f.code) / f.weight }))
    .sort((a, b) => a.key - b.key || a.code.localeCompare(b.code))
    .slice(0, d.count)
    .map((f) => f.code);
  return { seed, selected };
}

let risky: string;
let rigged: string;
beforeAll(async () => {
  t = await createTestApp();
  // Five stations inspect 40 vehicles in a week of the last quarter; four pass 30, one all 40:
  // its risk rating is high (station-risk.ts), so it weighs 4 in the frame.
  const stations = await t.ctx.db
    .selectFrom('outlets')
    .select(['code', 'county_code as county'])
    .where('category', '=', 'inspection-station')
    .orderBy('code')
    .limit(5)
    .execute();
  rigged = stations[0]!.code;
  await plantInspections(
    t.ctx.db,
    '520300',
    stations.flatMap((s, i) => stationWeek(s, '2026-11-02', 40, i === 0 ? 40 : 30)),
  );
  const station = await t.ctx.db
    .selectFrom('outlets')
    .select(['code', 'county_code'])
    .where('category', '=', 'inspection-station')
    .orderBy('code', 'desc')
    .executeTakeFirstOrThrow();
  risky = station.code;
  await plantAlert(t.ctx.db, {
    cityCode: '520300',
    countyCode: station.county_code,
    outletCode: risky,
  });
});
afterAll(async () => t.close());

describe('spot-check draws', () => {
  let id = '';
  it('freezes a frame sorted by code, with weights and the hash of its JSON text', async () => {
    const res = await post('/api/v1/spot-checks/draws', {
      population: 'inspection-station',
      count: 3,
      parties: ['sup.city', 'witness'],
    });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    id = d.id;
    expect(d.status).toBe('committing');
    const codes = d.frame.map((f: { code: string }) => f.code);
    expect(codes).toEqual([...codes].sort());
    expect(d.frame.every((f: { weight: number }) => f.weight > 0)).toBe(true);
    expect(d.frameHash).toBe(sha256(JSON.stringify(d.frame)));
    // Never checked: every station is forced in; the one with an alert weighs more.
    expect(d.forced).toEqual(codes);
    expect(d.frame.find((f: { code: string }) => f.code === risky).weight).toBe(2);
    // The station that passes everything is rated high risk: weight 4.
    expect(d.frame.find((f: { code: string }) => f.code === rigged).weight).toBe(4);
  });

  it('takes every commitment before any share, and refuses a share that does not match', async () => {
    const url = `/api/v1/spot-checks/draws/${id}`;
    expect(
      (await post(`${url}/reveals`, { party: 'witness', share: SHARES.witness })).statusCode,
    ).toBe(409);
    for (const [party, share] of Object.entries(SHARES)) {
      const res = await post(`${url}/commitments`, { party, commitment: sha256(share) });
      expect(res.statusCode).toBe(200);
    }
    expect(
      (await post(`${url}/commitments`, { party: 'witness', commitment: sha256('ff'.repeat(16)) }))
        .statusCode,
    ).toBe(409);
    expect(
      (await post(`${url}/commitments`, { party: 'nobody', commitment: sha256('x') })).statusCode,
    ).toBe(400);
    const wrong = await post(`${url}/reveals`, { party: 'witness', share: 'ee'.repeat(16) });
    expect(wrong.statusCode).toBe(422);
    const first = await post(`${url}/reveals`, { party: 'witness', share: SHARES.witness });
    expect(first.json()).toMatchObject({ status: 'revealing', seed: null, selected: null });
  });

  it('selects when the last share is revealed, reproducibly from the published fields', async () => {
    const res = await post(`/api/v1/spot-checks/draws/${id}/reveals`, {
      party: 'sup.city',
      share: SHARES['sup.city'],
    });
    expect(res.statusCode).toBe(200);
    // Anyone: the public answer, no token.
    const published = (await t.app.inject({ url: `/api/v1/spot-checks/draws/${id}` })).json();
    expect(published.status).toBe('complete');
    expect(published.frameHash).toBe(sha256(JSON.stringify(published.frame)));
    for (const c of published.commitments) expect(sha256(c.share)).toBe(c.commitment);
    const again = redo(published);
    expect(published.seed).toBe(again.seed);
    expect(published.selected).toEqual(again.selected);
    expect(published.selected).toHaveLength(3);
    const list = (await t.app.inject({ url: '/api/v1/spot-checks/draws?limit=5' })).json();
    expect(list.items[0].id).toBe(id);
  });

  it('leaves just-checked stations without risk out of the next frame', async () => {
    const first = (await t.app.inject({ url: `/api/v1/spot-checks/draws/${id}` })).json();
    const next = await post('/api/v1/spot-checks/draws', {
      population: 'inspection-station',
      count: 1,
      parties: ['sup.city'],
    });
    const codes = next.json().frame.map((f: { code: string }) => f.code);
    for (const code of first.selected as string[]) {
      expect(codes.includes(code)).toBe(code === risky || code === rigged);
    }
  });

  it('is made by the detachment of its own city', async () => {
    const body = { population: 'dealer', count: 1, parties: ['sup.city'] };
    expect((await post('/api/v1/spot-checks/draws', body, 'sup.county')).statusCode).toBe(403);
    expect((await post('/api/v1/spot-checks/draws', body, 'clerk.dealer')).statusCode).toBe(403);
    expect((await post('/api/v1/spot-checks/draws', { ...body, count: 100_000 })).statusCode).toBe(
      400,
    );
  });
});

describe('the writes of supervision limited by role', () => {
  it('refuse a clerk or a brigade (403) before looking at the body', async () => {
    const id = crypto.randomUUID();
    const writes: [url: string, who: string][] = [
      ['/api/v1/supervision/reviews/draws', 'clerk.exam'],
      ['/api/v1/supervision/reviews/draws', 'sup.county'],
      [`/api/v1/supervision/reviews/${id}/verdict`, 'clerk.exam'],
      [`/api/v1/supervision/reviews/${id}/verdict`, 'admin'],
      [`/api/v1/spot-checks/draws/${id}/commitments`, 'clerk.station'],
      [`/api/v1/spot-checks/draws/${id}/commitments`, 'sup.county'],
      [`/api/v1/spot-checks/draws/${id}/reveals`, 'clerk.station'],
      [`/api/v1/spot-checks/draws/${id}/reveals`, 'sup.county'],
    ];
    const wrong: string[] = [];
    for (const [url, who] of writes) {
      for (const body of [{}, { nonsense: true }]) {
        const res = await post(url, body, who);
        if (res.statusCode !== 403 || res.json().error.code !== 'FORBIDDEN') {
          wrong.push(`${url} as ${who} → ${res.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
