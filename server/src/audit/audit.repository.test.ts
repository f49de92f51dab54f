import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import type { Actor } from '../platform/actor.ts';
import { sha256 } from '../platform/signing.ts';
import { LINK_SUFFIX, readChain } from './audit.repository.ts';
import { audit, hashPrefixOf, hashRecord, verifyChains } from './audit.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Details that a hand-made JSON text would get wrong: quotes, escapes, Chinese, nesting, order. */
const TRICKY = {
  zeta: 'last key first',
  reason: '收回"号牌"\\ 与\n换行 \u0001 😀',
  nested: { b: [1, 2.5, null, true], a: { '': 'empty key', prevHash: 'not the link' } },
  seq: 'a detail named seq',
};

describe('the audit record written by the statement that moves its head', () => {
  it('the prefix, previous hash and link make exactly the text hashRecord hashes', () => {
    const record = {
      partitionKey: 'outlet:520302-PS-001#2',
      at: new Date('2026-03-01T02:03:04.005Z'),
      actor: 'clerk.police',
      action: 'application.completed',
      entityType: 'vehicle',
      entityId: 'LSVAU2180N2183294',
      details: TRICKY,
    };
    for (const [prevHash, seq] of [
      ['', 1],
      [sha256('x'), 12_345_678_901],
    ] as const) {
      expect(sha256(`${hashPrefixOf(record)}${prevHash}${LINK_SUFFIX}${seq}}`)).toBe(
        hashRecord({ ...record, prevHash, seq }),
      );
    }
  });

  it('chains records as hashRecord computes them, on a new chain and on an existing one', async () => {
    const code = `TEST-${crypto.randomInt(1e6)}`;
    const actor = { username: 'clerk.test', outlet: { code, cityCode: '520300' } } as Actor;
    for (let i = 0; i < 2; i++) {
      // One transaction writes to one stripe: both records of a transaction on one chain.
      await t.ctx.db.transaction().execute(async (tx) => {
        for (let j = 0; j < 2; j++) {
          await audit(tx, actor, new Date(), {
            action: 'test.chain',
            entityType: 'test',
            entityId: `${i}.${j}`,
            details: { ...TRICKY, i, j },
            event: 'test.chained',
          });
        }
      });
    }
    const heads = await t.ctx.db
      .selectFrom('audit_heads')
      .selectAll()
      .where('partition_key', 'like', `outlet:${code}%`)
      .execute();
    let records = 0;
    for (const head of heads) {
      const chain = await readChain(
        t.ctx.db,
        { cityCode: '520300', partitionKey: head.partition_key },
        0,
        10,
      );
      records += chain.length;
      chain.forEach((r, n) => {
        expect(r.details).toMatchObject(TRICKY);
        expect(hashRecord(r)).toBe(r.hash);
        expect(r.seq).toBe(n + 1);
        expect(r.prevHash).toBe(n ? chain[n - 1]!.hash : '');
      });
      const last = chain.at(-1)!;
      expect(head).toMatchObject({
        last_seq: String(last.seq),
        last_hash: last.hash,
        prev_hash: last.prevHash,
      });
    }
    expect(records).toBe(4);
    const events = await t.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'test.chained')
      .execute();
    expect(events).toHaveLength(4);
    expect(await verifyChains(t.ctx.db)).toMatchObject({ ok: true });
  });

  it('keeps one unbroken chain when many transactions append to it at once', async () => {
    const admin = { username: 'admin.concurrent', cityCode: '520300' } as Actor;
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.ctx.db.transaction().execute(async (tx) => {
          await audit(tx, admin, new Date(), {
            action: 'test.concurrent',
            entityType: 'test',
            entityId: String(i),
            details: { i },
          });
        }),
      ),
    );
    const seqs = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'test.concurrent')
      .orderBy('seq')
      .execute();
    const numbers = seqs.map((r) => Number(r.seq));
    expect(numbers).toHaveLength(16);
    expect(numbers.at(-1)! - numbers[0]!).toBe(15);
    expect(await verifyChains(t.ctx.db)).toMatchObject({ ok: true });
  });

  it('writes no outbox event for a record without one', async () => {
    const before = await t.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await t.ctx.db.transaction().execute(async (tx) => {
      await audit(tx, { username: 'admin', cityCode: '520300' } as Actor, new Date(), {
        action: 'test.quiet',
        entityType: 'test',
        entityId: 'quiet',
        details: {},
      });
    });
    const after = await t.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const [record] = await t.ctx.db
      .selectFrom('audit_log')
      .select(['partition_key', 'action'])
      .where('action', '=', 'test.quiet')
      .execute();
    expect(record).toEqual({ partition_key: 'system', action: 'test.quiet' });
  });
});
