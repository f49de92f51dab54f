import type { QueryCreator } from 'kysely';
import { compiledQuery } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Database } from '../db/types.ts';

export interface AuditRow {
  id: string;
  cityCode: string;
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

/**
 * Locks the head of a partition's chain for this transaction and reads it, creating it on first
 * use: one statement, because ON CONFLICT DO UPDATE takes the row lock and returns the row.
 */
export async function lockHead(
  tx: Tx,
  cityCode: string,
  partitionKey: string,
): Promise<{ seq: number; hash: string }> {
  const [head] = await lockedHead(tx, { cityCode, partitionKey });
  return { seq: Number(head!.last_seq), hash: head!.last_hash };
}
// Every audited change runs the two statements below: each built and compiled once.
const lockedHead = compiledQuery((db, v: { cityCode: string; partitionKey: string }) =>
  db
    .insertInto('audit_heads')
    .values({ city_code: v.cityCode, partition_key: v.partitionKey, last_seq: '0', last_hash: '' })
    .onConflict((oc) =>
      oc
        .columns(['city_code', 'partition_key'])
        .doUpdateSet((eb) => ({ partition_key: eb.ref('excluded.partition_key') })),
    )
    .returning(['last_seq', 'last_hash']),
);

/**
 * Appends the record, moves the chain head and (optionally) writes the outbox event in one
 * statement: the hot path of every use case pays one round trip for all three.
 */
export async function appendRecord(
  tx: Tx,
  r: Omit<AuditRow, 'id'>,
  event: { topic: string; payload: unknown } | null,
): Promise<void> {
  const record: RecordValues = {
    ...r,
    seq: String(r.seq),
    details: JSON.stringify(r.details),
  };
  if (event) {
    await appendWithEvent(tx, {
      ...record,
      topic: event.topic,
      payload: JSON.stringify(event.payload),
    });
  } else {
    await appendOnly(tx, record);
  }
}

type RecordValues = Omit<AuditRow, 'id' | 'seq' | 'details'> & { seq: string; details: string };

/** The record, written by the CTE `log` of the statement that moves the head. */
const withRecord = (db: DbOrTx, r: RecordValues) =>
  db.with('log', (d) =>
    d.insertInto('audit_log').values({
      city_code: r.cityCode,
      partition_key: r.partitionKey,
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity_type: r.entityType,
      entity_id: r.entityId,
      details: r.details,
      prev_hash: r.prevHash,
      hash: r.hash,
    }),
  );
const moveHead = (q: Pick<QueryCreator<Database>, 'updateTable'>, r: RecordValues) =>
  q
    .updateTable('audit_heads')
    .set({ last_seq: r.seq, last_hash: r.hash })
    .where('city_code', '=', r.cityCode)
    .where('partition_key', '=', r.partitionKey);

const appendOnly = compiledQuery((db, r: RecordValues) => moveHead(withRecord(db, r), r));
const appendWithEvent = compiledQuery((db, r: RecordValues & { topic: string; payload: string }) =>
  moveHead(
    withRecord(db, r).with('event', (d) =>
      d.insertInto('outbox').values({ city_code: r.cityCode, topic: r.topic, payload: r.payload }),
    ),
    r,
  ),
);

export async function listPartitions(db: DbOrTx) {
  return await db
    .selectFrom('audit_heads')
    .select(['city_code', 'partition_key', 'last_seq', 'last_hash'])
    .orderBy('city_code')
    .orderBy('partition_key')
    .execute();
}

/** One page of a partition's chain in order, for verification in bounded batches. */
export async function readChain(
  db: DbOrTx,
  chain: { cityCode: string; partitionKey: string },
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('city_code', '=', chain.cityCode)
    .where('partition_key', '=', chain.partitionKey)
    .where('seq', '>', String(afterSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    cityCode: r.city_code,
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
