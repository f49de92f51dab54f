import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import type { Tx } from '../db/database.ts';
import { insertSet, type NewDocument } from './documents.repository.ts';

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
