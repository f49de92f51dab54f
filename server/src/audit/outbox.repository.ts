import type { Tx } from '../db/database.ts';

/** The oldest events still to publish, locked so two relays never take the same ones. */
export async function claimOutbox(tx: Tx, limit: number) {
  return await tx
    .selectFrom('outbox')
    .select(['id', 'topic', 'payload', 'created_at'])
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Removes published events (the event queue holds them now; the audit log is the record). */
export async function removePublished(tx: Tx, ids: string[]) {
  await tx.deleteFrom('outbox').where('id', 'in', ids).execute();
}
