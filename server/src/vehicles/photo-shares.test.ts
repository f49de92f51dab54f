import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantInspections } from '../../../test/support/supervision.ts';
import type { Db } from '../db/database.ts';

/**
 * `inspection_photo_shares` (the photo hashes more than one inspection of a city has) is kept by
 * a trigger, whoever records the inspections: it must always equal what grouping every photo
 * gives, after single and multi-row statements, and when two recordings of one photo commit at
 * once.
 */
let t: TestApp;
const CITY = '520300';
let stations: { code: string; county: string }[];

beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.ctx.db
    .selectFrom('outlets')
    .select(['code', 'county_code'])
    .where('category', '=', 'inspection-station')
    .where('city_code', '=', CITY)
    .orderBy('code')
    .limit(4)
    .execute();
  stations = rows.map((s) => ({ code: s.code, county: s.county_code }));
});
afterAll(async () => t.close());

/** Hashes the table lacks or holds wrongly, against every photo grouped. */
async function drift(db: Db) {
  const { rows } = await sql<{ hash: string; side: string }>`
    (SELECT hash, 'missing' AS side FROM inspection_photos
      GROUP BY city_code, hash HAVING count(*) > 1
     EXCEPT SELECT hash, 'missing' FROM inspection_photo_shares)
    UNION ALL
    (SELECT hash, 'extra' FROM inspection_photo_shares
     EXCEPT SELECT hash, 'extra' FROM inspection_photos
      GROUP BY city_code, hash HAVING count(*) > 1)`.execute(db);
  return rows;
}

const shared = async () =>
  (
    await sql<{ hash: string }>`
      SELECT hash FROM inspection_photo_shares WHERE city_code = ${CITY} ORDER BY hash`.execute(
      t.ctx.db,
    )
  ).rows.map((r) => r.hash);

const inspection = (photos: string[], at = '2026-10-12T09:00:00+08:00', k = 0) => ({
  station: stations[k]!.code,
  county: stations[k]!.county,
  at,
  passed: true,
  photos,
});

describe('inspection_photo_shares', () => {
  it('holds a hash once a second inspection has it, in later statements or the same one', async () => {
    await plantInspections(t.ctx.db, CITY, [inspection(['a1', 'a2'])]);
    expect(await shared()).toEqual([]);
    await plantInspections(t.ctx.db, CITY, [inspection(['a2', 'a3'])]);
    expect(await shared()).toEqual(['a2']);
    // One statement: b1 twice within it, a3 again (recorded before), a1 a third time.
    await plantInspections(t.ctx.db, CITY, [
      inspection(['b1']),
      inspection(['b1', 'a3']),
      inspection(['c1', 'c1']), // one inspection with a photo twice: not shared
      inspection(['a2']),
    ]);
    expect(await shared()).toEqual(['a2', 'a3', 'b1']);
    expect(await drift(t.ctx.db)).toEqual([]);
  });

  it('finds a photo two recordings send at once', async () => {
    // Four stations' transactions (no lock of a station's day between them) record the same
    // photo, and each stays open until all four have recorded or half a second has passed.
    // Without the lock every one would look for the photo beside the others' uncommitted
    // inspections, find none and commit; with it, each waits for the one before and sees it.
    expect(stations).toHaveLength(4);
    let recorded = 0;
    let allRecorded = () => undefined as void;
    const all = new Promise<void>((resolve) => (allRecorded = resolve));
    await Promise.all(
      stations.map((_, k) =>
        t.ctx.db.transaction().execute(async (tx) => {
          await plantInspections(tx, CITY, [
            inspection(['same-picture'], '2026-10-13T09:00:00+08:00', k),
          ]);
          if (++recorded === stations.length) allRecorded();
          await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 500))]);
        }),
      ),
    );
    expect(await shared()).toContain('same-picture');
    expect(await drift(t.ctx.db)).toEqual([]);
  });
});
