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
      { chunk: 64 },
    );
    expect(rows).toBe(40);
    const { rows: back } = await client.query<{ text: string }>(
      'SELECT text FROM copied ORDER BY n',
    );
    expect(back.map((r) => r.text)).toEqual(texts);
  });

  it('sends every line of many buffers, waiting for the socket when too many are queued', async () => {
    await client.query('CREATE TEMP TABLE queued (n int, text text)');
    function* lines() {
      for (let n = 0; n < 5000; n++) yield line([n, `长${n}`]);
    }
    // Buffers of 64 bytes, at most two queued: the COPY waits for the socket again and again.
    expect(
      await copyInto(client, 'queued', ['n', 'text'], lines(), { chunk: 64, inFlight: 128 }),
    ).toBe(5000);
    const { rows } = await client.query<{ n: number; text: string }>(
      'SELECT n, text FROM queued ORDER BY n',
    );
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 5000 }, (_, n) => n));
    expect(rows.every((r) => r.text === `长${r.n}`)).toBe(true);
  });
});
