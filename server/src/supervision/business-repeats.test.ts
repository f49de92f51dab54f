import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  legacyLine,
  plantApplication,
  repeatsDrift,
  userIdOf,
} from '../../../test/support/business-days.ts';
import { createClerk, ZUNYI } from '../../../test/support/factories.ts';
import { repeatedBusiness } from '../applications/activity.service.ts';
import { POLICY_KEYS } from '../catalog/policy-keys.ts';
import type { DbOrTx } from '../db/database.ts';
import { legacyRepeated } from './history.service.ts';
import { REPEATS } from './sources.ts';

/**
 * Over the legacy history the frequent-business rules read candidates kept as it is imported
 * (migration `business_repeats`): completed business of the repeat kinds whose subject has
 * another within 1 095 days. Whatever is inserted, changed or removed, the candidates must be
 * exactly those the definition gives over every row. The pipeline's applications are counted
 * from their rows.
 */
let t: TestApp;
let outlet: string;
let actor: string;
beforeAll(async () => {
  t = await createTestApp();
  const clerk = await createClerk(t.ctx.db, 'police-window');
  outlet = clerk.outlet.code;
  actor = await userIdOf(t.ctx.db, clerk.username);
});
afterAll(async () => t.close());

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

const legacy = (id: string, type: string, plate: string, day: string, refused = false) =>
  legacyLine({ id, type, plate, outletCode: outlet, at: at(day), refused });

async function apply(db: DbOrTx, type: string, data: object, day: string) {
  return await plantApplication(db, {
    outletCode: outlet,
    actorId: actor,
    at: at(day),
    type,
    data,
  });
}

const QUERY = {
  cityCode: ZUNYI.cityCode,
  since: at('2026-01-01'),
  recentSince: at('2026-06-01'),
  until: at('2027-01-01'),
  kinds: REPEATS.map(({ maxKey: _, ...k }) => ({ ...k, min: 2 })),
};

