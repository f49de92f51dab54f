import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAppClient } from '../../../../test/support/schema.ts';
import type { Field } from './binary-rows.ts';
import { copyInto } from './copy.ts';

let client: pg.Client;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ client, close } = await createTestAppClient());
});
afterAll(() => close());

/** Every column type the generator fills, with the text PostgreSQL shows for each value. */
const TYPED = `CREATE TEMP TABLE typed (
  n int, big bigint, small smallint, flag boolean, day date, at timestamptz, id uuid,
  doc jsonb, amount numeric(10, 2), score numeric(5, 1), name text, tags text[])`;
const COLUMNS = ['n', 'big', 'small', 'flag', 'day', 'at', 'id', 'doc', 'amount', 'score'];

describe('copyInto (binary COPY)', () => {
  it('writes each type as PostgreSQL reads its text, nulls included', async () => {
    await client.query(TYPED);
    const columns = [...COLUMNS, 'name', 'tags'];
    const rows: Field[][] = [
      [
        1,
        '9007199254740991',
        -32768,
        true,
        '2025-02-28',
        // Milliseconds are dropped: the generator's instants are whole seconds.
        Date.UTC(2025, 1, 28, 15, 59, 59, 999),
        '0193f5e2-7a00-7abc-8def-0123456789ab',
        JSON.stringify({ plate: '贵C12345', n: [1, 2.5], quote: 'a"b\\c\td\ne' }),
        200,
        92.5,
        '张三\t"\\\n',
        ['C1', 'A2'],
      ],
      [
        2,
        -9007199254740991,
        32767,
        false,
        '1999-12-31',
        Date.UTC(1970, 0, 1),
        '00000000-0000-0000-0000-000000000000',
        '[]',
        -1234.5,
        0,
        '',
        [],
      ],
      [3, 0, 0, null, null, null, null, null, 0.05, 100.1, null, ['贵', '']],
      [
        4,
        null,
        null,
        null,
        '2024-02-29',
        Date.UTC(2031, 11, 31, 23, 0, 1),
        null,
        'null',
        12345678.9,
        1,
        'x',
        null,
      ],
    ];
    expect(await copyInto(client, 'typed', columns, rows)).toBe(4);
    const { rows: back } = await client.query(
      `SELECT n, big::text, small, flag, day::text, (at AT TIME ZONE 'UTC')::text AS at, id::text,
              doc::text, amount::text, score::text, name, tags::text FROM typed ORDER BY n`,
    );
    expect(back).toEqual([
      {
        n: 1,
        big: '9007199254740991',
        small: -32768,
        flag: true,
        day: '2025-02-28',
        at: '2025-02-28 15:59:59',
        id: '0193f5e2-7a00-7abc-8def-0123456789ab',
        doc: '{"n": [1, 2.5], "plate": "贵C12345", "quote": "a\\"b\\\\c\\td\\ne"}',
        amount: '200.00',
        score: '92.5',
        name: '张三\t"\\\n',
        tags: '{C1,A2}',
      },
      {
        n: 2,
        big: '-9007199254740991',
        small: 32767,
        flag: false,
        day: '1999-12-31',
        at: '1970-01-01 00:00:00',
        id: '00000000-0000-0000-0000-000000000000',
        doc: '[]',
        amount: '-1234.50',
        score: '0.0',
        name: '',
        tags: '{}',
      },
      {
        n: 3,
        big: '0',
        small: 0,
        flag: null,
        day: null,
        at: null,
        id: null,
        doc: null,
        amount: '0.05',
        score: '100.1',
        name: null,
        tags: '{贵,""}',
      },
      {
        n: 4,
        big: null,
        small: null,
        flag: null,
        day: '2024-02-29',
        at: '2031-12-31 23:00:01',
        id: null,
        doc: 'null',
        amount: '12345678.90',
        score: '1.0',
        name: 'x',
        tags: null,
      },
    ]);
  });

  it('sends every row whole across buffer boundaries, and a row longer than a buffer', async () => {
    await client.query('CREATE TEMP TABLE copied (n int, text text)');
    // Chinese (three bytes a character in UTF-8), and one row of 600 bytes when a buffer holds
    // 64: rows end in the middle of where a buffer would, and one grows the buffer.
    const texts = Array.from({ length: 40 }, (_, n) =>
      n === 17 ? '长'.repeat(200) : `${'贵C'.repeat(n % 7)}\tline ${n}\\${n % 3 ? '' : '\n'}`,
    );
    const rows = await copyInto(
      client,
      'copied',
      ['n', 'text'],
      texts.map((text, n) => [n, text]),
      { chunk: 64 },
    );
    expect(rows).toBe(40);
    const { rows: back } = await client.query<{ text: string }>(
      'SELECT text FROM copied ORDER BY n',
    );
    expect(back.map((r) => r.text)).toEqual(texts);
  });

  it('sends every row of many buffers, waiting for the socket when too many are queued', async () => {
    await client.query('CREATE TEMP TABLE queued (n int, text text)');
    function* rows() {
      for (let n = 0; n < 5000; n++) yield [n, `长${n}`];
    }
    // Buffers of 64 bytes, at most two queued: the COPY waits for the socket again and again.
    expect(
      await copyInto(client, 'queued', ['n', 'text'], rows(), { chunk: 64, inFlight: 128 }),
    ).toBe(5000);
    const { rows: back } = await client.query<{ n: number; text: string }>(
      'SELECT n, text FROM queued ORDER BY n',
    );
    expect(back.map((r) => r.n)).toEqual(Array.from({ length: 5000 }, (_, n) => n));
    expect(back.every((r) => r.text === `长${r.n}`)).toBe(true);
  });

  it('refuses a value its column cannot take, ends the COPY and leaves the connection usable', async () => {
    await client.query('CREATE TEMP TABLE refused (n int, day date)');
    const bad: [Field[], RegExp][] = [
      [[1, '2031-02-29'], /refused\.day: not a date: 2031-02-29/],
      [[1.5, '2025-01-01'], /refused\.n: not an integer: 1\.5/],
      [[1, '2025-01-01', 'extra'], /a row of 3 fields for 2 columns/],
    ];
    for (const [row, message] of bad) {
      await client.query('BEGIN');
      function* rows() {
        for (let n = 0; n < 3000; n++) yield [n, '2025-01-01'];
        yield row;
      }
      await expect(
        copyInto(client, 'refused', ['n', 'day'], rows(), { chunk: 64 }),
      ).rejects.toThrow(message);
      // The COPY was failed, not left waiting: the ROLLBACK is answered and nothing stayed.
      await client.query('ROLLBACK');
      expect((await client.query('SELECT count(*)::int AS n FROM refused')).rows[0].n).toBe(0);
    }
    await expect(copyInto(client, 'refused', ['n', 'hour'], [])).rejects.toThrow(
      'refused has no column hour',
    );
  });

  it('names a column whose type it has no codec for', async () => {
    await client.query('CREATE TEMP TABLE untyped (n int, at timestamp)');
    await expect(copyInto(client, 'untyped', ['n', 'at'], [])).rejects.toThrow(
      'no codec for untyped.at (timestamp without time zone)',
    );
  });
});
