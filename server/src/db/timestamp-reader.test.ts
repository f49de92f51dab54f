import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { isoTimestampMillis, pgOwnTimestampReader, readTimestamp } from './timestamp-reader.ts';

/** Both readers' answers, as numbers (NaN for an invalid date, ±Infinity as pg gives them). */
const both = (text: string) => {
  const value = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  return { ours: value(readTimestamp(text)), pgs: value(pgOwnTimestampReader(text)) };
};

describe('the timestamptz reader', () => {
  it.each([
    '2026-12-05 05:12:41.241+08',
    '2026-12-05 05:12:41+08',
    '2026-12-05 05:12:41.2+08',
    '2026-12-05 05:12:41.24+08',
    '2026-12-05 05:12:41.2419+08',
    '2026-12-05 05:12:41.999999+08',
    '2026-12-05 05:12:41.000001+08',
    '1970-01-01 00:00:00+00',
    '1969-12-31 23:59:59.999-00',
    '2000-02-29 12:00:00-05',
    '2024-03-10 02:30:00.5-03:30',
    '2025-06-30 23:59:59+05:45',
    '1899-12-31 23:54:17+08:05:43',
    '1900-01-01 00:00:00-00:25:21',
    '0100-01-01 00:00:00+00',
    '9999-12-31 23:59:59.999999+14',
  ])('reads %s as pg does', (text) => {
    const { ours, pgs } = both(text);
    expect(Number.isNaN(isoTimestampMillis(text))).toBe(false);
    expect(ours).toBe(pgs);
  });

  it.each([
    'infinity',
    '-infinity',
    '0099-06-01 00:00:00+00',
    '0001-01-01 00:00:00+00 BC',
    '10000-01-01 00:00:00+00',
    '2026-12-05T05:12:41+08',
    '2026-12-05 05:12:41Z',
    '2026-12-05 05:12:41.+08',
    '2026-12-05 05:12:41.1234567+08',
    '2026-12-05 05:12:41+8',
    '2026-12-05 05:12:41+08:3',
    '2026-12-05 05:12:41+08:30:00:00',
    '2026-12-05 05:12:41+08 ',
    '2026-1a-05 05:12:41+08',
    '2026-12-05',
  ])('hands %s to pg’s own reader', (text) => {
    expect(Number.isNaN(isoTimestampMillis(text))).toBe(true);
    const { ours, pgs } = both(text);
    expect(ours).toEqual(pgs);
  });

  it('reads instants over three centuries, with every shape of fraction and offset, as pg does', () => {
    const offsets = ['+08', '+00', '-05', '+05:30', '-03:30', '+08:05:43', '-00:25:21', '+14'];
    let x = 0x2f6b9a1d;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (let k = 0; k < 20_000; k++) {
      const ms = Date.UTC(1850, 0, 1) + (next() / 2 ** 32) * 250 * 365.25 * 86_400_000;
      const d = new Date(Math.floor(ms));
      const fraction = String(next() % 1_000_000)
        .padStart(6, '0')
        .slice(0, next() % 7);
      const text =
        `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}` +
        `${fraction ? `.${fraction}` : ''}${offsets[k % offsets.length]}`;
      const { ours, pgs } = both(text);
      if (ours !== pgs) expect({ text, ours }).toEqual({ text, ours: pgs });
    }
  });
});

describe('the timestamptz reader on a real server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('is the one pg uses', () => {
    expect(pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text')).toBe(readTimestamp);
  });

  it.each(['Asia/Shanghai', 'UTC', 'America/St_Johns', 'Asia/Kathmandu', 'America/New_York'])(
    'reads what PostgreSQL writes in %s, old local mean times and microseconds included, as pg does',
    async (zone) => {
      const instants = await t.ctx.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('TimeZone', ${zone}, true)`.execute(tx);
        const { rows } = await sql<{ text: string; value: Date }>`
          SELECT v::text AS text, v AS value
            FROM (VALUES ('1850-03-01 12:00:00.123456+00'::timestamptz),
                         ('1901-12-13 20:45:52+00'), ('1969-12-31 23:59:59.9995+00'),
                         ('2026-12-04 16:00:00+00'), ('2026-07-01 00:00:00.000001+00'),
                         ('2099-12-31 23:59:59.999999+00'), ('infinity'), ('-infinity'),
                         ('0044-03-15 12:00:00+00 BC')) AS x(v)`.execute(tx);
        return rows;
      });
      for (const { text, value } of instants) {
        const { ours, pgs } = both(text);
        expect({ text, ours }).toEqual({ text, ours: pgs });
        expect(value instanceof Date ? value.getTime() : value).toEqual(ours);
      }
    },
  );
});
