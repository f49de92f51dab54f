import { sql } from 'kysely';
import type { Db } from '../server/src/db/database.ts';

/** The database server's write-ahead log so far: what a window's writes cost it, whatever the CPU. */
export interface WalMark {
  /** Bytes from the log's insert position: exact, at once. */
  bytes: number;
  /** Records and full-page images from `pg_stat_wal`, which each backend adds to about every second. */
  records: number;
  fullPages: number;
}

export interface WalPerApp {
  records: number;
  bytes: number;
  fullPages: number;
}

export async function walMark(db: Db): Promise<WalMark> {
  const { rows } = await sql<{ bytes: string; records: string; fpi: string }>`
    SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::text AS bytes,
           wal_records::text AS records, wal_fpi::text AS fpi
      FROM pg_stat_wal`.execute(db);
  const r = rows[0]!;
  return { bytes: Number(r.bytes), records: Number(r.records), fullPages: Number(r.fpi) };
}

/** The log a window wrote per completed request (NaN for none, or without both marks). */
export function walPerApp(
  start: WalMark | null,
  end: WalMark | null,
  completed: number,
): WalPerApp {
  if (!start || !end || !completed) {
    return { records: Number.NaN, bytes: Number.NaN, fullPages: Number.NaN };
  }
  return {
    records: (end.records - start.records) / completed,
    bytes: (end.bytes - start.bytes) / completed,
    fullPages: (end.fullPages - start.fullPages) / completed,
  };
}
