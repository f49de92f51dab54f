import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastDayMonthsRunOut } from '../applications/lifecycle.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import { MIGRATIONS_DIR } from '../db/migrate.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { ZUNYI } from '../../../test/support/factories.ts';
import { learnerPermitUntil } from './licence-apply.rules.ts';

describe('the learner permit’s validity (R162 §41)', () => {
  it('runs 36 calendar months to the day before, the leap day included', () => {
    expect(learnerPermitUntil('2026-12-07', 36, 'C1', '1996-01-01')).toBe('2029-12-06');
    expect(learnerPermitUntil('2028-02-29', 36, 'C1', null)).toBe('2031-02-27');
  });

  it('never runs past the age up to which the class may be applied for', () => {
    // B2 may be applied for up to 63: the permit ends the day before the 64th birthday.
    expect(learnerPermitUntil('2026-12-07', 36, 'B2', '1963-06-01')).toBe('2027-05-31');
    expect(learnerPermitUntil('2026-12-07', 36, 'B2', '1990-06-01')).toBe('2029-12-06');
    expect(learnerPermitUntil('2026-12-07', 36, 'C1', '1940-06-01')).toBe('2029-12-06');
  });

  it('is over for the deadline job on the day after its last day', () => {
    expect(lastDayMonthsRunOut('2029-12-07', 36)).toBe('2026-12-07');
    expect(lastDayMonthsRunOut('2029-12-06', 36)).toBe('2026-12-06');
    // 2028-02-29 + 36 months is 2031-02-28: on that day both 02-28 and 02-29 have run out.
    expect(lastDayMonthsRunOut('2031-02-28', 36)).toBe('2028-02-29');
    expect(lastDayMonthsRunOut('2031-02-27', 36)).toBe('2028-02-27');
  });
});

describe('migration 20270103090000: the permit in months', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('carries every version of the days key over to months and leaves none behind', async () => {
    const file = path.join(MIGRATIONS_DIR, '20270103090000_learner_permit_valid_months.sql');
    const migration = fs.readFileSync(file, 'utf8');
    const old = 'learner-permit.valid-days';
    const rollback = new Error('rollback');
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        const row = (value: unknown, effectiveFrom: string, cityCode: string | null) => ({
          key: old,
          value: JSON.stringify(value),
          effective_from: effectiveFrom,
          city_code: cityCode,
          created_by: 'system',
        });
        await tx
          .insertInto('policy_values')
          .values([
            row(1095, '2023-01-01', null),
            row(1461, '2027-01-01', ZUNYI.cityCode),
            row('three years', '2027-06-01', ZUNYI.cityCode),
          ])
          .execute();
        await sql.raw(migration).execute(tx);
        const left = await tx
          .selectFrom('policy_values')
          .select(['value', 'effective_from', 'city_code'])
          .where('key', 'in', [old, 'learner-permit.valid-months'])
          .orderBy('effective_from')
          .execute();
        expect(left.map((r) => [r.value, r.effective_from, r.city_code])).toEqual([
          [36, '2022-04-01', null], // the default seeded at start
          [36, '2023-01-01', null],
          [48, '2027-01-01', ZUNYI.cityCode],
        ]);
        const on = (day: string) =>
          policyIn(tx, ['learner-permit.valid-months'], day, ZUNYI.cityCode);
        expect((await on('2026-12-07')).values['learner-permit.valid-months']).toBe(36);
        expect((await on('2027-07-01')).values['learner-permit.valid-months']).toBe(48);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});
