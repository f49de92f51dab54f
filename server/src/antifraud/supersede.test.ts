import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { findingRows, supersedeFindings, upsertFinding } from './antifraud.repository.ts';

/**
 * Superseding at the store: whatever a run stores stands, and the earlier runs' findings of its
 * kind that share a core member step aside — also when a ring is found again exactly as an
 * earlier run saw it, after a run in between saw it otherwise.
 */
let t: TestApp;
const CITY = '520300';
const at = new Date('2026-11-30T02:00:00Z');

async function store(core: string[], runId: string) {
  return await t.ctx.db.transaction().execute(async (tx) => {
    const stored = await upsertFinding(tx, {
      city_code: CITY,
      id: crypto.randomUUID(),
      kind: 'point-trading',
      fingerprint: crypto
        .createHash('sha256')
        .update([...core].sort().join(','))
        .digest('hex'),
      score: 1,
      county_code: '520302',
      people: core,
      plates: [],
      staff: [],
      phones: [],
      devices: [],
      evidence: '[]',
      links: '[]',
      period_from: '2026-11-01',
      period_to: '2026-11-30',
      run_id: runId,
      created_at: at,
      updated_at: at,
      core,
    });
    await supersedeFindings(tx, {
      cityCode: CITY,
      kind: 'point-trading',
      by: stored.id,
      runId,
      core,
      at,
    });
    return stored.id;
  });
}

const standing = async () =>
  (await findingRows(t.ctx.db, { cityCode: CITY, kind: 'point-trading', limit: 100 })).map(
    (r) => r.id,
  );

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('superseded findings', () => {
  it('lets the latest run’s view of a ring stand, also when it returns to an earlier one', async () => {
    const [a, b, c, other] = ['A', 'B', 'C', 'D'].map((x) => `${x}${crypto.randomUUID()}`);
    const three = await store([a!, b!, c!], crypto.randomUUID());
    const unrelated = await store([other!], crypto.randomUUID());
    const two = await store([a!, b!], crypto.randomUUID());
    expect(await standing()).toEqual(expect.arrayContaining([two, unrelated]));
    expect(await standing()).not.toContain(three);

    const again = await store([a!, b!, c!], crypto.randomUUID());
    expect(again).toBe(three);
    expect(await standing()).toEqual(expect.arrayContaining([three, unrelated]));
    expect(await standing()).not.toContain(two);
    const [old] = await findingRows(t.ctx.db, { cityCode: CITY, ids: [two], limit: 1 });
    expect(old!.superseded_by).toBe(three);
  });

  it('does not let one run’s findings supersede each other', async () => {
    const run = crypto.randomUUID();
    const [x, y, z] = ['X', 'Y', 'Z'].map((p) => `${p}${crypto.randomUUID()}`);
    const first = await store([x!, y!], run);
    const second = await store([y!, z!], run);
    expect(await standing()).toEqual(expect.arrayContaining([first, second]));
  });
});
