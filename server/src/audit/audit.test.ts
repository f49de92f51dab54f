import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
import { verifyChains } from './audit.service.ts';

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
  it('keeps one hash chain per outlet, plus the administrators’ chain', async () => {
    const heads = await t.ctx.db
      .selectFrom('audit_heads')
      .selectAll()
      .orderBy('partition_key')
      .execute();
    expect(heads.map((h) => [h.partition_key, Number(h.last_seq)])).toEqual([
      ['outlet:520302-CO-001', 1],
      ['outlet:520303-DL-001', 3],
      ['system', 1],
    ]);
    expect(await verifyChains(t.ctx.db)).toEqual({ ok: true, partitions: 3, records: 5 });
  });

  it('refuses UPDATE and DELETE', async () => {
    await expect(sql`UPDATE audit_log SET actor = 'x'`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('names the first altered record when someone edits below the trigger', async () => {
    const second = await t.ctx.db
      .selectFrom('audit_log')
      .select(['id', 'seq'])
      .where('partition_key', '=', 'outlet:520303-DL-001')
      .where('seq', '=', '2')
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
        partitionKey: 'outlet:520303-DL-001',
        seq: 2,
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
