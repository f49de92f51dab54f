import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
import type { Actor } from '../platform/actor.ts';
import { audit, verifyChains } from './audit.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const clerk of ['clerk.dealer', 'clerk.dealer', 'clerk.city', 'clerk.dealer']) {
    await submitTempPlate(t, clerk);
  }
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/outlets/520302-IS-001/suspension',
    headers: bearer(await t.login('admin')),
    payload: { reason: '随机抽查发现问题' },
  });
});
afterAll(async () => t.close());

describe('the audit log', () => {
  it('keeps each outlet’s records on its own striped chains, plus the administrators’ chain', async () => {
    const heads = await t.ctx.db
      .selectFrom('audit_heads')
      .selectAll()
      .orderBy('partition_key')
      .execute();
    const perChain = new Map<string, number>();
    for (const h of heads) {
      expect(h.partition_key).toMatch(
        /^(outlet:520302-CO-001|outlet:520303-DL-001)(#[1-3])?$|^system$/,
      );
      const chain = h.partition_key.split('#')[0]!;
      perChain.set(chain, (perChain.get(chain) ?? 0) + Number(h.last_seq));
    }
    expect(Object.fromEntries(perChain)).toEqual({
      'outlet:520302-CO-001': 1,
      'outlet:520303-DL-001': 3,
      system: 1,
    });
    expect(await verifyChains(t.ctx.db)).toEqual({
      ok: true,
      partitions: heads.length,
      records: 5,
    });
  });

  it('spreads a busy outlet over its stripes, one stripe per transaction', async () => {
    for (let i = 0; i < 24; i++) await submitTempPlate(t, 'clerk.city');
    const chains = await t.ctx.db
      .selectFrom('audit_log')
      .select(['partition_key', 'entity_id'])
      .where('partition_key', 'like', 'outlet:520302-CO-001%')
      .execute();
    // 24 transactions all on one stripe of four: a chance of 4 in 4^24.
    expect(new Set(chains.map((c) => c.partition_key)).size).toBeGreaterThan(1);
    expect(await verifyChains(t.ctx.db)).toMatchObject({ ok: true, records: 5 + 24 });
    await t.ctx.db.transaction().execute(async (tx) => {
      const actor = {
        username: 'clerk.city',
        outlet: { code: '520302-CO-001', cityCode: '520300' },
      };
      for (let i = 0; i < 3; i++) {
        await audit(tx, actor as Actor, new Date(), {
          action: 'test.stripe',
          entityType: 'test',
          entityId: String(i),
          details: {},
        });
      }
    });
    const one = await t.ctx.db
      .selectFrom('audit_log')
      .select('partition_key')
      .where('action', '=', 'test.stripe')
      .execute();
    expect(new Set(one.map((r) => r.partition_key)).size).toBe(1);
  });

  it('refuses UPDATE and DELETE', async () => {
    await expect(sql`UPDATE audit_log SET actor = 'x'`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('names the first altered record when someone edits below the trigger', async () => {
    // The second of the dealer's records, on whichever of its stripes it went.
    const second = await t.ctx.db
      .selectFrom('audit_log')
      .select(['id', 'seq', 'partition_key'])
      .where('partition_key', 'like', 'outlet:520303-DL-001%')
      .orderBy('at')
      .orderBy('seq')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
    await sql`UPDATE audit_log SET details = details || '{"codes":["forged"]}' WHERE id = ${second.id}`.execute(
      t.ctx.db,
    );
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
    expect(await verifyChains(t.ctx.db)).toMatchObject({
      ok: false,
      firstAltered: {
        id: second.id,
        partitionKey: second.partition_key,
        seq: Number(second.seq),
        problem: 'content does not match its hash',
      },
    });
  });

  it('notices a removed tail', async () => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
    await sql`DELETE FROM audit_log WHERE partition_key = 'system'`.execute(t.ctx.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
    const report = await verifyChains(t.ctx.db);
    expect(report.ok).toBe(false);
  });
});
