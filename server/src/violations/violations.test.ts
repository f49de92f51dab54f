import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  createLicence,
  createVehicle,
  createViolation,
  idNumber,
  zunyiPlate,
} from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

let serial = 0;
const record = (overrides: Record<string, unknown> = {}) => ({
  id: `CAM2026${String(++serial).padStart(6, '0')}`,
  plate: zunyiPlate(),
  code: '1625',
  occurredAt: '2026-11-20T08:15:00+08:00',
  points: 6,
  fine: 200,
  ...overrides,
});

const importLines = async (lines: string[], user = 'admin') =>
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/violations',
    headers: { ...bearer(await t.login(user)), 'content-type': 'application/x-ndjson' },
    payload: lines.join('\n'),
  });

const list = async (query: string, user = 'clerk.police') =>
  await t.app.inject({ url: `/api/v1/violations?${query}`, headers: bearer(await t.login(user)) });

describe('violation import (camera feeds, legacy records)', () => {
  it('judges each line alone against the code table in force on the day', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const good = record();
    const res = await importLines([
      JSON.stringify(good),
      JSON.stringify(record({ points: 2 })), // the 2-point class is gone since 2022-04-01
      JSON.stringify(record({ code: '1625', points: 3 })), // 1625 is 6 points
      JSON.stringify(record({ code: '1344', points: 3, occurredAt: '2021-06-01T09:00:00+08:00' })),
      JSON.stringify(record({ code: '1344', points: 3, occurredAt: '2022-06-01T09:00:00+08:00' })),
      JSON.stringify(record({ occurredAt: '2026-12-01T00:00:00+08:00' })), // future
      JSON.stringify({ ...good, plate: zunyiPlate() }), // same id twice in the file
      JSON.stringify(record({ fine: 5000 })), // beyond 1625's range
      JSON.stringify(record({ code: '13522', points: 0, fine: 200 })), // <20 % over: no points
      JSON.stringify(record({ plate: '贵AB1234' })), // a vehicle of another city, seen here
      JSON.stringify(record({ occurredAt: '2026-11-20 08:15' })),
      '[]',
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 5, 6, 7, 8, 11, 12]);
    expect(body.imported).toBe(4);
    expect(body.rejected[0].error).toContain('2分档已于2022年4月1日取消');
    expect(body.rejected[1].error).toContain('记分分值为 6 分');
    expect(body.rejected[2].error).toContain('记分分值为 1 分');
    expect(body.rejected[6].error).toMatch(/^occurredAt: /);

    const again = await importLines([JSON.stringify(good)]);
    expect(again.json()).toMatchObject({ imported: 0, rejected: [{ line: 1 }] });
    expect(again.json().rejected[0].error).toContain('已存在');
  });

  it('keeps the decision day of a handled legacy record, and refuses one that cannot be', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const driver = idNumber('520302', '19850301');
    const handled = record({ status: 'handled', handledBy: driver, handledOn: '2026-11-21' });
    const res = await importLines([
      JSON.stringify(handled),
      JSON.stringify(record({ handledOn: '2026-11-21' })), // unhandled with a decision day
      // before it happened
      JSON.stringify(record({ status: 'handled', handledBy: driver, handledOn: '2026-11-19' })),
      // decided against nobody: whose points, who owes the fine?
      JSON.stringify(record({ status: 'handled', handledOn: '2026-11-21' })),
      JSON.stringify(record({ status: 'paid' })),
    ]);
    expect(res.json()).toMatchObject({
      imported: 1,
      rejected: [{ line: 2 }, { line: 3 }, { line: 4 }, { line: 5 }],
    });
    expect(res.json().rejected[2].error).toMatch(
      /^handledBy: 已处理（handled）的违法记录应写明处理人/,
    );
    expect(res.json().rejected[3].error).toMatch(/^handledBy: /);
    const row = await t.ctx.db
      .selectFrom('violations')
      .select('handled_on')
      .where('id', '=', handled.id)
      .executeTakeFirstOrThrow();
    expect(row.handled_on).toBe('2026-11-21');
  });

  it('is for administrators only', async () => {
    expect((await importLines([JSON.stringify(record())], 'clerk.police')).statusCode).toBe(403);
  });

  it('answers more than 20,000 lines with 413', async () => {
    const lines = Array.from({ length: 20_001 }, () => '{}');
    const res = await importLines(lines);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('GET /violations', () => {
  it('lists a plate’s records newest first with keyset pages', async () => {
    const v = await createVehicle(t.ctx.db);
    for (const day of ['01', '02', '03']) {
      await createViolation(t.ctx.db, {
        plate: v.plate,
        occurredAt: `2026-10-${day}T09:00:00+08:00`,
      });
    }
    const first = (await list(`plate=${encodeURIComponent(v.plate)}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({
      plate: v.plate,
      code: '1625',
      description: '驾驶机动车违反道路交通信号灯通行的',
      occurredAt: '2026-10-03T09:00:00.000+08:00',
      points: 6,
      fine: 200,
      status: 'unhandled',
      handledBy: null,
    });
    const second = (
      await list(`plate=${encodeURIComponent(v.plate)}&limit=2&after=${first.nextCursor}`)
    ).json();
    expect(second.items.map((i: { occurredAt: string }) => i.occurredAt)).toEqual([
      '2026-10-01T09:00:00.000+08:00',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists a person’s records: their own vehicles’ and those they took the points for', async () => {
    const driver = await createLicence(t.ctx.db);
    const own = await createVehicle(t.ctx.db, { ownerIdNumber: driver.idNumber });
    const other = await createVehicle(t.ctx.db);
    await createViolation(t.ctx.db, { plate: own.plate });
    await createViolation(t.ctx.db, {
      plate: other.plate,
      status: 'handled',
      handledBy: driver.idNumber,
      handledOn: '2026-11-21',
    });
    await createViolation(t.ctx.db, { plate: other.plate });
    const body = (await list(`idNumber=${driver.idNumber}`)).json();
    expect(body.items).toHaveLength(2);
    expect(body.items.map((i: { plate: string }) => i.plate).sort()).toEqual(
      [own.plate, other.plate].sort(),
    );
    const handled = body.items.find((i: { status: string }) => i.status === 'handled');
    expect(handled.handledBy).toBe(driver.idNumber);
    // The bank sees who handled it masked.
    const atBank = (await list(`idNumber=${driver.idNumber}`, 'clerk.bank')).json();
    expect(atBank.items.find((i: { status: string }) => i.status === 'handled').handledBy).toMatch(
      /\*{8}/,
    );
  });

  it('needs exactly one of idNumber and plate, and the right to read', async () => {
    const neither = await list('');
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details).toEqual([
      { path: 'query.idNumber', message: '请提供 idNumber 或 plate' },
    ]);
    // Both is not "give one of them": the answer says to give only one.
    const both = await list(`idNumber=${idNumber()}&plate=${encodeURIComponent(zunyiPlate())}`);
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details).toEqual([
      { path: 'query.plate', message: expect.stringContaining('只能提供其中之一') },
    ]);
    expect(
      (await list(`plate=${encodeURIComponent(zunyiPlate())}`, 'clerk.dealer')).statusCode,
    ).toBe(403);
    expect(
      (await list(`plate=${encodeURIComponent(zunyiPlate())}`, 'clerk.hospital')).statusCode,
    ).toBe(403);
  });
});
