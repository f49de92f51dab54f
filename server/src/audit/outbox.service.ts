import type { Db } from '../db/database.ts';
import { claimOutbox, deletePublished, markPublished } from './outbox.repository.ts';

export interface OutboxEvent {
  outboxId: string;
  topic: string;
  payload: unknown;
  createdAt: string;
}

/**
 * Moves committed outbox events to the event queue in bounded batches. Delivery is at least
 * once: if the commit after publishing fails, the batch is published again, so consumers
 * de-duplicate by `outboxId`.
 */
export async function relayOutbox(
  db: Db,
  publish: (events: OutboxEvent[]) => Promise<void>,
  now: () => Date,
  batch = 500,
): Promise<number> {
  let relayed = 0;
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      const rows = await claimOutbox(tx, batch);
      if (!rows.length) return 0;
      await publish(
        rows.map((r) => ({
          outboxId: r.id,
          topic: r.topic,
          payload: r.payload,
          createdAt: r.created_at.toISOString(),
        })),
      );
      await markPublished(
        tx,
        rows.map((r) => r.id),
        now(),
      );
      return rows.length;
    });
    relayed += n;
    if (n < batch) return relayed;
  }
}

/**
 * Removes published events older than `keepDays`: consumers had them long ago, and the audit log
 * (not the outbox) is the record. Unpublished events are never removed.
 */
export async function pruneOutbox(db: Db, now: Date, keepDays: number, batch = 10_000) {
  const before = new Date(now.getTime() - keepDays * 86_400_000);
  let removed = 0;
  for (;;) {
    const n = await deletePublished(db, before, batch);
    removed += n;
    if (n < batch) return removed;
  }
}
