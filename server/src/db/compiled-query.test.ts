import { sql, type CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { WRITE_BEHIND } from './client.ts';
import { compiledListQuery, compiledQuery, writtenBehind } from './compiled-query.ts';
import { createDb, type DbOrTx, type Tx } from './database.ts';
import { preparedName } from './prepared.ts';

/** The application's own Kysely (it connects only when a query runs; these only compile). */
const kysely = createDb('postgres://localhost/compile-only', 1);

/** A handle that records the queries it is given instead of sending them. */
function recorder(rows: unknown[] = []) {
  const sent: CompiledQuery[] = [];
  const db = {
    executeQuery: async (q: CompiledQuery) => {
      sent.push(q);
      return { rows };
    },
  } as unknown as DbOrTx;
  return { db, sent };
}

describe('compiledQuery', () => {
  it("sends Kysely's own SQL and parameters, with each run's values in their places", async () => {
    const byPlate = compiledQuery((db, v: { cityCode: string; plate: string }) =>
      db
        .selectFrom('vehicles')
        .select(['vin', 'plate'])
        .where('city_code', '=', v.cityCode)
        .where('status', '=', 'registered')
        .where('plate', '=', v.plate),
    );
    const { db, sent } = recorder([{ vin: 'V', plate: 'P' }]);
    expect(await byPlate(db, { cityCode: '520300', plate: '贵C12345' })).toEqual([
      { vin: 'V', plate: 'P' },
    ]);
    await byPlate(db, { cityCode: '520100', plate: '贵A00001' });

    const expected = (cityCode: string, plate: string) =>
      kysely
        .selectFrom('vehicles')
        .select(['vin', 'plate'])
        .where('city_code', '=', cityCode)
        .where('status', '=', 'registered')
        .where('plate', '=', plate)
        .compile();
    const first = expected('520300', '贵C12345');
    const second = expected('520100', '贵A00001');
    expect(sent.map((q) => q.sql)).toEqual([first.sql, second.sql]);
    expect(sent.map((q) => q.parameters)).toEqual([first.parameters, second.parameters]);
    expect(sent[1]!.parameters).toEqual(['520100', 'registered', '贵A00001']);
  });

  it('binds a value used twice, in a CTE and in raw SQL, at every place', async () => {
    const q = compiledQuery((db, v: { city: string; n: number }) =>
      db
        .with('c', (d) => d.selectFrom('outlets').select('code').where('city_code', '=', v.city))
        .selectFrom('c')
        .select(sql<number>`${v.n} + 1`.as('m'))
        .where(sql<boolean>`${v.city} <> ''`),
    );
    const { db, sent } = recorder();
    await q(db, { city: '520300', n: 7 });
    expect(sent[0]!.parameters).toEqual(['520300', 7, '520300']);
  });

  it('refuses a template that decides something from a value while it is built', async () => {
    const { db } = recorder();
    const inlined = compiledQuery((d, v: { plate: string }) =>
      d
        .selectFrom('vehicles')
        .select('vin')
        .where('plate', '=', sql.lit(String(v.plate))),
    );
    await expect(inlined(db, { plate: 'x' })).rejects.toThrow(/"plate" is not bound/);
    const dropped = compiledQuery((d, v: { plate: string | null }) =>
      d
        .selectFrom('vehicles')
        .select('vin')
        .$if(v.plate === null, (w) => w.where('plate', 'is', null)),
    );
    await expect(dropped(db, { plate: null })).rejects.toThrow(/"plate" is not bound/);
    const spread = compiledQuery((d, v: { plate: string }) => {
      const { plate } = { ...v };
      return d.selectFrom('vehicles').select('vin').where('plate', '=', plate);
    });
    await expect(spread(db, { plate: 'x' })).rejects.toThrow(/cannot be spread/);
    const missing = compiledQuery((d, v: { plate: string }) =>
      d
        .selectFrom('vehicles')
        .select('vin')
        .where('plate', '=', v.plate)
        .where('vin', '=', (v as unknown as { other: { vin: string } }).other.vin),
    );
    await expect(missing(db, { plate: 'x' })).rejects.toThrow(/undefined while built/);
  });

  it('refuses to run without every value (undefined would bind NULL)', async () => {
    const q = compiledQuery((d, v: { plate: string; vin?: string }) =>
      d.selectFrom('vehicles').select('vin').where('plate', '=', v.plate).where('vin', '=', v.vin!),
    );
    const { db, sent } = recorder();
    await expect(q(db, { plate: 'x' })).rejects.toThrow(/no value for "vin"/);
    expect(sent).toEqual([]);
  });
});

describe('compiledListQuery', () => {
  it('sends one value as an equality, a few as a list of parameters, more as ANY', async () => {
    const unhandled = compiledListQuery(
      'plates',
      (d, v: { city: string; plates: string[] }, member) =>
        d
          .selectFrom('violations')
          .select('id')
          .where('city_code', '=', v.city)
          .where(member('plate')),
    );
    const { db, sent } = recorder([{ id: '1' }]);
    const five = ['贵C00001', '贵C00002', '贵C00003', '贵C00004', '贵C00005'];
    expect(await unhandled(db, { city: '520300', plates: ['贵C12345'] })).toEqual([{ id: '1' }]);
    await unhandled(db, { city: '520300', plates: ['贵C12345', '贵C54321'] });
    await unhandled(db, { city: '520300', plates: five });
    await unhandled(db, { city: '520100', plates: ['贵A00001'] });
    await unhandled(db, { city: '520100', plates: ['贵A00001', '贵A00002'] });
    const base = kysely.selectFrom('violations').select('id').where('city_code', '=', '520300');
    const one = base.where('plate', '=', '贵C12345').compile();
    const two = base.where('plate', 'in', ['贵C12345', '贵C54321']).compile();
    const many = base.where(sql<boolean>`"plate" = ANY(${['x']}::text[])`).compile();
    expect(sent.map((q) => q.sql)).toEqual([one.sql, two.sql, many.sql, one.sql, two.sql]);
    expect(sent.map((q) => q.parameters)).toEqual([
      ['520300', '贵C12345'],
      ['520300', '贵C12345', '贵C54321'],
      ['520300', five],
      ['520100', '贵A00001'],
      ['520100', '贵A00001', '贵A00002'],
    ]);
    // The text readTogether sends is the same as the one run alone.
    expect(unhandled.read({ city: '520300', plates: ['贵C12345'] }).query.sql).toBe(one.sql);
  });
});

describe('statements written behind', () => {
  it('carry the mark at the start of a named text, with each run’s values', async () => {
    const touch = writtenBehind((d, v: { id: string; at: Date }) =>
      d.updateTable('vehicles').set({ updated_at: v.at }).where('id', '=', v.id),
    );
    const { db, sent } = recorder();
    const at = new Date('2026-12-03T00:00:00Z');
    await touch(db as Tx, { id: '7', at });
    await touch(db as Tx, { id: '8', at });
    const text = `${WRITE_BEHIND} ${kysely.updateTable('vehicles').set({ updated_at: at }).where('id', '=', '7').compile().sql}`;
    expect(sent.map((q) => q.sql)).toEqual([text, text]);
    expect(sent.map((q) => q.parameters)).toEqual([
      [at, '7'],
      [at, '8'],
    ]);
    for (const q of sent) expect(preparedName(q.sql)).toMatch(/^cheguan_\d+$/);
  });
});
