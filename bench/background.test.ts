import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/support/app.ts';
import { backgroundMark, backgroundOver } from './background.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe("the database server's background work over a window", () => {
  it('sees a checkpoint that ended between two readings, and none without one', async () => {
    const start = await backgroundMark(t.ctx.db);
    const again = await backgroundMark(t.ctx.db);
    expect(backgroundOver(start, again)?.checkpointEnded).toBeNull();
    await sql`CHECKPOINT`.execute(t.ctx.db);
    const end = await backgroundMark(t.ctx.db);
    const over = backgroundOver(start, end);
    // When it began, as the server prints a timestamp.
    expect(over?.checkpointEnded).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(over?.autovacuumRuns).toBeGreaterThanOrEqual(0);
    expect(over?.autovacuumWorkers).toBeGreaterThanOrEqual(0);
  });

  it('counts the autovacuum runs that ended in the window and the workers seen', () => {
    const mark = { lastCheckpoint: '0/1', lastCheckpointAt: 'x', autovacuumRuns: 4 };
    expect(
      backgroundOver(
        { ...mark, autovacuumWorkers: 1 },
        { ...mark, autovacuumRuns: 7, autovacuumWorkers: 0 },
      ),
    ).toEqual({ checkpointEnded: null, autovacuumRuns: 3, autovacuumWorkers: 1 });
    expect(backgroundOver(null, { ...mark, autovacuumWorkers: 0 })).toBeNull();
  });
});
