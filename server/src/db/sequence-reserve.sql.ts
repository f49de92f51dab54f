import { sql } from 'kysely';
import type { DbOrTx } from './database.ts';

/**
 * `count` fresh values of a sequence, in increasing order: a block for a reserve
 * (sequence-reserve.ts). Its owner's repository names the sequence.
 */
export async function drawSequence(db: DbOrTx, sequence: string, count: number): Promise<number[]> {
  const { rows } = await sql<{ value: string }>`
    SELECT nextval(${sequence}::regclass) AS value FROM generate_series(1, ${count}) ORDER BY 1`.execute(
    db,
  );
  return rows.map((r) => Number(r.value));
}
