/**
 * Brings the database under test to the state a running office's database is in before the
 * phases: vacuumed and analysed, with the registry it reads in memory.
 *
 * - What the bench just seeded, and a year `cheguan generate` just loaded by COPY, has neither
 *   statistics nor a visibility map until autovacuum gets to it (a minute or more later, longer
 *   than a phase). Without statistics the planner guesses; without the visibility map an
 *   index-only scan (the points ledger of every licence read) visits the heap after all.
 * - Then a checkpoint, so that the pages the vacuum dirtied are written before the phases and not
 *   during them (in alternated runs on the demo data, the reads without it were slower).
 * - On an existing data directory (a generated city-year, 13 GB) the registry's pages are on disk
 *   until something reads them. A server that has run for a day has them in the operating
 *   system's page cache; a bench started after a reboot would measure the disk instead. So the
 *   registry's tables and indexes are read once into that cache (pg_prewarm, mode `read`: the
 *   operating system's cache, not PostgreSQL's shared buffers, as a day of traffic would leave it).
 */
import { sql } from 'kysely';
import type { Db } from '../server/src/db/database.ts';

/** The tables that registry reads go through (vehicles by plate, licences with their ledger). */
const REGISTRY = ['vehicles', 'licence_directory', 'licences', 'point_entries', 'violations'];

export async function vacuumAnalyse(db: Db): Promise<void> {
  await sql`VACUUM (ANALYZE)`.execute(db);
  await sql`CHECKPOINT`.execute(db);
}

/**
 * Reads the registry's tables and their indexes into the operating system's page cache; returns
 * the bytes read, or null when pg_prewarm cannot be used (a server without the extension, or a
 * role that may not create it): the phases then read from wherever the pages are.
 */
export async function warmRegistry(db: Db): Promise<number | null> {
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_prewarm`.execute(db);
  } catch {
    return null;
  }
  const { rows } = await sql<{ bytes: string }>`
    SELECT coalesce(sum(pg_prewarm(c.oid, 'read') * current_setting('block_size')::bigint), 0) AS bytes
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema()
       AND c.relkind IN ('r', 'i')
       AND (c.relname = ANY(${REGISTRY})
         OR c.oid IN (SELECT indexrelid FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
                       WHERE t.relname = ANY(${REGISTRY}) AND t.relnamespace = n.oid))`.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}
