import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createPool } from './database.ts';
import { NamedResult } from './named-result.ts';
import { prepareStatement } from './prepared.ts';

const INT4 = 23;
const TEXT = 25;
const field = (name: string, dataTypeID: number) =>
  ({ name, dataTypeID, format: 'text' }) as unknown as pg.FieldDef;

/** pg's parser of one row of text values, as it runs on a DataRow message. */
const parse = (r: NamedResult, values: string[]) =>
  (r as unknown as { parseRow(v: string[]): Record<string, unknown> }).parseRow(values);
const parsersOf = (r: NamedResult) => (r as unknown as { _parsers: unknown[] })._parsers;

describe('the result of a named statement', () => {
  it('reuses the column parsers of an earlier answer with the same description', () => {
    const first = new NamedResult('named_result_same');
    first.addFields([field('n', INT4), field('s', TEXT)]);
    const second = new NamedResult('named_result_same');
    second.addFields([field('n', INT4), field('s', TEXT)]);
    expect(parsersOf(second)).toBe(parsersOf(first));
    expect(parse(second, ['7', 'seven'])).toEqual({ n: 7, s: 'seven' });
  });

  it('builds anew when the description changes, and when another statement has the same columns', () => {
    const before = new NamedResult('named_result_changed');
    before.addFields([field('v', INT4)]);
    expect(parse(before, ['5'])).toEqual({ v: 5 });

    // The same statement after a migration changed the column's type.
    const after = new NamedResult('named_result_changed');
    after.addFields([field('v', TEXT)]);
    expect(parsersOf(after)).not.toBe(parsersOf(before));
    expect(parse(after, ['5'])).toEqual({ v: '5' });

    // A renamed column, same type.
    const renamed = new NamedResult('named_result_changed');
    renamed.addFields([field('w', TEXT)]);
    expect(parse(renamed, ['5'])).toEqual({ w: '5' });

    const other = new NamedResult('named_result_other');
    other.addFields([field('v', INT4)]);
    expect(parse(other, ['5'])).toEqual({ v: 5 });
  });

  it('keeps the parsers of one set of type parsers (a client’s) apart from another’s', () => {
    const withTypes = (types: unknown) => {
      const r = new NamedResult('named_result_types');
      // As the pg client does before it sends the query.
      (r as unknown as { _types: unknown })._types = types;
      r.addFields([field('v', INT4)]);
      return r;
    };
    const custom = new pg.TypeOverrides();
    custom.setTypeParser(INT4, 'text', (v: string) => `int ${v}`);
    expect(parse(withTypes(custom), ['5'])).toEqual({ v: 'int 5' });
    expect(parse(withTypes(new pg.TypeOverrides()), ['5'])).toEqual({ v: 5 });
    expect(parse(withTypes(custom), ['6'])).toEqual({ v: 'int 6' });
  });
});

describe('named statements through the pool', () => {
  let t: TestApp;
  let pool: pg.Pool;
  beforeAll(async () => {
    t = await createTestApp();
    pool = createPool(t.databaseUrl, 1);
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('answer each call with its own typed rows, a statement’s types never another’s', async () => {
    const asNumber = 'SELECT $1::int AS v, $2::jsonb AS doc, $3::date AS day';
    const asText = 'SELECT $1::text AS v, $2::jsonb AS doc, $3::date AS day';
    const many = 'SELECT g AS v FROM generate_series(1, $1::int) AS g';
    for (const text of [asNumber, asText, many]) prepareStatement(text);
    // As Kysely calls it: a checked-out client, text and values, a promise.
    const c = await pool.connect();
    try {
      for (let i = 0; i < 4; i++) {
        const n = await c.query(asNumber, [i, JSON.stringify({ i }), '2026-12-04']);
        expect(n.rows).toEqual([{ v: i, doc: { i }, day: '2026-12-04' }]);
        const s = await c.query(asText, [String(i), JSON.stringify({ i }), '2026-12-04']);
        expect(s.rows).toEqual([{ v: String(i), doc: { i }, day: n.rows[0].day }]);
      }
      // Several rows, and none: each answer's own.
      expect((await c.query(many, [3])).rows).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
      expect((await c.query(many, [0])).rows).toEqual([]);
      expect((await c.query(many, [2])).rows).toEqual([{ v: 1 }, { v: 2 }]);
      // They ran as named statements, the path this result is for.
      const prepared = await c.query<{ statement: string }>(
        'SELECT statement FROM pg_prepared_statements',
      );
      expect(prepared.rows.map((r) => r.statement)).toEqual(
        expect.arrayContaining([asNumber, asText, many]),
      );
    } finally {
      c.release();
    }
  });
});
