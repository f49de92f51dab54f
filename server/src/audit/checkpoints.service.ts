import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { AppContext } from '../platform/context.ts';
import { canonicalJson, verifyCheckpointSignature } from '../platform/signing.ts';
import {
  allHeads,
  checkpointCovering,
  coveredUpTo,
  findCheckpoint,
  insertCheckpoint,
  latestCheckpoint,
  rangeHashes,
  recordOfApplicationAt,
  type ChainRange,
} from './checkpoints.repository.ts';
import { inclusionPath, leafHash, merkleRoot } from './merkle.ts';

/**
 * Signed checkpoints of the audit log. A checkpoint states every chain's head and the Merkle root
 * (merkle.ts) of the records added since the checkpoint before, signed with an Ed25519 key that
 * the database does not hold, and is published outside the database (a file, the public API).
 * `checkAgainst` then tells whether the database still agrees with a published checkpoint and
 * names the first record that does not; `inclusionProof` lets anyone check that the record of a
 * printed document is in a published checkpoint.
 */
export interface CheckpointBody {
  version: 1;
  id: string;
  at: string;
  previous: { id: string; batchRoot: string } | null;
  heads: { cityCode: string; partitionKey: string; seq: number; hash: string }[];
  batch: { size: number; root: string; ranges: ChainRange[] };
}

export interface PublishedCheckpoint {
  body: CheckpointBody;
  signature: string;
  publicKey: string;
  /** The batch's record hashes in tree order, so a verifier can name a record that changed. */
  leaves: string[];
}

const leavesOf = (hashes: readonly string[]) => hashes.map((h) => leafHash(Buffer.from(h, 'hex')));

/** Writes a checkpoint as a file (and as latest.json) in CHEGUAN_CHECKPOINT_DIR. */
export function publishCheckpoint(dir: string, c: PublishedCheckpoint) {
  fs.mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(c, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, `checkpoint-${c.body.id.padStart(8, '0')}.json`), text);
  fs.writeFileSync(path.join(dir, 'latest.json'), text);
}

/**
 * Signs a checkpoint of everything appended since the last one (none when nothing was), in one
 * consistent snapshot, and publishes it. One writer at a time.
 */
