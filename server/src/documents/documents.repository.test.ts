import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { nodesOf, type PlanNode } from '../../../test/support/plans.ts';
import { lostRace } from '../applications/races.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import {
  documentByNumber,
  insertDocument,
  insertSet,
  insertSetAsRead,
  validDocumentsOfSubjectInHand,
  type NewDocument,
} from './documents.repository.ts';
import { drawSequence } from '../db/sequence-reserve.sql.ts';
import { SequenceReserve } from '../db/sequence-reserve.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const CITY = '520300';
const ROLLBACK = new Error('rollback');

/** Runs `body` in a transaction that is rolled back: its application ids need no application. */
async function rolledBack(body: (tx: Tx) => Promise<void>) {
  await expect(
    t.ctx.db.transaction().execute(async (tx) => {
      await body(tx);
      throw ROLLBACK;
    }),
  ).rejects.toBe(ROLLBACK);
}

function documentsOfStep(subject: string, at: Date) {
  const applicationId = crypto.randomUUID();
  return (kind: string, number: NewDocument['number']): NewDocument => ({
    cityCode: CITY,
    id: crypto.randomUUID(),
    kind,
    number,
    subject,
    applicationId,
    issuedAt: at,
    issuer: { office: '遵义市公安局交通管理支队车辆管理所', outlet: '测试网点', staff: '张三' },
  });
}

const rowsOf = async (tx: Tx, subject: string) =>
  await tx
    .selectFrom('documents')
    .select(['kind', 'number', 'status', 'void_reason', 'application_id'])
    .where('city_code', '=', CITY)
    .where('subject', '=', subject)
    .orderBy('number')
    .execute();

describe('insertSet: one step’s documents in one statement', () => {
  it('issues in the given order, voids only what was valid before, each kind with its reason', async () => {
    const vin = `LSVTEST${crypto.randomInt(1e9).toString().padStart(10, '0')}`;
    await rolledBack(async (tx) => {
      const first = documentsOfStep(vin, new Date('2026-03-01T02:00:00Z'));
      const issued = await insertSet(
        tx,
        [
          first('vehicle-licence', { prefix: 'XS5203002026' }),
          first('plate', { given: '贵C12345' }),
          first('inspection-mark', { prefix: 'JY5203002026' }),
        ],
        [],
      );
      expect(issued.voided).toEqual([]);
      const [licence, plate, mark] = issued.numbers as [string, string, string];
      expect(licence).toMatch(/^XS5203002026\d{8}$/);
      expect(plate).toBe('贵C12345');
      expect(mark).toMatch(/^JY5203002026\d{8}$/);
      // Serials are drawn in the order the documents are given.
      expect(Number(mark.slice(-8))).toBeGreaterThan(Number(licence.slice(-8)));

      const second = documentsOfStep(vin, new Date('2026-04-01T02:00:00Z'));
      const replaced = await insertSet(
        tx,
        [
          second('vehicle-licence', { prefix: 'XS5203002026' }),
          second('plate', { given: '贵C54321' }),
        ],
        [
          { kind: 'plate', reason: '收回号牌' },
          { kind: 'vehicle-licence', reason: '收回行驶证' },
        ],
      );
      // In the order of `voiding`, not of the table.
      expect(replaced.voided).toEqual([
        { kind: 'plate', number: '贵C12345' },
        { kind: 'vehicle-licence', number: licence },
      ]);
      const [newLicence] = replaced.numbers as [string, string];
      expect(replaced.numbers[1]).toBe('贵C54321');

      const rows = await rowsOf(tx, vin);
      const byNumber = new Map(rows.map((r) => [r.number, r]));
      expect(byNumber.get(licence)).toMatchObject({ status: 'void', void_reason: '收回行驶证' });
      expect(byNumber.get('贵C12345')).toMatchObject({ status: 'void', void_reason: '收回号牌' });
      // A kind not named is left alone; the new documents are valid (the update cannot see them).
      expect(byNumber.get(mark)).toMatchObject({ status: 'valid', void_reason: null });
      expect(byNumber.get(newLicence)).toMatchObject({ status: 'valid', void_reason: null });
      expect(byNumber.get('贵C54321')).toMatchObject({ status: 'valid', void_reason: null });
      expect(rows).toHaveLength(5);
    });
  });

  it('refuses documents of more than one step, or none', async () => {
    await rolledBack(async (tx) => {
      const a = documentsOfStep('LSVMIXED000000001', new Date('2026-03-01T02:00:00Z'));
      const b = documentsOfStep('LSVMIXED000000002', new Date('2026-03-01T02:00:00Z'));
      await expect(
        insertSet(
          tx,
          [a('vehicle-licence', { prefix: 'XS' }), b('vehicle-licence', { prefix: 'XS' })],
          [],
        ),
      ).rejects.toThrow(/more than one step/);
      await expect(insertSet(tx, [], [])).rejects.toThrow(/no documents/);
    });
  });
});

/** A reissue's voiding: the valid licences of the subject. */
const VOIDING = { kind: 'vehicle-licence', reason: '补领' };

const newVin = () => `LSVREPL${crypto.randomInt(1e9).toString().padStart(10, '0')}`;

const licence = (subject: string, number: string): NewDocument & { number: { given: string } } => ({
  cityCode: CITY,
  id: crypto.randomUUID(),
  kind: 'vehicle-licence',
  number: { given: number },
  subject,
  applicationId: crypto.randomUUID(),
  issuedAt: new Date('2026-03-01T02:00:00Z'),
  issuer: null,
});

