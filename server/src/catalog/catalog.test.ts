import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createVehicle } from '../../../test/support/factories.ts';
import { weekday } from '../platform/time.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const get = async (url: string, user = 'admin') =>
  (await t.app.inject({ url, headers: bearer(await t.login(user)) })).json();

describe('the catalog', () => {
  it('registers every CONTRACT business type with names, subject, SLA, agent rule and legal basis', async () => {
    const { items } = await get('/api/v1/catalog/business-types', 'clerk.city');
    // Every business type of CONTRACT.md's table.
    expect(items.map((i: { code: string }) => i.code).sort()).toEqual(
      [
        'vehicle.register',
        'vehicle.transfer',
        'vehicle.mortgage',
        'vehicle.mortgage-release',
        'vehicle.deregister',
        'vehicle.temp-plate',
        'vehicle.licence-reissue',
        'vehicle.certificate-reissue',
        'vehicle.inspection-mark',
        'licence.renew',
        'licence.reissue',
        'violation.handle',
        'points.reduce',
        'vehicle.plate-reissue',
        'vehicle.change',
        'licence.apply',
        'exam.book',
        'fine.pay',
        'licence.review',
        // Measures of anti-fraud cases, submitted by the detachment (docs/ANTIFRAUD.md).
        'violation.substitute-hold',
        'agent.review-flag',
      ].sort(),
    );
    expect(
      items.find((i: { code: string }) => i.code === 'vehicle.certificate-reissue'),
    ).toMatchObject({
      nameZh: '补领机动车登记证书',
      nameEn: 'Registration certificate reissue',
      subject: 'vehicle',
      slaWorkingDays: 1,
      agentAllowed: false,
      implemented: true,
    });
    expect(
      items
        .filter((i: { implemented: boolean }) => i.implemented)
        .map((i: { code: string }) => i.code),
    ).toEqual([
      'vehicle.register',
      'vehicle.transfer',
      'vehicle.mortgage',
      'vehicle.mortgage-release',
      'vehicle.deregister',
      'vehicle.temp-plate',
      'vehicle.licence-reissue',
      'vehicle.certificate-reissue',
      'vehicle.inspection-mark',
      'licence.renew',
      'licence.reissue',
      'violation.handle',
      'points.reduce',
      'vehicle.plate-reissue',
      'vehicle.change',
      'licence.apply',
      'exam.book',
      'fine.pay',
      'licence.review',
      'violation.substitute-hold',
      'agent.review-flag',
    ]);
    expect(items.every((i: { legalBasis: string }) => i.legalBasis.length > 0)).toBe(true);
  });

  it('gives every policy a basis a person can read, not a path in the repository', async () => {
    const { items } = await get('/api/v1/policies');
    const bases = items.map((i: { legalBasis: string }) => i.legalBasis);
    expect(bases.filter((b: string) => /docs\/|\.md\b/.test(b))).toEqual([]);
  });

  it('dates the creation of each version as every instant of the API: with the +08:00 offset', async () => {
    const { items } = await get('/api/v1/policies');
    const instants = items.map((i: { createdAt: string }) => i.createdAt);
    expect(instants.length).toBeGreaterThan(0);
    expect(instants.filter((at: string) => !/\+08:00$/.test(at))).toEqual([]);
  });

  it('keeps the temporary-plate reform and R164 as dated policy versions', async () => {
    const { items } = await get('/api/v1/policies');
    const days = items.filter((i: { key: string }) => i.key === 'temp-plate.unregistered.max-days');
    expect(
      days.map((d: { value: number; effectiveFrom: string }) => [d.effectiveFrom, d.value]),
    ).toEqual([
      ['2022-05-01', 30],
      ['2019-01-01', 30],
      ['2018-01-01', 15],
    ]);
  });
});

describe('the working-day calendar', () => {
  it('stores 2026 holidays on weekdays and adjusted workdays on weekends only', async () => {
    for (const year of [2025, 2026]) {
      const { items } = await get(`/api/v1/calendar?year=${year}`, 'clerk.city');
      expect(items.length).toBeGreaterThan(10);
      for (const d of items as { day: string; kind: string }[]) {
        const wd = weekday(d.day);
        expect(d.kind === 'holiday' ? wd >= 1 && wd <= 5 : wd === 0 || wd === 6).toBe(true);
      }
    }
  });

  it('moves SLA due dates when an administrator adds a holiday', async () => {
    const v = await createVehicle(t.ctx.db);
    const apply = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/applications',
          headers: bearer(await t.login('clerk.city')),
          payload: {
            businessType: 'vehicle.licence-reissue',
            applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
            data: { plate: v.plate },
          },
        })
      ).json();
    expect((await apply()).slaDueOn).toBe('2026-11-27');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/2026-11-27',
      headers: bearer(await t.login('admin')),
      payload: { kind: 'holiday', name: '测试假日' },
    });
    expect(put.statusCode).toBe(204);
    expect((await apply()).slaDueOn).toBe('2026-11-30');
  });
});
