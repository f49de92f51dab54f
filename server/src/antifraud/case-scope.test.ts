import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '#shared/validators/index.ts';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber, ZUNYI, zunyiPlate } from '../../../test/support/factories.ts';
import { supervisorsOf } from '../../../test/support/supervision.ts';

/**
 * A case the detachment opens from findings of two counties belongs to the county of its first
 * finding; that county's brigade reads the case, but not the other county's finding in it
 * (CONTRACT.md: a supervisor never sees another jurisdiction's rows; `GET /findings/{id}` of that
 * finding answers the brigade 404).
 */
let t: TestApp;
const OTHER_COUNTY = '520303';
let brigade: { username: string; password: string };
let detachment: { username: string; password: string };

/** A finding not yet in a case, as a supervision run writes it. */
async function plantFinding(countyCode: string, score: number) {
  const id = crypto.randomUUID();
  const person = idNumber(countyCode);
  const plate = zunyiPlate();
  const at = new Date('2026-11-26T02:00:00+08:00');
  await t.ctx.db
    .insertInto('fraud_findings')
    .values({
      city_code: ZUNYI.cityCode,
      id,
      kind: 'point-trading',
      fingerprint: id,
      score,
      county_code: countyCode,
      people: [person],
      plates: [plate],
      staff: [],
      phones: [],
      devices: [],
      evidence: JSON.stringify([{ text: `${plate} 代人记分`, textEn: `${plate} points taken` }]),
      links: '[]',
      period_from: '2026-11-25',
      period_to: '2026-11-25',
      run_id: crypto.randomUUID(),
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, person, plate };
}

beforeAll(async () => {
  t = await createTestApp();
  ({ brigade, detachment } = await supervisorsOf(t.ctx.db, ZUNYI));
});
afterAll(async () => t.close());

const as = async (who: { username: string; password: string }) =>
  bearer(await t.login(who.username, who.password));

describe('a case spanning two counties', () => {
  it('shows a brigade the findings of its own county only', async () => {
    const own = await plantFinding(ZUNYI.countyCode, 9);
    const other = await plantFinding(OTHER_COUNTY, 1);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await as(detachment),
      payload: { title: '跨县买分卖分', findingIds: [own.id, other.id] },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().countyCode).toBe(ZUNYI.countyCode);
    expect(
      opened
        .json()
        .findings.map((f: { id: string }) => f.id)
        .sort(),
    ).toEqual([own.id, other.id].sort());

    const read = await t.app.inject({
      url: `/api/v1/cases/${opened.json().id}`,
      headers: await as(brigade),
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().findings.map((f: { id: string }) => f.id)).toEqual([own.id]);
    expect(read.json().findings[0].people).toEqual([maskIdNumber(own.person)]);
    for (const leak of [other.plate, maskIdNumber(other.person), other.person]) {
      expect(read.body).not.toContain(leak);
    }
    const direct = await t.app.inject({
      url: `/api/v1/findings/${other.id}`,
      headers: await as(brigade),
    });
    expect(direct.statusCode).toBe(404);
  });
});
