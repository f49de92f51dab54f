import { getEventListeners } from 'node:events';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { generateScale, type GenerateOptions } from './generate.ts';
import { Runs, Turns } from './load.ts';
import { schemaShape } from '../../../../test/support/schema.ts';

/**
 * The load's groups side by side (load.ts): a failure in any of them, early or after the others
 * were prepared, leaves the database as it was; a row that names no parent fails the load by
 * the foreign key's name, though the key's row-by-row checks were off for the COPY.
 */
const OPTS: GenerateOptions = { scale: 'tiny', seed: 3, year: 2025, cityCode: '520300' };

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** What a failed load must not change: rows, keys, indexes, triggers and their state. */
async function state(a: TestApp) {
  const { rows } = await sql<{ what: string }>`
    SELECT 'rows ' || string_agg(n::text, ',') AS what FROM (
      SELECT count(*) AS n FROM vehicles UNION ALL SELECT count(*) FROM licences
      UNION ALL SELECT count(*) FROM violations UNION ALL SELECT count(*) FROM point_entries
      UNION ALL SELECT count(*) FROM applications UNION ALL SELECT count(*) FROM documents
      UNION ALL SELECT count(*) FROM inspections UNION ALL SELECT count(*) FROM inspection_photos
      UNION ALL SELECT count(*) FROM system_settings) counts
    UNION ALL
    SELECT 'internal triggers off: ' || count(*) FROM pg_trigger WHERE tgisinternal AND tgenabled = 'D'
    UNION ALL
    SELECT 'relation ' || relname FROM pg_class
     WHERE relnamespace = 'public'::regnamespace AND relname LIKE 'generate_kept%'
    UNION ALL
    SELECT 'prepared ' || gid FROM pg_prepared_xacts WHERE database = current_database()
    ORDER BY 1`.execute(a.ctx.db);
  return [...rows.map((r) => r.what), ...(await schemaShape(a.ctx.db))];
}

/** Makes every insert into `table` fail, after `wait` SQL's condition holds (or 20 s). */
async function failInserts(a: TestApp, table: string, wait = 'true') {
  await sql
    .raw(
      `CREATE FUNCTION test_fail_load() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE t0 timestamptz := clock_timestamp();
       BEGIN
         WHILE NOT (${wait}) AND clock_timestamp() < t0 + interval '20 seconds' LOOP
           PERFORM pg_sleep(0.05);
         END LOOP;
         RAISE EXCEPTION 'test: the load fails in %', TG_TABLE_NAME;
       END $$;
       CREATE TRIGGER test_fail_load BEFORE INSERT ON ${table}
         FOR EACH ROW EXECUTE FUNCTION test_fail_load();`,
    )
    .execute(a.ctx.db);
}

