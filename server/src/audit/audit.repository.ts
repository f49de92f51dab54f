import { sql } from 'kysely';
import { writtenBehind } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';

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

/** A record about to be appended: its chain and content; the chain gives its place and link. */
export type NewRecord = Omit<AuditRow, 'id' | 'seq' | 'prevHash' | 'hash'> & {
  /** The hashed text up to its link: the record's hash is sha256(prefix ‖ prevHash ‖ suffix). */
  hashPrefix: string;
};

/** What follows the previous hash in a record's hashed text, before its sequence number. */
export const LINK_SUFFIX = '","seq":';

/**
 * Moves the chain's head, appends the record and (optionally) writes the outbox event, in one
 * statement. The upsert takes the head's row lock (held to commit: the chain's writers queue
 * here) and computes the new sequence number and hash from the latest head, creating the head on
 * the chain's first record; the record is written from what it returns. It is written behind
 * (db/client.ts): it goes out with the COMMIT, so the lock is held for the commit alone and not
 * for a round trip to Node and back as well, and the use case saves that round trip.
 */
const appending = writtenBehind(
  (
    db,
    v: Omit<NewRecord, 'details'> & {
      details: string;
      topic: string | null;
      payload: string | null;
    },
  ) => ({
    compile: () =>
      sql`
        WITH head AS (
          INSERT INTO audit_heads AS h (city_code, partition_key, last_seq, prev_hash, last_hash)
          VALUES (${v.cityCode}, ${v.partitionKey}, 1, '',
                  encode(sha256(convert_to(${v.hashPrefix}::text || ${LINK_SUFFIX}::text || '1}', 'UTF8')), 'hex'))
          ON CONFLICT (city_code, partition_key) DO UPDATE
             SET last_seq = h.last_seq + 1,
                 prev_hash = h.last_hash,
                 last_hash = encode(sha256(convert_to(
                   ${v.hashPrefix}::text || h.last_hash || ${LINK_SUFFIX}::text || (h.last_seq + 1)::text || '}',
                   'UTF8')), 'hex')
          RETURNING last_seq, prev_hash, last_hash
        ), log AS (
          INSERT INTO audit_log (city_code, partition_key, seq, at, actor, action, entity_type,
                                 entity_id, details, prev_hash, hash)
          SELECT ${v.cityCode}, ${v.partitionKey}, head.last_seq, ${v.at}::timestamptz, ${v.actor},
                 ${v.action}, ${v.entityType}, ${v.entityId}, ${v.details}::jsonb, head.prev_hash,
                 head.last_hash
            FROM head
        ), event AS (
          INSERT INTO outbox (city_code, topic, payload)
          SELECT ${v.cityCode}, ${v.topic}::text, ${v.payload}::jsonb WHERE ${v.topic}::text IS NOT NULL
        )
        SELECT FROM head`.compile(db),
  }),
);

/**
 * Appends the record to its chain, with the outbox event when there is one, in one statement
 * written behind: it is sent with the transaction's next statement or its COMMIT, which report
 * a failure of it.
 */
export async function appendRecord(
  tx: Tx,
  r: NewRecord,
  event: { topic: string; payload: unknown } | null,
): Promise<void> {
  await appending(tx, {
    ...r,
    details: JSON.stringify(r.details),
    topic: event?.topic ?? null,
    payload: event ? JSON.stringify(event.payload) : null,
  });
}

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
