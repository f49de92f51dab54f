import type { Db } from '../db/database.ts';
import { claimOutbox, markPublished } from './outbox.repository.ts';

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
