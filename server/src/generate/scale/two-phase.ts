import type pg from 'pg';

/**
 * The two-phase commit of a load whose groups of tables run in transactions of their own
 * (load.ts). Each group's transaction is prepared (`PREPARE TRANSACTION`) when its work is
 * done; once all are, the one holding the load's marker (generate.ts) is committed first, then
 * the others. So the load is committed whole or not at all, and a crash in between leaves
 * prepared transactions that `settleLoads` finishes the one way that is consistent.
 */

/** Every prepared transaction of a load is named `cheguan.generate.<run>.<group>.<groups>`. */
const PREFIX = 'cheguan.generate.';

/** The system setting that marks a database holding a generated year (its value names the run). */
export const MARKER = 'generate.scale';

/** PostgreSQL's answer to `COMMIT PREPARED` of a transaction that is no longer prepared. */
const UNDEFINED_OBJECT = '42704';

export const transactionName = (run: string, group: number, groups: number) =>
  `${PREFIX}${run}.${group}.${groups}`;

/**
 * Finishes the prepared transactions a load left behind when it stopped between its first
 * `PREPARE` and its last `COMMIT PREPARED` (a crash, a kill). Until then they hold the locks
 * of their tables, and every query of those tables would wait for them.
 *
 * The rule: the marker's group is committed first, and only once every group is prepared. So
 * if the marker names the run, the load was decided and the rest is committed; if every group
 * of the run is still prepared, all the work is there and it is committed too; otherwise a
 * group never got to its `PREPARE`, its work is lost, and the prepared ones are rolled back.
 * Returns what it did, one line per transaction.
 */
export async function settleLoads(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ gid: string }>(
    `SELECT gid FROM pg_prepared_xacts
      WHERE database = current_database() AND starts_with(gid, $1) ORDER BY gid`,
    [PREFIX],
  );
  const runs = new Map<string, { groups: number; names: string[] }>();
  for (const { gid } of rows) {
    const [run, , groups] = gid.slice(PREFIX.length).split('.');
    const found = runs.get(run!) ?? { groups: Number(groups), names: [] };
    found.names.push(gid);
    runs.set(run!, found);
  }
  const done: string[] = [];
  for (const [run, { groups, names }] of runs) {
    const { rows: marker } = await client.query<{ value: string }>(
      'SELECT value FROM system_settings WHERE key = $1',
      [MARKER],
    );
    const marked = marker.some((m) => (JSON.parse(m.value) as { run?: string }).run === run);
    const commit = marked || names.length === groups;
    for (const gid of names) {
      try {
        await client.query(
          `${commit ? 'COMMIT' : 'ROLLBACK'} PREPARED '${gid.replace(/'/g, "''")}'`,
        );
        done.push(`${commit ? 'committed' : 'rolled back'} ${gid}`);
      } catch (e) {
        // Settled meanwhile by another process starting on the same database (the same rule).
        if ((e as { code?: string }).code !== UNDEFINED_OBJECT) throw e;
      }
    }
  }
  return done;
}
