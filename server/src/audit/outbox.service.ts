import type { Db } from '../db/database.ts';
import { claimOutbox, removePublished } from './outbox.repository.ts';

export interface OutboxEvent {
  outboxId: string;
  topic: string;
  payload: unknown;
  createdAt: string;
}

/**
 * Moves committed outbox events to the event queue in bounded batches, removing them from the
 * outbox in the transaction that claimed them. Delivery is at least once: if the commit after
 * publishing fails, the batch is published again, so consumers de-duplicate by `outboxId`.
 */
export async function relayOutbox(
  db: Db,
  publish: (events: OutboxEvent[]) => Promise<void>,
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
      await removePublished(
        tx,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
    relayed += n;
    if (n < batch) return relayed;
  }
}
