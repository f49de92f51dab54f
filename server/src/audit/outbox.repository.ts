import type { DbOrTx, Tx } from '../db/database.ts';

/** The oldest unpublished events, locked so two relays never take the same ones. */
export async function claimOutbox(tx: Tx, limit: number) {
  return await tx
    .selectFrom('outbox')
    .select(['id', 'topic', 'payload', 'created_at'])
    .where('published_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markPublished(tx: Tx, ids: string[], at: Date) {
  await tx.updateTable('outbox').set({ published_at: at }).where('id', 'in', ids).execute();
}

/**
 * Deletes up to `limit` events published before `before`; returns how many went. Bounded, so a
 * large backlog is cleared in short transactions.
 */
export async function deletePublished(db: DbOrTx, before: Date, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    .where(
      'id',
      'in',
      db
        .selectFrom('outbox')
        .select('id')
        .where('published_at', '<', before)
        .orderBy('published_at')
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
