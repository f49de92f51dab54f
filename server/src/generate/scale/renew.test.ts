import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../app/start.ts';
import { loadEnv } from '../../env.ts';
import { generateScale } from './generate.ts';
import { schemaShape } from '../../../../test/support/schema.ts';

/**
 * The generator on a database started for a bulk load (`wal_level=minimal`, as
 * `cheguan generate` starts its own): the tables get new files, the COPY writes almost no WAL
 * and freezes its rows, and the rows the tables held before (the demo's) are all still there.
 */
const CHECKED = ['vehicles', 'licences', 'violations', 'applications', 'documents', 'inspections'];
const FILLED = [...CHECKED, 'point_entries', 'exam_results', 'inspection_photos'];

let dir: string;
let platform: Platform;
let wal: { bytes: number; data: number };
let before: { relfilenodes: Record<string, number>; shape: string[] };

async function relfilenodes() {
  const { rows } = await sql<{ table: string; node: number }>`
    SELECT relname AS table, relfilenode::int AS node FROM pg_class
     WHERE relname = ANY(${FILLED}) AND relnamespace = 'public'::regnamespace`.execute(
    platform.ctx.db,
  );
  return Object.fromEntries(rows.map((r) => [r.table, r.node]));
}

const shape = () => schemaShape(platform.ctx.db);

/**
 * Rows out of an index's order (two key columns, the first compared in collation C as the
 * generator compares) in the file, read in the file's order, and the rows read. Where the file
 * is in order, the index's build has nothing to sort (renew.ts).
 */
async function outOfOrder(table: string, first: string, second: string) {
  const { rows } = await sql<{ n: number; total: number }>`
    SELECT count(*) FILTER (WHERE (p1, p2) > (k1, k2))::int AS n, count(*)::int AS total
      FROM (SELECT k1, k2, lag(k1) OVER w AS p1, lag(k2) OVER w AS p2
              FROM (SELECT ${sql.raw(first)} COLLATE "C" AS k1, ${sql.raw(second)} AS k2, ctid
                      FROM ${sql.table(table)}) t
            WINDOW w AS (ORDER BY ctid)) s`.execute(platform.ctx.db);
  return rows[0]!;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-bulk-'));
  platform = await startPlatform({ ...loadEnv({}), CHEGUAN_DATA_DIR: dir }, { bulkLoad: true });
  const db = platform.ctx.db;
  // The demo's rows, kept aside to compare with after the load.
  for (const t of CHECKED) await sql.raw(`CREATE TABLE before_${t} AS TABLE ${t}`).execute(db);
  // Files below this size are written to the WAL whole at commit; the tiny year's are small.
  await sql`ALTER DATABASE cheguan SET wal_skip_threshold = 0`.execute(db);
  before = { relfilenodes: await relfilenodes(), shape: await shape() };
  const lsn = async () =>
    (await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(db)).rows[0]!.lsn;
  const start = await lsn();
  await generateScale(platform.databaseUrl, platform.ctx.signer, {
    scale: 'tiny',
    seed: 7,
    year: 2025,
    cityCode: '520300',
  });
  const { rows } = await sql<{ bytes: number; data: number }>`
    SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ${start}::pg_lsn)::bigint::int AS bytes,
           (SELECT sum(pg_total_relation_size(c.oid))::bigint::int FROM pg_class c
             WHERE c.relname = ANY(${FILLED}) AND c.relnamespace = 'public'::regnamespace) AS data`.execute(
    db,
  );
  wal = rows[0]!;
}, 180_000);

