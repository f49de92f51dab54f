import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/support/app.ts';
import { walMark, walPerApp } from './wal.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe("the database server's log over a window", () => {
  it('counts the records and bytes that writes add, per request', async () => {
    await t.ctx.db.connection().execute(async (c) => {
      await sql`CREATE TABLE wal_probe (n int PRIMARY KEY)`.execute(c);
      const start = await walMark(c);
      await sql`INSERT INTO wal_probe SELECT generate_series(1, 1000)`.execute(c);
      // A backend adds its counters to pg_stat_wal about once a second; this one, now.
      await sql`SELECT pg_stat_force_next_flush()`.execute(c);
      const end = await walMark(c);
      await sql`DROP TABLE wal_probe`.execute(c);
      const perRow = walPerApp(start, end, 1000);
      // Each row is a heap record and a key entry.
      expect(perRow.records).toBeGreaterThanOrEqual(2);
      expect(perRow.bytes).toBeGreaterThan(2 * 50);
      expect(perRow.fullPages).toBeGreaterThanOrEqual(0);
    });
  });

  it('gives nothing for a window without both readings or without requests', () => {
    const mark = { bytes: 10, records: 1, fullPages: 0 };
    expect(walPerApp(null, mark, 10).records).toBeNaN();
    expect(walPerApp(mark, null, 10).bytes).toBeNaN();
    expect(walPerApp(mark, mark, 0).fullPages).toBeNaN();
  });
});
