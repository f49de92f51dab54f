import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';

export interface AuditRow {
  id: string;
  partitionKey: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details: unknown;
  prevHash: string;
  hash: string;
}

/** Locks the head of a partition's chain for this transaction, creating it on first use. */
export async function lockHead(
  tx: Tx,
  partitionKey: string,
): Promise<{ seq: number; hash: string }> {
  await tx
    .insertInto('audit_heads')
    .values({ partition_key: partitionKey, last_seq: '0', last_hash: '' })
    .onConflict((oc) => oc.column('partition_key').doNothing())
    .execute();
  const head = await tx
    .selectFrom('audit_heads')
    .select(['last_seq', 'last_hash'])
    .where('partition_key', '=', partitionKey)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { seq: Number(head.last_seq), hash: head.last_hash };
}

export async function insertRecord(tx: Tx, r: Omit<AuditRow, 'id'>): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      partition_key: r.partitionKey,
      seq: String(r.seq),
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity_type: r.entityType,
      entity_id: r.entityId,
      details: JSON.stringify(r.details),
      prev_hash: r.prevHash,
      hash: r.hash,
    })
    .execute();
  await tx
    .updateTable('audit_heads')
    .set({ last_seq: String(r.seq), last_hash: r.hash })
    .where('partition_key', '=', r.partitionKey)
    .execute();
}

export async function listPartitions(db: DbOrTx) {
  return await db
    .selectFrom('audit_heads')
    .select(['partition_key', 'last_seq', 'last_hash'])
    .orderBy('partition_key')
    .execute();
}

/** One page of a partition's chain in order, for verification in bounded batches. */
export async function readChain(
  db: DbOrTx,
  partitionKey: string,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('partition_key', '=', partitionKey)
    .where('seq', '>', String(afterSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partitionKey: r.partition_key,
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export async function insertOutboxEvent(tx: Tx, topic: string, payload: unknown): Promise<void> {
  await tx
    .insertInto('outbox')
    .values({ topic, payload: JSON.stringify(payload) })
    .execute();
}

export async function countAuditFor(db: DbOrTx, entityType: string, entityId: string) {
  const row = await db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .executeTakeFirstOrThrow();
  return row.n;
}
