import type { Db, Tx } from '../../server/src/db/database.ts';

/**
 * Runs `work` in a transaction that is then rolled back, and returns what it returned: a test
 * that reads what a change would leave, or fills a table for one check, leaves nothing behind.
 */
export async function rolledBack<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const rollBack = new Error('roll back');
  let result: { value: T } | null = null;
  await db
    .transaction()
    .execute(async (tx) => {
      result = { value: await work(tx) };
      throw rollBack;
    })
    .catch((e: unknown) => {
      if (e !== rollBack) throw e;
    });
  return result!.value;
}
