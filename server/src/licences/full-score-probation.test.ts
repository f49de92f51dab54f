import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../db/migrate.ts';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createLicence } from '../../../test/support/factories.ts';
import { detainForFullScore, lockedLicenceOf } from './licences.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-26T10:00:00+08:00');
});
afterAll(async () => t.close());

const read = async (id: string) =>
  (
    await t.app.inject({
      url: `/api/v1/licences/${id}`,
      headers: bearer(await t.login('clerk.city')),
    })
  ).json();

/** A licence whose classes were obtained on the days given, detained for a full score today. */
async function fullScoreIn(since: Record<string, string>) {
  const classes = Object.keys(since);
  const held = await createLicence(t.ctx.db, {
    classes,
    firstIssuedOn: '2015-03-15',
    probationUntil: '2027-04-30',
  });
  await t.ctx.db
    .updateTable('licences')
    .set({ class_since: JSON.stringify(since) })
    .where('id_number', '=', held.idNumber)
    .execute();
  const detained = await t.ctx.db.transaction().execute(async (tx) => {
    const licence = await lockedLicenceOf(tx, held.idNumber);
    return await detainForFullScore(tx, licence!, { today: '2026-11-26', now: t.clock.now() });
  });
  return { id: held.idNumber, cancelled: detained.cancelledClasses };
}

describe('a full score in probation cancels the probationary classes (R162 §80)', () => {
  it('leaves the other classes, detained, when one of two is cancelled', async () => {
    const { id, cancelled } = await fullScoreIn({ B2: '2015-03-15', A1: '2026-05-01' });
    expect(cancelled).toEqual(['A1']);
    expect(await read(id)).toMatchObject({
      classes: ['B2'],
      status: 'full-score',
      probationUntil: null,
    });
  });

  it('lists no class on a licence whose only class was cancelled, itself cancelled', async () => {
    const { id, cancelled } = await fullScoreIn({ C1: '2026-05-01' });
    expect(cancelled).toEqual(['C1']);
    expect(await read(id)).toMatchObject({
      classes: [],
      status: 'cancelled',
      probationUntil: null,
    });
  });

  it('migration 20270103090100 empties the classes of licences already cancelled so', async () => {
    const lost = await createLicence(t.ctx.db, { status: 'cancelled' });
    const other = await createLicence(t.ctx.db, { status: 'cancelled' });
    await t.ctx.db
      .updateTable('licences')
      .set({ class_since: '{}' })
      .where('id_number', '=', lost.idNumber)
      .execute();
    const file = path.join(MIGRATIONS_DIR, '20270103090100_licences_cancelled_no_classes.sql');
    const rollback = new Error('rollback');
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await sql.raw(fs.readFileSync(file, 'utf8')).execute(tx);
        const rows = await tx
          .selectFrom('licences')
          .select(['id_number', 'classes'])
          .where('id_number', 'in', [lost.idNumber, other.idNumber])
          .execute();
        const classes = Object.fromEntries(rows.map((r) => [r.id_number, r.classes]));
        expect(classes).toEqual({ [lost.idNumber]: [], [other.idNumber]: ['C1'] });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    // A licence not cancelled still needs a class.
    const valid = await createLicence(t.ctx.db);
    await expect(
      t.ctx.db
        .updateTable('licences')
        .set({ classes: [] })
        .where('id_number', '=', valid.idNumber)
        .execute(),
    ).rejects.toThrow(/licences_classes_check/);
  });
});