const valid = async (tx: DbOrTx, subject: string) =>
  (
    await tx
      .selectFrom('documents')
      .select('number')
      .where('city_code', '=', CITY)
      .where('subject', '=', subject)
      .where('status', '=', 'valid')
      .orderBy('number')
      .execute()
  ).map((r) => r.number);

/** `count` serials of the reserve, once its draw has come back. */
const drawn = (reserve: SequenceReserve, count: number) =>
  vi.waitFor(
    () => {
      const serials = reserve.take(count);
      if (!serials) throw new Error('the block is not drawn yet');
      return serials;
    },
    { timeout: 5000 },
  );

describe('serials drawn ahead', () => {
  it('answers none until a block is drawn, then increasing serials no other reserve holds', async () => {
    const a = new SequenceReserve((n) => drawSequence(t.ctx.db, 'document_serial', n));
    const b = new SequenceReserve((n) => drawSequence(t.ctx.db, 'document_serial', n));
    expect(a.take(1)).toBeNull(); // the first take starts the draw and does not wait for it
    expect(b.take(1)).toBeNull();
    const fromA = await drawn(a, 40);
    const fromB = await drawn(b, 40);
    expect(fromA).toEqual([...fromA].sort((x, y) => x - y));
    expect(new Set(fromA).size).toBe(40);
    expect(fromA.filter((s) => fromB.includes(s))).toEqual([]);
    // The database's own next serial is past both blocks: a step without one never meets them.
    const { rows } = await sql<{
      n: string;
    }>`SELECT nextval('document_serial') AS n`.execute(t.ctx.db);
    expect(Number(rows[0]!.n)).toBeGreaterThan(Math.max(...fromA, ...fromB));
  });
});

describe('a replacement written behind, voiding what was read', () => {
  it('voids the numbers read and issues the new one', async () => {
    const vin = newVin();
    await rolledBack(async (tx) => {
      await insertDocument(tx, licence(vin, `XS-OLD-${vin}`));
      await insertSetAsRead(tx, [licence(vin, `XS-NEW-${vin}`)], [VOIDING], [`XS-OLD-${vin}`]);
      expect(await valid(tx, vin)).toEqual([`XS-NEW-${vin}`]);
    });
  });

  it('fails as a lost race, storing nothing, when the valid documents changed since the read', async () => {
    const vin = newVin();
    let failure: unknown;
    await t.ctx.db
      .transaction()
      .execute(async (tx) => {
        await insertDocument(tx, licence(vin, `XS-OLD-${vin}`));
        // Read as if nothing were valid: the update then voids a number the step never read.
        await insertSetAsRead(tx, [licence(vin, `XS-NEW-${vin}`)], [VOIDING], []);
        await sql`SELECT 1`.execute(tx); // the statement written behind goes out with this one
      })
      .catch((e: unknown) => {
        failure = e;
      });
    expect((failure as { code?: string }).code).toBe('40001');
    expect(lostRace(failure)).toBe(true);
    expect(await valid(t.ctx.db, vin)).toEqual([]);
  });

  it('reads the valid documents of the subject in hand, and tells whose they are', async () => {
    const vin = newVin();
    await rolledBack(async (tx) => {
      await insertDocument(tx, licence(vin, `XS-ONE-${vin}`));
      expect(
        await validDocumentsOfSubjectInHand(tx, { cityCode: CITY, kinds: ['vehicle-licence'] }),
      ).toMatchObject({ documents: [] });
      await sql`SELECT set_config('cheguan.subject_in_hand', ${vin}, true)`.execute(tx);
      expect(
        await validDocumentsOfSubjectInHand(tx, { cityCode: CITY, kinds: ['vehicle-licence'] }),
      ).toEqual({
        subject: vin,
        documents: [{ kind: 'vehicle-licence', number: `XS-ONE-${vin}` }],
      });
    });
  });
});

describe('a document by its printed number', () => {
  it('is read through the two indexes that hold the numbers, in a generic plan too', async () => {
    const q = documentByNumber(t.ctx.db, 'DJ00000001').compile();
    const plan = await t.ctx.db.transaction().execute(async (tx) => {
      // A statement the driver names is planned once for any number after a few runs; the
      // partial indexes serve it only if their conditions are in its text, not in parameters.
      // The test database is small enough for a sequential scan to win on cost.
      await sql`SET LOCAL plan_cache_mode = force_generic_plan`.execute(tx);
      await sql`SET LOCAL enable_seqscan = off`.execute(tx);
      await sql.raw(`PREPARE document_by_number AS ${q.sql}`).execute(tx);
      const values = q.parameters.map((v) => sql.lit(v as string | number));
      const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>`
        EXPLAIN (FORMAT JSON) EXECUTE document_by_number(${sql.join(values)})`.execute(tx);
      await sql`DEALLOCATE document_by_number`.execute(tx);
      return rows[0]!['QUERY PLAN'][0].Plan;
    });
    const scans = nodesOf(plan).filter((n) => n['Relation Name'] === 'documents');
    expect(scans.map((n) => [n['Node Type'], n['Index Name']])).toEqual([
      ['Index Scan', 'documents_kind_number'],
      ['Index Scan', 'documents_void_plates'],
    ]);
  });
});
