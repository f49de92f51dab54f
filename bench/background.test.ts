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
  // The test server is shared with the other files' databases, whose creation and load can end a
  // checkpoint at any moment, so "none between two readings" is asserted on fixed readings below.
  it('sees a checkpoint that ended between two readings', async () => {
    const start = await backgroundMark(t.ctx.db);
    await sql`CHECKPOINT`.execute(t.ctx.db);
    const end = await backgroundMark(t.ctx.db);
    const over = backgroundOver(start, end);
    // When it began, as the server prints a timestamp.
    expect(over?.checkpointEnded).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(over?.autovacuumRuns).toBeGreaterThanOrEqual(0);
    expect(over?.autovacuumWorkers).toBeGreaterThanOrEqual(0);
  });

  it('from two fixed readings: a checkpoint only when its record moved, runs and workers', () => {
    const mark = { lastCheckpoint: '0/1', lastCheckpointAt: 'x', autovacuumRuns: 4 };
    const later = { lastCheckpoint: '0/2', lastCheckpointAt: 'y', autovacuumRuns: 4 };
    const idle = { ...mark, autovacuumWorkers: 0 };
    expect(backgroundOver(idle, idle)?.checkpointEnded).toBeNull();
    expect(backgroundOver(idle, { ...later, autovacuumWorkers: 0 })?.checkpointEnded).toBe('y');
    expect(
      backgroundOver(
        { ...mark, autovacuumWorkers: 1 },
        { ...mark, autovacuumRuns: 7, autovacuumWorkers: 0 },
      ),
    ).toEqual({ checkpointEnded: null, autovacuumRuns: 3, autovacuumWorkers: 1 });
    expect(backgroundOver(null, { ...mark, autovacuumWorkers: 0 })).toBeNull();
  });
});
