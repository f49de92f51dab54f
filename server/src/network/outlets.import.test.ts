import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createOutlet } from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const importLines = async (lines: string[], user = 'admin') =>
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/outlets',
    headers: { ...bearer(await t.login(user)), 'content-type': 'application/x-ndjson' },
    payload: lines.join('\n'),
  });

const outlet = (code: string, more: Record<string, unknown> = {}) =>
  JSON.stringify({
    code,
    name: `测试网点${code}`,
    category: 'dealer',
    countyCode: '520303',
    organisationCode: 'ZY-DD-520303',
    ...more,
  });

describe('outlet import (NDJSON)', () => {
  it('keeps the good lines and rejects each bad line with its reason', async () => {
    const guiyang = await createOutlet(t.ctx.db, { category: 'bank', countyCode: '520102' });
    const res = await importLines([
      outlet('IMP-001', {
        address: '汇川区大连路1号',
        phone: '0851-28620001',
        kindLabel: '汽车金融公司',
      }),
      outlet('IMP-002', { parentCode: 'IMP-001', category: 'registration-station' }), // parent above
      '{not json',
      outlet('IMP-003', { category: 'spaceport', phone: '12' }),
      outlet('IMP-004', { countyCode: '520399' }),
      outlet('IMP-005', { countyCode: guiyang.countyCode }),
      outlet('IMP-006', { organisationCode: 'NO-ORG' }),
      outlet('520302-CO-001'),
      outlet('IMP-001'),
      outlet('IMP-007', { parentCode: 'IMP-999' }),
      '',
      outlet('IMP-008', {
        parentCode: '520302-CO-001',
        countyCode: '520302',
        organisationCode: 'ZY-ZD',
      }),
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { imported: number; rejected: { line: number; error: string }[] };
    expect(body.imported).toBe(3);
    const reasons = Object.fromEntries(body.rejected.map((r) => [r.line, r.error]));
    expect(Object.keys(reasons).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reasons[3]).toBe('不是有效的 JSON');
    expect(reasons[4]).toMatch(/^category: .*; phone: /);
    expect(reasons[5]).toContain('countyCode: 区县 520399 不存在');
    expect(reasons[6]).toContain('不在您管辖的城市');
    expect(reasons[7]).toContain('organisationCode: 机构 NO-ORG 不存在');
    expect(reasons[8]).toContain('code: 网点 520302-CO-001 已存在');
    expect(reasons[9]).toContain('与本文件前面的行重复');
    expect(reasons[10]).toContain('parentCode: 上级网点 IMP-999 不存在');

    const read = await t.app.inject({
      url: '/api/v1/outlets/IMP-002',
      headers: bearer(await t.login('admin')),
    });
    expect(read.json()).toMatchObject({
      code: 'IMP-002',
      category: 'registration-station',
      parentCode: 'IMP-001',
      countyCode: '520303',
      status: 'active',
    });
    const first = await t.ctx.db
      .selectFrom('outlets')
      .selectAll()
      .where('code', '=', 'IMP-001')
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({ address: '汇川区大连路1号', kind_label: '汽车金融公司' });
  });

  it('audits each imported chunk', async () => {
    await importLines([outlet('IMP-101'), outlet('IMP-102')]);
    const record = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outlets.imported')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(record.actor).toBe('admin');
    expect(record.details).toMatchObject({ lines: 2, imported: 2, codes: ['IMP-101', 'IMP-102'] });
  });

  it('lets an imported outlet take business under its category’s grants', async () => {
    await importLines([outlet('IMP-201')]);
    const clerk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(await t.login('admin')),
      payload: {
        username: 'imp.clerk',
        displayName: '导入网点专员',
        roles: ['clerk'],
        scope: { level: 'outlet', code: 'IMP-201' },
        password: 'imported-outlet-clerk',
      },
    });
    expect(clerk.statusCode).toBe(201);
    const types = await t.app.inject({
      url: '/api/v1/me/business-types',
      headers: bearer(await t.login('imp.clerk', 'imported-outlet-clerk')),
    });
    expect(types.statusCode).toBe(200);
    const items = types.json().items as { code: string; available: boolean }[];
    expect(items.find((i) => i.code === 'vehicle.temp-plate')?.available).toBe(true);
  });
});
