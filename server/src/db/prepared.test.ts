import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { compiledListQuery, compiledQuery, isAnyOf } from './compiled-query.ts';
import { createDb, type Db } from './database.ts';
import { MAX_NAMED, preparedName, StatementNames } from './prepared.ts';

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  // One connection and no lanes: every statement below runs on the session whose statements
  // are listed.
  db = createDb(t.databaseUrl, 1, { lanes: 0 });
});
afterAll(async () => {
  await db.destroy();
  await t.close();
});

const outletByCode = compiledQuery((d, v: { code: string }) =>
  d.selectFrom('outlets').select(['code', 'county_code']).where('code', '=', v.code),
);

/** The session's named statements, as PostgreSQL lists them. */
async function prepared() {
  const { rows } = await sql<{
    name: string;
    statement: string;
  }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(db);
  return rows;
}

describe('named statements', () => {
  it('runs a compiled query as one named statement per connection, with each call’s values', async () => {
    const outlets = await sql<{
      code: string;
      county_code: string;
    }>`SELECT code, county_code FROM outlets ORDER BY code LIMIT 3`.execute(db);
    expect(outlets.rows).toHaveLength(3);
    for (const o of outlets.rows) {
      expect(await outletByCode(db, { code: o.code })).toEqual([o]);
    }
    // Past PostgreSQL's five custom plans, the generic plan must still bind each value.
    for (let i = 0; i < 8; i++) {
      const o = outlets.rows[i % 3]!;
      expect(await outletByCode(db, { code: o.code })).toEqual([o]);
    }
    expect(await outletByCode(db, { code: 'no-such-outlet' })).toEqual([]);

    const mine = (await prepared()).filter((p) => p.statement.includes('"outlets"'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^cheguan_\d+$/);
    expect(preparedName(mine[0]!.statement)).toBe(mine[0]!.name);
  });

  it('leaves other statements unnamed', async () => {
    await sql`SELECT count(*) FROM outlets WHERE code <> ${'x'}`.execute(db);
    const names = (await prepared()).map((p) => p.statement);
    expect(names.some((s) => s.includes('count(*)'))).toBe(false);
  });

  it('keeps working on the connection after a call fails, and inside transactions', async () => {
    const bad = compiledQuery((d, v: { n: number }) =>
      d
        .selectFrom('outlets')
        .select('code')
        .where(sql<boolean>`length(code) > ${v.n}::int`),
    );
    // A value PostgreSQL refuses fails at Bind, after the statement was parsed.
    await expect(bad(db, { n: 'many' as unknown as number })).rejects.toThrow(/integer/);
    expect((await bad(db, { n: 1000 })).length).toBe(0);

    const [first] = (await sql<{ code: string }>`SELECT code FROM outlets LIMIT 1`.execute(db))
      .rows;
    // A rolled-back transaction does not take the session's statements with it.
    await expect(
      db.transaction().execute(async (tx) => {
        expect(await outletByCode(tx, { code: first!.code })).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outletByCode(db, { code: first!.code })).toHaveLength(1);
  });

  it('keeps the generic plan of a list query run with one value or a few', async () => {
    const carried = compiledListQuery('plates', (d, v: { plates: string[] }, member) =>
      d
        .selectFrom('vehicles')
        .select('vin')
        .where('city_code', '=', '520300')
        .where(member('plate')),
    );
    // What the short texts avoid: two values in ANY's array, estimated at ten.
    const anyOfTwo = compiledQuery((d, v: { plates: string[] }) =>
      d
        .selectFrom('vehicles')
        .select('vin')
        .where('city_code', '=', '520300')
        .where(isAnyOf('plate', v.plates)),
    );
    for (let i = 0; i < 8; i++) {
      await carried(db, { plates: [`贵C0000${i}`] });
      await carried(db, { plates: [`贵C0000${i}`, '贵C99999'] });
      await anyOfTwo(db, { plates: [`贵C0000${i}`, '贵C99999'] });
    }
    const { rows } = await sql<{ statement: string; generic_plans: string; custom_plans: string }>`
      SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements
       WHERE statement LIKE '%"vehicles"%'`.execute(db);
    const plans = (text: string) => {
      const found = rows.find((r) => r.statement.includes(text));
      return found && { generic: Number(found.generic_plans), custom: Number(found.custom_plans) };
    };
    // PostgreSQL plans for the values at the first five runs, then keeps the generic plan only
    // when it is not dearer: the equality's and the short list's are not; ANY's with two values,
    // estimated at ten, always is.
    expect(plans('"plate" = $')).toEqual({ generic: 3, custom: 5 });
    expect(plans('"plate" in ($2, $3)')).toEqual({ generic: 3, custom: 5 });
    expect(plans('= ANY(')).toEqual({ generic: 0, custom: 8 });
  });

  it('names at most its cap of texts; past that a text runs unnamed', () => {
    // A registry of its own: the process's one is shared by the test files of a worker.
    const registry = new StatementNames(3);
    const given = ['a', 'b', 'c', 'd', 'a'].map((t) => registry.register(`SELECT '${t}'`));
    expect(given).toEqual(['cheguan_1', 'cheguan_2', 'cheguan_3', undefined, 'cheguan_1']);
    expect(registry.get(`SELECT 'd'`)).toBeUndefined();
    expect(new StatementNames().register('SELECT 1')).toBe('cheguan_1');
    expect(MAX_NAMED).toBe(500);
  });
});