export async function createCheckpoint(
  ctx: Pick<AppContext, 'db' | 'clock' | 'checkpointSigner' | 'env'>,
): Promise<PublishedCheckpoint | null> {
  const made = await ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(774413)`.execute(tx);
      const previous = await latestCheckpoint(tx);
      const covered = previous ? await coveredUpTo(tx, previous.id) : new Map<string, number>();
      const heads = await allHeads(tx);
      const ranges = heads.flatMap((h) => {
        const from = (covered.get(`${h.cityCode}/${h.partitionKey}`) ?? 0) + 1;
        return h.seq >= from
          ? [{ cityCode: h.cityCode, partitionKey: h.partitionKey, fromSeq: from, toSeq: h.seq }]
          : [];
      });
      if (previous && !ranges.length) return null;
      const records = await rangeHashes(tx, ranges);
      const hashes = records.map((r) => r.hash);
      const previousBody = previous?.body as CheckpointBody | undefined;
      const body: CheckpointBody = {
        version: 1,
        id: String(Number(previous?.id ?? 0) + 1),
        at: ctx.clock.now().toISOString(),
        previous: previousBody ? { id: previousBody.id, batchRoot: previousBody.batch.root } : null,
        heads,
        batch: { size: hashes.length, root: merkleRoot(leavesOf(hashes)).toString('hex'), ranges },
      };
      const signature = ctx.checkpointSigner.sign(canonicalJson(body));
      await insertCheckpoint(tx, { id: body.id, at: new Date(body.at), body, signature, ranges });
      return { body, signature, publicKey: ctx.checkpointSigner.publicKeyPem, leaves: hashes };
    });
  if (made) publishCheckpoint(ctx.env.CHEGUAN_CHECKPOINT_DIR, made);
  return made;
}

/** The latest checkpoint as published (null before the first). */
export async function latestPublished(ctx: AppContext): Promise<PublishedCheckpoint | null> {
  const row = await latestCheckpoint(ctx.db);
  if (!row) return null;
  const body = row.body as CheckpointBody;
  const records = await rangeHashes(ctx.db, body.batch.ranges);
  return {
    body,
    signature: row.signature,
    publicKey: ctx.checkpointSigner.publicKeyPem,
    leaves: records.map((r) => r.hash),
  };
}

export type CheckpointCheck =
  | { ok: true; checkpoint: string; records: number }
  | {
      ok: false;
      checkpoint: string;
      problem: string;
      record?: { cityCode: string; partitionKey: string; seq: number };
    };

/**
 * Whether the database agrees with a published checkpoint, checked with a public key obtained
 * independently of the database: the signature, the batch's records one by one (naming the first
 * that differs or is gone), and every chain head the checkpoint states.
 */
export async function checkAgainst(
  db: DbOrTx,
  c: PublishedCheckpoint,
  publicKeyPem: string,
): Promise<CheckpointCheck> {
  const id = c.body.id;
  const fail = (
    problem: string,
    record?: { cityCode: string; partitionKey: string; seq: number },
  ) => ({ ok: false, checkpoint: id, problem, ...(record ? { record } : {}) }) as const;
  if (!verifyCheckpointSignature(canonicalJson(c.body), c.signature, publicKeyPem)) {
    return fail('the checkpoint signature does not verify with this public key');
  }
  if (merkleRoot(leavesOf(c.leaves)).toString('hex') !== c.body.batch.root) {
    return fail('the published leaves do not match the signed batch root');
  }
  // Expected records in tree order, from the signed ranges.
  const expected = c.body.batch.ranges.flatMap((r) =>
    Array.from({ length: r.toSeq - r.fromSeq + 1 }, (_, i) => ({ ...r, seq: r.fromSeq + i })),
  );
  const actual = await rangeHashes(db, c.body.batch.ranges);
  const found = new Map(actual.map((r) => [`${r.cityCode}/${r.partitionKey}/${r.seq}`, r.hash]));
  for (const [i, e] of expected.entries()) {
    const hash = found.get(`${e.cityCode}/${e.partitionKey}/${e.seq}`);
    const record = { cityCode: e.cityCode, partitionKey: e.partitionKey, seq: e.seq };
    if (hash === undefined) return fail('a record of the checkpoint is missing', record);
    if (hash !== c.leaves[i]) return fail('a record differs from the checkpoint', record);
  }
  for (const h of c.body.heads) {
    const [row] = await rangeHashes(db, [{ ...h, fromSeq: h.seq, toSeq: h.seq }]);
    const record = { cityCode: h.cityCode, partitionKey: h.partitionKey, seq: h.seq };
    if (!row) return fail('a chain head of the checkpoint is missing', record);
    if (row.hash !== h.hash)
      return fail('the chain no longer leads to the checkpoint head', record);
  }
  return { ok: true, checkpoint: id, records: expected.length };
}

/**
 * The inclusion proof of an application step's audit record in a published checkpoint: the
 * record's hash, its place in the checkpoint's batch, and the audit path to the signed root.
 * Null while no checkpoint covers it yet (checkpoints are made every hour).
 */
export async function inclusionProof(
  db: DbOrTx,
  step: { cityCode: string; applicationId: string; at: Date },
) {
  const record = await recordOfApplicationAt(db, step);
  if (!record) return null;
  const covering = await checkpointCovering(db, record);
  if (!covering) return null;
  const checkpoint = await findCheckpoint(db, covering.id);
  if (!checkpoint) return null;
  const hashes = (await rangeHashes(db, covering.ranges)).map((r) => r.hash);
  const key = (r: { cityCode: string; partitionKey: string; seq: number }) =>
    `${r.cityCode}/${r.partitionKey}/${r.seq}`;
  const all = covering.ranges.flatMap((r) =>
    Array.from({ length: r.toSeq - r.fromSeq + 1 }, (_, i) => key({ ...r, seq: r.fromSeq + i })),
  );
  const index = all.indexOf(key(record));
  const body = checkpoint.body as CheckpointBody;
  return {
    record,
    checkpoint: {
      id: body.id,
      at: body.at,
      batchSize: body.batch.size,
      batchRoot: body.batch.root,
    },
    leafIndex: index,
    path: inclusionPath(leavesOf(hashes), index).map((b) => b.toString('hex')),
  };
}
