import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { submit } from '../../../test/support/driver.ts';
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

const history = async (id: string, user = 'clerk.city') =>
  await t.app.inject({
    url: `/api/v1/licences/${id}/history`,
    headers: bearer(await t.login(user)),
  });

describe('GET /licences/{idNumber}/history (the licence file)', () => {
  it('lists the import, the driver business, its documents and each status change in time order', async () => {
    t.clock.set('2026-11-20T09:00:00+08:00');
    const id = idNumber('520302', '19880615');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/licences',
      headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify({
        idNumber: id,
        name: '测试驾驶人',
        licenceNo: id,
        classes: ['C1'],
        firstIssuedOn: '2015-03-15',
        validUntil: '2031-03-15',
      }),
    });
    expect(imported.json()).toMatchObject({ imported: 1 });

    t.clock.set('2026-11-24T10:00:00+08:00');
    const reissue = await submit(t, 'clerk.city', 'licence.reissue', { idNumber: id }, {});
    expect(reissue.statusCode).toBe(201);

    t.clock.set('2026-11-26T10:00:00+08:00');
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: id });
    const drink = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      fine: 1500,
    });
    const handled = await submit(
      t,
      'clerk.police',
      'violation.handle',
      { idNumber: id },
      { violationId: drink.id },
    );
    expect(handled.json().status).toBe('completed');

    const res = await history(id);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      kind: string;
      event: string;
      statusFrom: string | null;
      statusTo: string | null;
      applicationId: string | null;
      by: string | null;
    }[];
    expect(items.map((i) => [i.kind, i.event])).toEqual([
      ['status', 'imported'],
      ['application', 'licence.reissue'],
      ['document', 'driving-licence'],
      ['application', 'violation.handle'],
      ['status', 'reach-full-score'],
    ]);
    expect(items[0]).toMatchObject({ statusFrom: null, statusTo: 'valid', by: '系统管理员' });
    expect(items[4]).toMatchObject({
      statusFrom: 'valid',
      statusTo: 'full-score',
      applicationId: handled.json().id,
    });
  });

  it('shows a licence as issued (valid), and its voiding by the next reissue as an entry of its own', async () => {
    const { idNumber: id, name } = await createLicence(t.ctx.db);
    const applicant = { idNumber: id, name };
    t.clock.set('2026-11-24T10:00:00+08:00');
    const first = await submit(t, 'clerk.city', 'licence.reissue', applicant, {});
    expect(first.statusCode).toBe(201);
    const [lost] = first.json().result.documents;
    t.clock.set('2026-11-25T11:00:00+08:00');
    const second = await submit(t, 'clerk.city', 'licence.reissue', applicant, {});
    expect(second.statusCode).toBe(201);
    const [current] = second.json().result.documents;
    t.clock.set();

    const items = (await history(id)).json().items as Record<string, unknown>[];
    const ofDocuments = items.filter((i) => i.kind === 'document');
    expect(ofDocuments.map((i) => [i.at, i.number, i.status, i.applicationId])).toEqual([
      ['2026-11-24T10:00:00.000+08:00', lost.number, 'valid', first.json().id],
      ['2026-11-25T11:00:00.000+08:00', lost.number, 'void', first.json().id],
      ['2026-11-25T11:00:00.000+08:00', current.number, 'valid', second.json().id],
    ]);
    expect(ofDocuments[1]).toMatchObject({
      event: 'driving-licence',
      documentKind: 'driving-licence',
      details: { reason: '补证后原驾驶证作废' },
    });
    // The voiding comes with the business that voided it.
    const reissued = items.findIndex((i) => i.applicationId === second.json().id);
    expect(items.indexOf(ofDocuments[1]!)).toBeGreaterThan(reissued);
  });

  it('lists only the applications its reader may open, and names no other in its documents or changes', async () => {
    const { idNumber: id, name } = await createLicence(t.ctx.db);
    t.clock.set('2026-11-24T10:00:00+08:00');
    // Taken in at the city office's window: a police window's clerk may not open it.
    const reissue = await submit(t, 'clerk.city', 'licence.reissue', { idNumber: id, name }, {});
    expect(reissue.statusCode).toBe(201);
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: id });
    const drink = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      fine: 1500,
    });
    t.clock.set('2026-11-25T10:00:00+08:00');
    const handled = await submit(
      t,
      'clerk.police',
      'violation.handle',
      { idNumber: id, name },
      { violationId: drink.id },
    );
    expect(handled.json().status).toBe('completed');
    t.clock.set();
    const opened = await t.app.inject({
      url: `/api/v1/applications/${reissue.json().id}`,
      headers: bearer(await t.login('clerk.police')),
    });
    expect(opened.statusCode).toBe(403);

    type Item = { kind: string; event: string; applicationId: string | null };
    const seen = (await history(id, 'clerk.police')).json().items as Item[];
    expect(seen.some((i) => i.applicationId === reissue.json().id)).toBe(false);
    expect(seen.filter((i) => i.kind === 'application').map((i) => i.applicationId)).toEqual([
      handled.json().id,
    ]);
    // The reissue's licence is listed, naming no application; the change the handling made names it.
    expect(seen.find((i) => i.kind === 'document')).toMatchObject({
      event: 'driving-licence',
      applicationId: null,
    });
    expect(seen.find((i) => i.event === 'reach-full-score')).toMatchObject({
      applicationId: handled.json().id,
    });
    // The city office's clerk opens both.
    const all = (await history(id)).json().items as Item[];
    expect(all.filter((i) => i.kind === 'application').map((i) => i.applicationId)).toEqual([
      reissue.json().id,
      handled.json().id,
    ]);
  });

  it('is read by those who read the licence; another city has no such licence', async () => {
    const id = '520302198505120110'; // 敖先生, a demo driver
    expect((await history(id, 'clerk.police')).statusCode).toBe(200);
    expect((await history(id, 'clerk.dealer')).statusCode).toBe(403);
    expect((await history(idNumber('520302', '19700101'))).statusCode).toBe(404);
    const masked = await history(id, 'sup.city');
    expect(masked.json().idNumber).toBe('520302********0110');
  });
});
