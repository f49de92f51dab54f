import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';

/** Every chain head, in a stable order (city, partition). */
export async function allHeads(db: DbOrTx) {
  const rows = await db
    .selectFrom('audit_heads')
    .select(['city_code', 'partition_key', 'last_seq', 'last_hash'])
    .orderBy('city_code')
    .orderBy('partition_key')
    .execute();
  return rows.map((r) => ({
    cityCode: r.city_code,
    partitionKey: r.partition_key,
    seq: Number(r.last_seq),
    hash: r.last_hash,
  }));
}

export async function latestCheckpoint(db: DbOrTx) {
  return await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findCheckpoint(db: DbOrTx, id: string) {
  return await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** How far each chain had been covered by checkpoints up to and including `id`. */
export async function coveredUpTo(db: DbOrTx, id: string) {
  const rows = await db
    .selectFrom('audit_checkpoint_chains')
    .select(['city_code', 'partition_key', (eb) => eb.fn.max('to_seq').as('to_seq')])
    .where('checkpoint_id', '<=', id)
    .groupBy(['city_code', 'partition_key'])
    .execute();
  return new Map(rows.map((r) => [`${r.city_code}/${r.partition_key}`, Number(r.to_seq)]));
}

export interface ChainRange {
  cityCode: string;
  partitionKey: string;
  fromSeq: number;
  toSeq: number;
}

/** The record hashes of some chain ranges, in range order and then sequence order. */
export async function rangeHashes(db: DbOrTx, ranges: readonly ChainRange[]) {
  const out: { cityCode: string; partitionKey: string; seq: number; hash: string }[] = [];
  for (const r of ranges) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('city_code', '=', r.cityCode)
      .where('partition_key', '=', r.partitionKey)
      .where('seq', '>=', String(r.fromSeq))
      .where('seq', '<=', String(r.toSeq))
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      out.push({
        cityCode: r.cityCode,
        partitionKey: r.partitionKey,
        seq: Number(row.seq),
        hash: row.hash,
      });
    }
  }
  return out;
}

export async function insertCheckpoint(
  tx: Tx,
  c: { id: string; at: Date; body: unknown; signature: string; ranges: readonly ChainRange[] },
) {
  await tx
    .insertInto('audit_checkpoints')
    .values({ id: c.id, at: c.at, body: JSON.stringify(c.body), signature: c.signature })
    .execute();
  if (!c.ranges.length) return;
  await tx
    .insertInto('audit_checkpoint_chains')
    .values(
      c.ranges.map((r) => ({
        checkpoint_id: c.id,
        city_code: r.cityCode,
        partition_key: r.partitionKey,
        from_seq: String(r.fromSeq),
        to_seq: String(r.toSeq),
      })),
    )
    .execute();
}

/** The checkpoint whose batch holds a chain's record `seq`, with that batch's ranges. */
export async function checkpointCovering(
  db: DbOrTx,
  r: { cityCode: string; partitionKey: string; seq: number },
) {
  const hit = await db
    .selectFrom('audit_checkpoint_chains')
    .select('checkpoint_id')
    .where('city_code', '=', r.cityCode)
    .where('partition_key', '=', r.partitionKey)
    .where('from_seq', '<=', String(r.seq))
    .where('to_seq', '>=', String(r.seq))
    .executeTakeFirst();
  if (!hit) return null;
  const ranges = await db
    .selectFrom('audit_checkpoint_chains')
    .selectAll()
    .where('checkpoint_id', '=', hit.checkpoint_id)
    .orderBy('city_code')
    .orderBy('partition_key')
    .execute();
  return {
    id: hit.checkpoint_id,
    ranges: ranges.map((x) => ({
      cityCode: x.city_code,
      partitionKey: x.partition_key,
      fromSeq: Number(x.from_seq),
      toSeq: Number(x.to_seq),
    })),
  };
}

/** The audit record of an application's step at a moment (the one that issued a document). */
export async function recordOfApplicationAt(
  db: DbOrTx,
  a: { cityCode: string; applicationId: string; at: Date },
) {
  const row = await db
    .selectFrom('audit_log')
    .select(['city_code', 'partition_key', 'seq', 'hash'])
    .where('city_code', '=', a.cityCode)
    .where(sql<boolean>`details ->> 'applicationId' = ${a.applicationId}`)
    .where(sql<boolean>`details ? 'applicationId'`)
    .where('at', '=', a.at)
    .executeTakeFirst();
  return row
    ? {
        cityCode: row.city_code,
        partitionKey: row.partition_key,
        seq: Number(row.seq),
        hash: row.hash,
      }
    : null;
}