describe('cheguan generate, its groups side by side', () => {
  it('fails whole when one group fails early: the others are stopped and rolled back', async () => {
    app = await createTestApp();
    await failInserts(app, 'point_entries');
    const before = await state(app);
    const lines: string[] = [];
    await expect(
      generateScale(app.databaseUrl, app.ctx.signer, OPTS, (m) => lines.push(m)),
    ).rejects.toThrow('test: the load fails in point_entries');
    expect(await state(app)).toEqual(before);
    // No group got as far as its commit.
    expect(lines.filter((l) => l.startsWith('commit'))).toEqual([]);
  });

  it("fails whole when the marker's group fails after the others were prepared", async () => {
    app = await createTestApp();
    // The marker's insert fails once two of the other groups wait, prepared.
    await failInserts(
      app,
      'system_settings',
      `(SELECT count(*) FROM pg_prepared_xacts
         WHERE database = current_database() AND gid LIKE 'cheguan.generate.%') >= 2`,
    );
    const before = await state(app);
    const lines: string[] = [];
    const report = generateScale(app.databaseUrl, app.ctx.signer, OPTS, (m) => lines.push(m));
    await expect(report).rejects.toThrow('test: the load fails in system_settings');
    // Which two were prepared first is the machine's timing; the marker's own group never is.
    const prepared = lines.filter((l) => / prepare \(/.test(l)).map((l) => l.split(':')[0]);
    expect(prepared.length).toBeGreaterThanOrEqual(2);
    expect(['registry', 'violations', 'exams and inspections']).toEqual(
      expect.arrayContaining(prepared),
    );
    expect(await state(app)).toEqual(before);
  });

  it('checks the rows against the parents of the keys whose row-by-row checks were off', async () => {
    app = await createTestApp();
    // One violation names an outlet that does not exist.
    await sql
      .raw(
        `CREATE FUNCTION test_stray() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.handled_outlet_code IS NOT NULL THEN NEW.handled_outlet_code := 'NO-SUCH'; END IF;
           RETURN NEW;
         END $$;
         CREATE TRIGGER test_stray BEFORE INSERT ON violations
           FOR EACH ROW EXECUTE FUNCTION test_stray();`,
      )
      .execute(app.ctx.db);
    const before = await state(app);
    await expect(generateScale(app.databaseUrl, app.ctx.signer, OPTS)).rejects.toThrow(
      'a row of violations breaks foreign key violations_handled_outlet_code_fkey',
    );
    expect(await state(app)).toEqual(before);
  });

  it('refuses groups that a table outside the load would make wait for each other', async () => {
    app = await createTestApp();
    // Both groups would take this table's keys off, and the second would wait for the first.
    await sql`
      CREATE TABLE test_both (
        vin text REFERENCES vehicle_directory (vin),
        city_code text,
        point_id bigint,
        FOREIGN KEY (city_code, point_id) REFERENCES point_entries (city_code, id))`.execute(
      app.ctx.db,
    );
    const before = await state(app);
    await expect(generateScale(app.databaseUrl, app.ctx.signer, OPTS)).rejects.toThrow(
      'generate: test_both has foreign keys to groups registry and violations',
    );
    expect(await state(app)).toEqual(before);
  });
});

describe("Node's turns for the groups' COPYs", () => {
  /** Each group asks for turns; a turn records who had it and waits a tick. */
  const order = async (
    turns: Turns,
    asks: [rank: number, delay: number][],
    signal?: AbortSignal,
  ) => {
    const had: number[] = [];
    const results = await Promise.allSettled(
      asks.map(async ([rank, delay]) => {
        await new Promise((r) => setTimeout(r, delay));
        await turns.take(
          rank,
          async () => {
            had.push(rank);
            await new Promise((r) => setTimeout(r, 5));
          },
          signal,
        );
      }),
    );
    return { had, failed: results.filter((r) => r.status === 'rejected').length };
  };

  it('gives the first turn once every group asked, then the first group in order', async () => {
    // The last group asks first; the first group asks last, and still goes first.
    const signal = new AbortController().signal;
    const asks: [number, number][] = [
      [2, 0],
      [1, 2],
      [0, 4],
      [2, 6],
      [1, 6],
    ];
    const { had } = await order(new Turns(3), asks, signal);
    expect(had).toEqual([0, 1, 1, 2, 2]);
    // A turn taken leaves nothing on the load's signal (a city-year takes dozens of turns).
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });

  it('lets the waiting groups go when the load fails', async () => {
    const failed = new AbortController();
    setTimeout(() => failed.abort(new Error('a group failed')), 10);
    // Group 0 never asks: the others wait for it until the load fails.
    const result = await order(
      new Turns(3),
      [
        [1, 0],
        [2, 0],
      ],
      failed.signal,
    );
    expect(result).toEqual({ had: [], failed: 2 });
  });
});

describe('an iterator read in runs', () => {
  it('gives each run the items while its condition holds, and keeps the next for the next run', () => {
    const runs = new Runs(['a1', 'a2', 'b1', 'c1', 'c2'][Symbol.iterator]());
    expect([...runs.while((s) => s < 'b')]).toEqual(['a1', 'a2']);
    expect([...runs.while((s) => s < 'b')]).toEqual([]);
    expect([...runs.while((s) => s < 'c')]).toEqual(['b1']);
    expect([...runs.while(() => true)]).toEqual(['c1', 'c2']);
    expect([...runs.while(() => true)]).toEqual([]);
  });

  it('reads nothing ahead of what a run was given but the next item', () => {
    let read = 0;
    function* counted() {
      for (let i = 0; i < 10; i++) {
        read++;
        yield i;
      }
    }
    const runs = new Runs(counted());
    expect([...runs.while((i) => i < 3)]).toEqual([0, 1, 2]);
    expect(read).toBe(4);
  });
});
