import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
import { canonicalJson } from '../platform/signing.ts';
import { verifyChains, hashRecord } from './audit.service.ts';
import { checkAgainst, createCheckpoint, type PublishedCheckpoint } from './checkpoints.service.ts';
import { leafHash, rootFromPath } from './merkle.ts';

/**
 * The audit log against the person who administers its database: they can disable triggers,
 * rewrite records and recompute every hash so that the chains look intact. The signed, published
 * checkpoints are what they cannot rewrite.
 */
let t: TestApp;
let checkpoint: PublishedCheckpoint;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 3; i++) {
    const res = await submitTempPlate(t);
    token = res.json().result.documents[0].verifyToken;
  }
  checkpoint = (await createCheckpoint(t.ctx))!;
});
afterAll(async () => t.close());

const publicKey = () => t.ctx.checkpointSigner.publicKeyPem;

/** The administrator's attack: edit a record, then recompute its chain's hashes and head. */
async function rewrite(partition: string, seq: number, actor: string) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
  await sql`UPDATE audit_log SET actor = ${actor} WHERE partition_key = ${partition} AND seq = ${seq}`.execute(
    t.ctx.db,
  );
  const rows = await t.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('partition_key', '=', partition)
    .orderBy('seq')
    .execute();
  let prev = '';
  for (const r of rows) {
    const hash = hashRecord({
      partitionKey: r.partition_key,
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      details: r.details,
      prevHash: prev,
    });
    await sql`UPDATE audit_log SET prev_hash = ${prev}, hash = ${hash} WHERE id = ${r.id}`.execute(
      t.ctx.db,
    );
    prev = hash;
  }
  await sql`UPDATE audit_heads SET last_hash = ${prev} WHERE partition_key = ${partition}`.execute(
    t.ctx.db,
  );
  await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
}

describe('signed audit checkpoints', () => {
  it('state every chain head and the records since the last one, signed', async () => {
    expect(checkpoint.body).toMatchObject({ version: 1, id: '1', previous: null });
    expect(checkpoint.body.batch.size).toBe(3);
    expect(checkpoint.leaves).toHaveLength(3);
    expect(
      crypto.verify(
        null,
        Buffer.from(canonicalJson(checkpoint.body)),
        publicKey(),
        Buffer.from(checkpoint.signature, 'base64'),
      ),
    ).toBe(true);
    expect(await checkAgainst(t.ctx.db, checkpoint, publicKey())).toMatchObject({ ok: true });
    // Nothing new since: no new checkpoint.
    expect(await createCheckpoint(t.ctx)).toBeNull();
  });

  it('are served publicly with their public key', async () => {
    const latest = await t.app.inject({ url: '/api/v1/audit/checkpoints/latest' });
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toEqual(checkpoint);
    const key = await t.app.inject({ url: '/api/v1/audit/public-key' });
    expect(key.json()).toEqual({ algorithm: 'Ed25519', publicKey: publicKey() });
  });

  it('give a printed document an inclusion proof anyone can check against the signed root', async () => {
    const res = await t.app.inject({ url: `/api/v1/verify/${token}/proof` });
    const proof = res.json();
    expect(proof.covered).toBe(true);
    const root = rootFromPath(
      leafHash(Buffer.from(proof.record.hash, 'hex')),
      proof.leafIndex,
      proof.checkpoint.batchSize,
      proof.path.map((h: string) => Buffer.from(h, 'hex')),
    );
    expect(root?.toString('hex')).toBe(checkpoint.body.batch.root);
    const fresh = (await submitTempPlate(t)).json().result.documents[0].verifyToken;
    expect((await t.app.inject({ url: `/api/v1/verify/${fresh}/proof` })).json()).toEqual({
      covered: false,
    });
    expect((await t.app.inject({ url: '/api/v1/verify/forged.x.y/proof' })).json()).toEqual({
      covered: false,
    });
  });

  it('catch a record rewritten with every hash recomputed, and name it', async () => {
    const partition = checkpoint.body.heads.find((h) =>
      h.partitionKey.startsWith('outlet:'),
    )!.partitionKey;
    // An outlet's records are spread over its stripes: the first record of one is rewritten.
    await rewrite(partition, 1, 'someone-else');
    expect(await verifyChains(t.ctx.db)).toMatchObject({ ok: true }); // the chains look intact
    expect(await checkAgainst(t.ctx.db, checkpoint, publicKey())).toMatchObject({
      ok: false,
      problem: 'a record differs from the checkpoint',
      record: { partitionKey: partition, seq: 1 },
    });
  });

  it('catch the log emptied below SQL, and refuse TRUNCATE above it', async () => {
    await expect(sql`TRUNCATE audit_log`.execute(t.ctx.db)).rejects.toThrow(/cannot be truncated/);
    await sql`SET session_replication_role = replica`.execute(t.ctx.db);
    await sql`TRUNCATE audit_log, audit_heads`.execute(t.ctx.db);
    await sql`SET session_replication_role = origin`.execute(t.ctx.db);
    expect(await verifyChains(t.ctx.db)).toMatchObject({ ok: true, records: 0 });
    expect(await checkAgainst(t.ctx.db, checkpoint, publicKey())).toMatchObject({
      ok: false,
      problem: 'a record of the checkpoint is missing',
    });
  });

  it('are not accepted with another key or altered', async () => {
    const other = crypto
      .generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(await checkAgainst(t.ctx.db, checkpoint, other)).toMatchObject({
      ok: false,
      problem: 'the checkpoint signature does not verify with this public key',
    });
    const altered = { ...checkpoint, body: { ...checkpoint.body, at: '2030-01-01T00:00:00Z' } };
    expect(await checkAgainst(t.ctx.db, altered, publicKey())).toMatchObject({ ok: false });
  });
});
