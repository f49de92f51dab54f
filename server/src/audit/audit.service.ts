import crypto from 'node:crypto';
import type { Actor } from '../platform/actor.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { canonicalJson, sha256 } from '../platform/signing.ts';
import { beijingDate } from '../platform/time.ts';
import { appendRecord, listPartitions, readChain, type AuditRow } from './audit.repository.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
  /** Also publish this change as an outbox event with the entry as payload. */
  event?: string;
  /** The jurisdiction of a change the platform makes itself (no actor); else the actor's. */
  cityCode?: string;
}

/**
 * How many chains an outlet's records are spread over. A chain's head stays locked from the
 * record to the commit, so one chain per outlet would queue all of a busy outlet's transactions
 * behind each other (the internet outlet takes all online business); a transaction picks one of
 * its outlet's stripes at random. Changing the number needs no migration: verification and
 * checkpoints go over whatever heads exist.
 */
export const OUTLET_STRIPES = 4;

/** The stripe each open transaction writes to: every record of one transaction on one chain. */
const stripeOfTx = new WeakMap<Tx, number>();

function stripeOf(tx: Tx): number {
  let stripe = stripeOfTx.get(tx);
  if (stripe === undefined) {
    stripe = crypto.randomInt(OUTLET_STRIPES);
    stripeOfTx.set(tx, stripe);
  }
  return stripe;
}

/**
 * The chain an actor writes to: a stripe of its outlet's (`outlet:<code>`, `outlet:<code>#1`, …),
 * or its city's system chain for staff without an outlet and for the platform itself (deadlines,
 * jobs).
 */
export function chainOf(actor: Actor | null, cityCode: string | undefined, stripe = 0) {
  if (actor?.outlet)
    return {
      cityCode: actor.outlet.cityCode,
      partitionKey: `outlet:${actor.outlet.code}${stripe ? `#${stripe}` : ''}`,
    };
  const city = actor?.cityCode ?? cityCode;
  if (!city) throw new Error('an audit record of the platform itself must name its city');
  return { cityCode: city, partitionKey: 'system' };
}

type Hashed = Omit<AuditRow, 'id' | 'hash' | 'cityCode'>;

/** What a record's hash covers besides its link; the city is not hashed: a record moved to
 * another city breaks its chain. */
const hashedFields = (r: Omit<Hashed, 'seq' | 'prevHash'>) => ({
  partitionKey: r.partitionKey,
  at: r.at.toISOString(),
  actor: r.actor,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  details: r.details,
});

/** The record's hash: of its fields and its link (sequence number and previous hash). */
export function hashRecord(r: Hashed): string {
  return sha256(canonicalJson({ ...hashedFields(r), seq: r.seq, prevHash: r.prevHash }));
}

/**
 * `hashRecord`'s text up to the previous hash, for the database to complete when it appends the
 * record (it alone knows the head): `prevHash` and `seq` sort after every other key, so the text
 * is this prefix, the previous hash, `LINK_SUFFIX` (audit.repository.ts), the sequence number and
 * `}`.
 */
export function hashPrefixOf(r: Omit<Hashed, 'seq' | 'prevHash'>) {
  return `${canonicalJson(hashedFields(r)).slice(0, -1)},"prevHash":"`;
}

/**
 * Appends to the actor's chain inside the caller's transaction. Call it last in a use case:
 * it holds the chain head's row lock until commit, and other writers of the same stripe wait.
 * The record is written behind (audit.repository.ts): a failure to append it is reported by the
 * transaction's commit, which then rolls the whole use case back.
 */
export async function audit(tx: Tx, actor: Actor | null, at: Date, entry: AuditEntry) {
  const { cityCode, partitionKey } = chainOf(actor, entry.cityCode, stripeOf(tx));
  const record = {
    partitionKey,
    at,
    actor: actor?.username ?? 'system',
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    details: entry.details,
  };
  const event = entry.event
    ? { topic: entry.event, payload: { ...entry.details, id: entry.entityId, at } }
    : null;
  await appendRecord(tx, { cityCode, ...record, hashPrefix: hashPrefixOf(record) }, event);
}

/**
 * The audit record of one chunk of an NDJSON import (CONTRACT.md "Imports"): `<kind>.imported`
 * with the chunk's line count and how many went in, under the day's import of that kind.
 */
export async function auditImportChunk(
  tx: Tx,
  actor: Actor,
  at: Date,
  kind: string,
  counts: { lines: number; imported: number },
) {
  await audit(tx, actor, at, {
    action: `${kind}.imported`,
    entityType: 'import',
    entityId: `${kind}:${beijingDate(at)}`,
    details: counts,
  });
}

export type ChainReport =
  | { ok: true; partitions: number; records: number }
  | {
      ok: false;
      partitions: number;
      records: number;
      firstAltered: {
        id: string;
        cityCode: string;
        partitionKey: string;
        seq: number;
        problem: string;
      };
    };

/** Walks every chain in order and names the first record whose hash or link does not hold. */
export async function verifyChains(db: DbOrTx, batch = 5000): Promise<ChainReport> {
  const heads = await listPartitions(db);
  let records = 0;
  for (const head of heads) {
    let prevHash = '';
    let expectedSeq = 1;
    for (;;) {
      const chain = { cityCode: head.city_code, partitionKey: head.partition_key };
      const rows = await readChain(db, chain, expectedSeq - 1, batch);
      for (const row of rows) {
        records++;
        const problem =
          row.seq !== expectedSeq
            ? `record ${expectedSeq} is missing`
            : row.prevHash !== prevHash
              ? 'link to the previous record is broken'
              : hashRecord(row) !== row.hash
                ? 'content does not match its hash'
                : null;
        if (problem) {
          return {
            ok: false,
            partitions: heads.length,
            records,
            firstAltered: {
              id: row.id,
              cityCode: row.cityCode,
              partitionKey: row.partitionKey,
              seq: row.seq,
              problem,
            },
          };
        }
        prevHash = row.hash;
        expectedSeq++;
      }
      if (rows.length < batch) break;
    }
    if (expectedSeq - 1 !== Number(head.last_seq) || prevHash !== head.last_hash) {
      return {
        ok: false,
        partitions: heads.length,
        records,
        firstAltered: {
          id: '',
          cityCode: head.city_code,
          partitionKey: head.partition_key,
          seq: expectedSeq,
          problem: 'records after this point were removed',
        },
      };
    }
  }
  return { ok: true, partitions: heads.length, records };
}