describe('repeat candidates', () => {
  it('cover every type the rules count, over the longest window the policy allows', async () => {
    const types = [...new Set(REPEATS.flatMap((k) => k.types))];
    const { rows } = await sql<{ type: string; counted: boolean }>`
      SELECT type, repeat_business_type(type) AS counted
        FROM unnest(${types}::text[]) AS type`.execute(t.ctx.db);
    expect(rows.filter((r) => !r.counted)).toEqual([]);
    const window = POLICY_KEYS['supervision.frequent.window-days'].schema;
    expect(window.safeParse(1095).success).toBe(true);
    expect(window.safeParse(1096).success).toBe(false);
  });

  it('follow the legacy history statement by statement, concurrent imports included', async () => {
    const ins = (rows: ReturnType<typeof legacy>[]) =>
      t.ctx.db.insertInto('legacy_applications').values(rows).execute();
    await ins([
      legacy('R-A1', 'vehicle.licence-reissue', '贵C10001', '2026-03-01'),
      legacy('R-B1', 'vehicle.licence-reissue', '贵C10002', '2023-06-01'),
      legacy('R-C1', 'vehicle.transfer', '贵C10003', '2026-07-01'),
      legacy('R-X1', 'vehicle.temp-plate', '贵C10004', '2026-07-01'),
    ]);
    expect(await repeatsDrift(t.ctx.db)).toEqual([]);
    expect(await t.ctx.db.selectFrom('legacy_application_repeats').selectAll().execute()).toEqual(
      [],
    );
    // A second reissue of A (a candidate pair), B's second reissue 1 096 days later (none), a
    // refused transfer of C (none), a second temporary plate (not a repeat kind).
    await ins([
      legacy('R-A2', 'vehicle.plate-reissue', '贵C10001', '2026-08-01'),
      legacy('R-B2', 'vehicle.licence-reissue', '贵C10002', '2026-06-01'),
      legacy('R-C2', 'vehicle.transfer', '贵C10003', '2026-08-01', true),
      legacy('R-X2', 'vehicle.temp-plate', '贵C10004', '2026-08-01'),
    ]);
    expect(await repeatsDrift(t.ctx.db)).toEqual([]);
    const ids = await t.ctx.db.selectFrom('legacy_application_repeats').select('id').execute();
    expect(ids.map((r) => r.id).sort()).toEqual(['R-A1', 'R-A2']);
    const found = await legacyRepeated(t.ctx.db, QUERY);
    expect(found.map((r) => [r.kind, r.subject, r.n])).toEqual([['reissue', '贵C10001', 2]]);

    // C's refused transfer turns out completed; A's first reissue is withdrawn from the history.
    await sql`UPDATE legacy_applications SET status = 'completed' WHERE id = 'R-C2'`.execute(
      t.ctx.db,
    );
    await sql`DELETE FROM legacy_applications WHERE id = 'R-A1'`.execute(t.ctx.db);
    expect(await repeatsDrift(t.ctx.db)).toEqual([]);
    const after = await legacyRepeated(t.ctx.db, QUERY);
    expect(after.map((r) => [r.kind, r.subject, r.n])).toEqual([['transfer', '贵C10003', 2]]);

    // Two imports of one subject at once, each kept open a moment: without the lock each would
    // recompute the subject beside the other's uncommitted line and find no pair.
    await Promise.all(
      ['2026-10-01', '2026-10-02'].map((day, k) =>
        t.ctx.db.transaction().execute(async (tx) => {
          await tx
            .insertInto('legacy_applications')
            .values(legacy(`R-D${k}`, 'vehicle.licence-reissue', '贵C10005', day))
            .execute();
          await sql`SELECT pg_sleep(0.05)`.execute(tx);
        }),
      ),
    );
    expect(await repeatsDrift(t.ctx.db)).toEqual([]);
    const both = await t.ctx.db
      .selectFrom('legacy_application_repeats')
      .select('id')
      .where('subject', '=', '贵C10005')
      .execute();
    expect(both.map((r) => r.id).sort()).toEqual(['R-D0', 'R-D1']);
  });

  it('leave the pipeline’s applications to be counted from their rows', async () => {
    const plate = '贵C20001';
    for (const day of ['2026-09-01', '2026-09-02', '2026-09-03']) {
      await apply(t.ctx.db, 'vehicle.licence-reissue', { plate }, day);
    }
    const found = await repeatedBusiness(t.ctx.db, QUERY);
    expect(found.map((r) => [r.kind, r.subject, r.n])).toEqual([['reissue', plate, 3]]);

    // Moves count change registrations of a move only (data.change).
    const moved = '贵C20002';
    await apply(t.ctx.db, 'vehicle.change', { plate: moved, change: 'move-out' }, '2026-09-05');
    await apply(t.ctx.db, 'vehicle.change', { plate: moved, change: 'colour' }, '2026-09-06');
    const third = await apply(
      t.ctx.db,
      'vehicle.change',
      { plate: moved, change: 'move-in' },
      '2026-09-07',
    );
    const moves = (await repeatedBusiness(t.ctx.db, QUERY)).filter((r) => r.kind === 'move');
    expect(moves.map((r) => [r.subject, r.n])).toEqual([[moved, 2]]);

    // A later refusal takes an application out again.
    await sql`UPDATE applications SET status = 'refused' WHERE id = ${third}`.execute(t.ctx.db);
    expect((await repeatedBusiness(t.ctx.db, QUERY)).filter((r) => r.kind === 'move')).toEqual([]);
  });

  it('asks each kind for its own count, one item of it recent', async () => {
    const query = {
      ...QUERY,
      kinds: REPEATS.map(({ maxKey: _, ...k }) => ({ ...k, min: k.kind === 'reissue' ? 3 : 2 })),
    };
    const on = async (plate: string, type: string, days: string[]) => {
      for (const day of days) await apply(t.ctx.db, type, { plate }, day);
    };
    // Two transfers: enough for transfers, fewer than reissues need.
    await on('贵C30001', 'vehicle.transfer', ['2026-07-01', '2026-07-02']);
    // Two reissues and a transfer: three items, but no kind has its count.
    await on('贵C30002', 'vehicle.licence-reissue', ['2026-07-01', '2026-07-02']);
    await on('贵C30002', 'vehicle.transfer', ['2026-07-03']);
    // Three reissues, none since June: none recent.
    await on('贵C30003', 'vehicle.licence-reissue', ['2026-02-01', '2026-03-01', '2026-04-01']);
    // Three reissues, the last one recent.
    await on('贵C30004', 'vehicle.licence-reissue', ['2026-02-01', '2026-03-01', '2026-07-01']);
    const found = (await repeatedBusiness(t.ctx.db, query))
      .filter((r) => r.subject.startsWith('贵C3000'))
      .map((r) => [r.kind, r.subject, r.n])
      .sort();
    expect(found).toEqual([
      ['reissue', '贵C30004', 3],
      ['transfer', '贵C30001', 2],
    ]);
  });
});
