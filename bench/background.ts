import { sql } from 'kysely';
import type { Db } from '../server/src/db/database.ts';

/**
 * The database server's own background work at one moment, read at a window's start and end: a
 * checkpoint ending (its files' fsync can hold up the commits' log flushes) and autovacuum (a
 * worker takes a core) are the server's usual causes of a stall under a steady load.
 */
export interface BackgroundMark {
  /** The last completed checkpoint's record (pg_control): it changes with each checkpoint. */
  lastCheckpoint: string | null;
  /** When that checkpoint began (to the second). */
  lastCheckpointAt: string | null;
  /** Autovacuum and autoanalyze runs finished so far on this database's tables. */
  autovacuumRuns: number;
  /** Autovacuum workers running now. */
  autovacuumWorkers: number;
}

export async function backgroundMark(db: Db): Promise<BackgroundMark> {
  const { rows } = await sql<{
    lsn: string | null;
    at: string | null;
    runs: string;
    workers: string;
  }>`
    SELECT c.checkpoint_lsn::text AS lsn, c.checkpoint_time::text AS at,
           (SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)
              FROM pg_stat_all_tables)::text AS runs,
           (SELECT count(*) FROM pg_stat_activity
             WHERE backend_type = 'autovacuum worker')::text AS workers
      FROM pg_control_checkpoint() AS c`.execute(db);
  const r = rows[0]!;
  return {
    lastCheckpoint: r.lsn,
    lastCheckpointAt: r.at,
    autovacuumRuns: Number(r.runs),
    autovacuumWorkers: Number(r.workers),
  };
}

/** The server's background work over a window. */
export interface BackgroundOver {
  /** A checkpoint completed inside the window (when it began), or null. */
  checkpointEnded: string | null;
  /** Autovacuum or autoanalyze runs that finished inside the window. */
  autovacuumRuns: number;
  /** Autovacuum workers running at the window's start or its end (the larger). */
  autovacuumWorkers: number;
}

/** Null without both readings. */
export function backgroundOver(
  start: BackgroundMark | null,
  end: BackgroundMark | null,
): BackgroundOver | null {
  if (!start || !end) return null;
  return {
    checkpointEnded:
      end.lastCheckpoint !== null && end.lastCheckpoint !== start.lastCheckpoint
        ? (end.lastCheckpointAt ?? '?')
        : null,
    autovacuumRuns: end.autovacuumRuns - start.autovacuumRuns,
    autovacuumWorkers: Math.max(start.autovacuumWorkers, end.autovacuumWorkers),
  };
}
