import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createPool } from './database.ts';
import { prepareStatement } from './prepared.ts';

let t: TestApp;
let pool: pg.Pool;
beforeAll(async () => {
  t = await createTestApp();
  // Two connections: the second test checks each asks for itself.
  pool = createPool(t.databaseUrl, 2);
});
afterAll(async () => {
  await pool.end();
  await t.close();
});

/** Counts the Describe messages a client sends, by the statement it runs (the query's name). */
function countDescribes(client: pg.PoolClient) {
  const connection = (client as unknown as { connection: Record<string, unknown> }).connection;
  const describe = connection.describe as (...a: unknown[]) => unknown;
  const counted = { describes: 0 };
  connection.describe = function (this: unknown, ...a: unknown[]) {
    counted.describes++;
    return describe.apply(this, a);
  };
  return { counted, restore: () => delete connection.describe };
}

async function onClient(test: (c: pg.PoolClient, counted: { describes: number }) => Promise<void>) {
  const c = await pool.connect();
  const { counted, restore } = countDescribes(c);
  try {
    await test(c, counted);
  } finally {
    restore();
    c.release();
  }
}

describe('a named statement run again on its connection', () => {
  it('is described once, and every later run answers with the same typed columns', async () => {
    const typed = 'SELECT $1::int AS n, $2::jsonb AS doc, $3::date AS day, NULL::text AS none';
    prepareStatement(typed);
    await onClient(async (c, counted) => {
      for (let i = 0; i < 5; i++) {
        const r = await c.query(typed, [i, JSON.stringify({ i }), '2026-12-05']);
        expect(r.rows).toEqual([{ n: i, doc: { i }, day: '2026-12-05', none: null }]);
        expect(r.fields.map((f) => f.name)).toEqual(['n', 'doc', 'day', 'none']);
      }
      expect(counted.describes).toBe(1);
    });
  });

  it('answers a statement without columns (NoData) with its row count, described once', async () => {
    await pool.query('CREATE TABLE named_query_probe (n int PRIMARY KEY)');
    const insert = 'INSERT INTO named_query_probe (n) VALUES ($1)';
    const select = 'SELECT n FROM named_query_probe WHERE n >= $1 ORDER BY n';
    prepareStatement(insert);
    prepareStatement(select);
    try {
      await onClient(async (c, counted) => {
        for (let i = 1; i <= 3; i++) {
          const r = await c.query(insert, [i]);
          expect(r.rowCount).toBe(1);
          expect(r.rows).toEqual([]);
        }
        // No rows: the columns are still known; rows after.
        expect((await c.query(select, [10])).rows).toEqual([]);
        expect((await c.query(select, [2])).rows).toEqual([{ n: 2 }, { n: 3 }]);
        expect(counted.describes).toBe(2);
      });
    } finally {
      await pool.query('DROP TABLE named_query_probe');
    }
  });

  it('is described again on each connection of its own', async () => {
    const text = "SELECT $1::text || '!' AS shout";
    prepareStatement(text);
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      for (const c of [a, b]) {
        const { counted, restore } = countDescribes(c);
        expect((await c.query(text, ['a'])).rows).toEqual([{ shout: 'a!' }]);
        expect((await c.query(text, ['b'])).rows).toEqual([{ shout: 'b!' }]);
        expect(counted.describes).toBe(1);
        restore();
      }
    } finally {
      a.release();
      b.release();
    }
  });

  it('is parsed and described anew after it failed to parse, and answers its real columns', async () => {
    const text = 'SELECT * FROM named_query_later WHERE id = $1';
    prepareStatement(text);
    await onClient(async (c, counted) => {
      await expect(c.query(text, [1])).rejects.toThrow(/named_query_later/);
      await c.query("CREATE TABLE named_query_later (id int, label text DEFAULT 'x')");
      try {
        await c.query('INSERT INTO named_query_later (id) VALUES (1)');
        expect((await c.query(text, [1])).rows).toEqual([{ id: 1, label: 'x' }]);
        expect((await c.query(text, [1])).rows).toEqual([{ id: 1, label: 'x' }]);
        // The failed run asked too; then once more for the statement that parsed.
        expect(counted.describes).toBe(2);
      } finally {
        await c.query('DROP TABLE named_query_later');
      }
    });
  });

  it('answers a value that cannot be sent with its error, and the connection goes on', async () => {
    const text = 'SELECT $1::text AS v';
    prepareStatement(text);
    await onClient(async (c) => {
      expect((await c.query(text, ['first'])).rows).toEqual([{ v: 'first' }]);
      const unsendable = {
        toPostgres: () => {
          throw new Error('cannot be sent');
        },
      };
      await expect(c.query(text, [unsendable])).rejects.toThrow('cannot be sent');
      // pg closed the statement on the server here and kept it as parsed: this run failed.
      expect((await c.query(text, ['after'])).rows).toEqual([{ v: 'after' }]);
      // On a statement's very first run, too (its Parse went out ahead of the failed Bind).
      const fresh = 'SELECT $1::text AS w';
      prepareStatement(fresh);
      await expect(c.query(fresh, [unsendable])).rejects.toThrow('cannot be sent');
      expect((await c.query(fresh, ['then'])).rows).toEqual([{ w: 'then' }]);
      expect((await c.query(fresh, ['again'])).rows).toEqual([{ w: 'again' }]);
    });
  });
});
