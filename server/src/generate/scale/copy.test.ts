import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { copyInto, escaped, line } from './copy.ts';

let t: TestApp;
let client: pg.Client;
beforeAll(async () => {
  t = await createTestApp();
  client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await t.close();
});

describe('copyInto', () => {
  it('sends every line whole across buffer boundaries, multi-byte text and a line longer than a buffer', async () => {
    await client.query('CREATE TEMP TABLE copied (n int, text text)');
    // Chinese (three bytes a character in UTF-8), escapes, and one line of 200 characters when a
    // buffer holds 64 bytes: lines end in the middle of where a buffer would, and one needs
    // a send of its own.
    const texts = Array.from({ length: 40 }, (_, n) =>
      n === 17 ? '长'.repeat(200) : `${'贵C'.repeat(n % 7)}\tline ${n}\\${n % 3 ? '' : '\n'}`,
    );
    const rows = await copyInto(
      client,
      'copied',
      ['n', 'text'],
      texts.map((text, n) => line([n, escaped(text)])),
      64,
    );
    expect(rows).toBe(40);
    const { rows: back } = await client.query<{ text: string }>(
      'SELECT text FROM copied ORDER BY n',
    );
    expect(back.map((r) => r.text)).toEqual(texts);
  });
});