afterAll(async () => {
  await platform?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('cheguan generate on a database started for a bulk load', () => {
  it('runs the database at wal_level minimal, and gives the filled tables new files', async () => {
    const level = await sql<{ wal_level: string }>`SHOW wal_level`.execute(platform.ctx.db);
    expect(level.rows[0]!.wal_level).toBe('minimal');
    const after = await relfilenodes();
    for (const t of FILLED) expect(after[t], t).not.toBe(before.relfilenodes[t]);
  });

  it('writes the rows and their indexes to their files only, not to the WAL', () => {
    expect(wal.data).toBeGreaterThan(4 << 20);
    // Catalog changes, sequences and the rebuilt summaries remain (about a quarter of the tiny
    // year's files); the rows and their index entries, logged, would be more than their files.
    expect(wal.bytes).toBeLessThan(wal.data / 2);
  });

  it('keeps every row the tables held before, and their triggers, keys and indexes', async () => {
    for (const t of CHECKED) {
      const { rows } = await sql<{ missing: number; kept: number }>`
        SELECT (SELECT count(*)::int FROM (TABLE ${sql.table(`before_${t}`)}
                  EXCEPT ALL SELECT * FROM ${sql.table(t)}) m) AS missing,
               (SELECT count(*)::int FROM ${sql.table(`before_${t}`)}) AS kept`.execute(
        platform.ctx.db,
      );
      expect(rows[0], t).toMatchObject({ missing: 0 });
      // The demo registers vehicles and licences (its business comes with the server's start).
      if (t === 'vehicles' || t === 'licences') expect(rows[0]!.kept, t).toBeGreaterThan(0);
    }
    expect(await shape()).toEqual(before.shape);
  });

  it('writes violations, vehicles and points in the order of their primary keys, the demo’s records after the year’s', async () => {
    for (const table of ['violations', 'vehicles', 'point_entries']) {
      const { n, total } = await outOfOrder(table, 'city_code', 'id');
      expect(total, table).toBeGreaterThan(1000);
      expect(n, table).toBe(0);
    }
    // The demo's records are there to be ordered: DEMO…, after the year's (the city's code first).
    const { rows } = await sql<{ demo: number; last: string }>`
      SELECT (SELECT count(*)::int FROM before_violations) AS demo,
             (SELECT id FROM violations ORDER BY ctid DESC LIMIT 1) AS last`.execute(
      platform.ctx.db,
    );
    expect(rows[0]!.demo).toBeGreaterThan(0);
    expect(rows[0]!.last).toMatch(/^DEMO/);
  });

  it('writes licences and their directory by identity number, the demo’s among the year’s, and the applications by type and time', async () => {
    const orders = [
      ['licences', 'city_code', 'id_number'],
      ['licence_directory', "''", 'id_number'],
      ['applications', 'business_type', 'submitted_at'],
    ] as const;
    for (const [table, first, second] of orders) {
      const { n, total } = await outOfOrder(table, first, second);
      expect(total, table).toBeGreaterThan(500);
      expect(n, table).toBe(0);
    }
    // The demo's licences are there to be put in their places: some sort among the year's.
    const { rows } = await sql<{ among: number }>`
      SELECT count(*)::int AS among FROM before_licences b
       WHERE b.id_number > (SELECT min(id_number COLLATE "C") FROM licences)
         AND b.id_number < (SELECT max(id_number COLLATE "C") FROM licences)`.execute(
      platform.ctx.db,
    );
    expect(rows[0]!.among).toBeGreaterThan(0);
  });

  it('writes the rows frozen, so their pages need no second write to be all-visible', async () => {
    const { rows } = await sql<{ pages: number; visible: number; demo: number }>`
      SELECT relpages AS pages, relallvisible AS visible,
             (SELECT count(DISTINCT (ctid::text::point)[0])::int FROM violations v
               WHERE EXISTS (SELECT 1 FROM before_violations b WHERE b.id = v.id)) AS demo
        FROM pg_class
       WHERE relname = 'violations' AND relnamespace = 'public'::regnamespace`.execute(
      platform.ctx.db,
    );
    const { pages, visible, demo } = rows[0]!;
    expect(pages).toBeGreaterThan(2 * demo);
    // Only the pages of the demo's rows, copied back as ordinary inserts, are not all-visible.
    expect(visible).toBeGreaterThanOrEqual(pages - demo);
  });
});
