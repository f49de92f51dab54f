import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { refusalCodes, refusalItem, submit } from '../../../test/support/driver.ts';
import {
  createLicence,
  createVehicle,
  createViolation,
  idNumber,
} from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const pay = (violationId: string, user = 'clerk.bank') =>
  submit(t, user, 'fine.pay', { idNumber: idNumber() }, { violationId });

async function decided(handledOn: string, fine = 200) {
  const car = await createVehicle(t.ctx.db);
  return await createViolation(t.ctx.db, {
    plate: car.plate,
    fine,
    status: 'handled',
    handledBy: car.ownerIdNumber,
    handledOn,
  });
}

describe('fine.pay (Proc §60): the late fee is 3 % a day, never more than the fine', () => {
  it('takes the fine at a bank without a late fee up to the 15th day', async () => {
    const v = await decided('2026-11-26');
    t.clock.set('2026-12-11T16:00:00+08:00');
    const res = await pay(v.id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'completed',
      channel: 'social',
      result: {
        fine: 200,
        lateFee: 0,
        paidAt: '2026-12-11T16:00:00.000+08:00',
        deadline: '2026-12-11',
      },
    });
    const row = await t.ctx.db
      .selectFrom('violations')
      .select(['status', 'late_fee', 'paid_outlet_code', 'paid_channel'])
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'paid',
      late_fee: '0.00',
      paid_outlet_code: '520302-BK-001',
      paid_channel: 'social',
    });
  });

  it('adds 3 % from the day after the deadline', async () => {
    const v = await decided('2026-11-26');
    t.clock.set('2026-12-12T09:00:00+08:00');
    expect((await pay(v.id)).json().result).toMatchObject({ fine: 200, lateFee: 6 });
  });

  it('moves a deadline that falls on a rest day to the next working day', async () => {
    const v = await decided('2026-11-28'); // the 15th day is Sunday 2026-12-13
    t.clock.set('2026-12-14T09:00:00+08:00');
    expect((await pay(v.id)).json().result).toMatchObject({ lateFee: 0, deadline: '2026-12-14' });
  });

  it('caps the late fee at the fine: 198 on the 33rd day late, 200 from the 34th', async () => {
    const a = await decided('2026-11-26');
    const b = await decided('2026-11-26');
    t.clock.set('2027-01-13T09:00:00+08:00');
    expect((await pay(a.id)).json().result.lateFee).toBe(198);
    t.clock.set('2027-06-01T09:00:00+08:00');
    expect((await pay(b.id)).json().result.lateFee).toBe(200);
    t.clock.set();
  });

  it('shows the late fee owed today in the violation list', async () => {
    const v = await decided('2026-11-26', 150);
    t.clock.set('2026-12-12T09:00:00+08:00');
    const row = await t.ctx.db
      .selectFrom('violations')
      .select('plate')
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    const list = await t.app.inject({
      url: `/api/v1/violations?plate=${encodeURIComponent(row.plate)}`,
      headers: bearer(await t.login('clerk.bank')),
    });
    expect(list.json().items[0]).toMatchObject({ status: 'handled', fine: 150, lateFee: 4.5 });
    t.clock.set();
  });

  it('refuses an undecided, a paid and a fine-free record, each with its article', async () => {
    const car = await createVehicle(t.ctx.db);
    const open = await createViolation(t.ctx.db, { plate: car.plate });
    const undecided = await pay(open.id);
    expect(refusalCodes(undecided)).toEqual(['FINE_NOT_DECIDED']);
    expect(refusalItem(undecided, 'FINE_NOT_DECIDED')?.legalBasis).toBe(
      '道路交通安全违法行为处理程序规定 第五十九条',
    );
    const paid = await createViolation(t.ctx.db, { plate: car.plate, status: 'paid' });
    expect(refusalCodes(await pay(paid.id))).toEqual(['FINE_ALREADY_PAID']);
    const free = await decided('2026-11-20', 0);
    expect(refusalCodes(await pay(free.id))).toEqual(['NO_FINE_DUE']);
    expect(refusalCodes(await pay('NOPE-2'))).toEqual(['VIOLATION_NOT_FOUND']);
  });

  it('is taken by banks, windows and online, not by dealers or hospitals', async () => {
    for (const user of ['clerk.dealer', 'clerk.hospital', 'clerk.exam']) {
      const v = await decided('2026-11-26');
      expect(refusalCodes(await pay(v.id, user)), user).toEqual(['NOT_DELEGATED']);
    }
    for (const user of ['clerk.police', 'clerk.city']) {
      const v = await decided('2026-11-26');
      expect((await pay(v.id, user)).statusCode, user).toBe(201);
    }
  });

  it('clears the points at the cycle end once paid; unpaid ones carry over (R163 §15)', async () => {
    t.clock.set('2027-03-10T10:00:00+08:00');
    const driver = await createLicence(t.ctx.db); // cycle 2026-03-15 … 2027-03-14
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: driver.idNumber });
    const paidOne = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1116',
      points: 1,
      fine: 100,
    });
    const unpaidOne = await createViolation(t.ctx.db, { plate: car.plate });
    for (const v of [paidOne, unpaidOne]) {
      const res = await submit(
        t,
        'clerk.police',
        'violation.handle',
        { idNumber: driver.idNumber },
        {
          violationId: v.id,
        },
      );
      expect(res.statusCode).toBe(201);
    }
    expect((await pay(paidOne.id)).statusCode).toBe(201);
    const cycle = async () =>
      (
        await t.app.inject({
          url: `/api/v1/licences/${driver.idNumber}`,
          headers: bearer(await t.login('clerk.police')),
        })
      ).json().cycle;
    expect(await cycle()).toMatchObject({ start: '2026-03-15', points: 7 });
    t.clock.set('2027-03-14T23:00:00+08:00');
    expect(await cycle()).toMatchObject({ end: '2027-03-14', points: 7 });
    t.clock.set('2027-03-15T08:00:00+08:00');
    expect(await cycle()).toMatchObject({ start: '2027-03-15', points: 6, carriedOver: 6 });
    t.clock.set();
  });

  it('is paid by a company for its vehicle; a legacy record without its decision day is refused, not guessed', async () => {
    t.clock.set('2026-11-27T10:00:00+08:00');
    const company = '91520300MA6DL1234K';
    const legacy = await createViolation(t.ctx.db, {
      plate: (await createVehicle(t.ctx.db)).plate,
      status: 'handled',
    });
    const refused = await submit(
      t,
      'clerk.bank',
      'fine.pay',
      { idNumber: company, name: '某公司' },
      {
        violationId: legacy.id,
      },
    );
    expect(refused.statusCode).toBe(422);
    expect(refusalCodes(refused)).toEqual(['FINE_DECISION_DAY_UNKNOWN']);

    const v = await decided('2026-11-26');
    const paid = await submit(
      t,
      'clerk.bank',
      'fine.pay',
      { idNumber: company, name: '某公司' },
      {
        violationId: v.id,
      },
    );
    expect(paid.statusCode).toBe(201);
    expect(paid.json().result).toMatchObject({ fine: 200, lateFee: 0 });
  });
});
