import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { booleanArrayReader, integerArrayReader, pgOwnReader } from './array-parsers.ts';

const original = new Map([1007, 1000].map((oid) => [oid, pgOwnReader(oid)]));

describe('array readers', () => {
  const ints = integerArrayReader(original.get(1007)!);
  const bools = booleanArrayReader(original.get(1000)!);

  it.each([
    '{}',
    '{0}',
    '{1,-2,3}',
    '{2147483647,-2147483648}',
    '{NULL}',
    '{1,NULL,3}',
    '{{1,2},{3,NULL}}',
    '{{{1}},{{2}}}',
  ])('reads the integer array %s as pg does', (text) => {
    expect(ints(text)).toEqual(original.get(1007)!(text));
  });

  it.each(['{}', '{t}', '{f}', '{t,f,NULL}', '{{t,f},{NULL,t}}'])(
    'reads the boolean array %s as pg does',
    (text) => {
      expect(bools(text)).toEqual(original.get(1000)!(text));
    },
  );

  it('hands an array with explicit bounds to the fallback', () => {
    const seen: string[] = [];
    const reader = integerArrayReader((t) => (seen.push(t), 'fallback'));
    expect(reader('[0:1]={5,6}')).toBe('fallback');
    expect(seen).toEqual(['[0:1]={5,6}']);
  });
});

describe('array readers on a real server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('are the ones pg uses, and read what PostgreSQL writes', async () => {
    expect(pg.types.getTypeParser(1007 as never, 'text')).not.toBe(original.get(1007));
    const { rows } = await sql<Record<string, unknown>>`
      SELECT ARRAY[1, -2, NULL]::int4[] AS i4, ARRAY[7, NULL]::int2[] AS i2,
             '{}'::int4[] AS empty, ARRAY[[1, 2], [3, 4]]::int4[] AS grid,
             '[0:1]={5,6}'::int4[] AS bounded, ARRAY[true, false, NULL]::bool[] AS flags,
             NULL::int4[] AS none`.execute(t.ctx.db);
    expect(rows[0]).toEqual({
      i4: [1, -2, null],
      i2: [7, null],
      empty: [],
      grid: [
        [1, 2],
        [3, 4],
      ],
      bounded: [5, 6],
      flags: [true, false, null],
      none: null,
    });
  });
});
