import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import {
  createUser,
  createVehicle,
  idNumber,
  registrationData,
} from '../../../test/support/factories.ts';
import { CONTRACT_DOCUMENT_KINDS } from '../../../test/support/responses.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
const { as, submit } = businessClient(() => t);

describe('GET /vehicles/{vin}/history (the vehicle file)', () => {
  it('shows a document as issued (valid) at its issue, and its voiding as an entry of its own', async () => {
    const v = await createVehicle(t.ctx.db);
    const owner = { idNumber: v.ownerIdNumber, name: v.ownerName };
    t.clock.set('2026-11-26T09:00:00+08:00');
    const first = await submit('vehicle.licence-reissue', owner, { plate: v.plate });
    expect(first.statusCode).toBe(201);
    const [licence] = first.json().result.documents;
    t.clock.set('2026-11-27T10:00:00+08:00');
    const second = await submit('vehicle.licence-reissue', owner, { plate: v.plate });
    expect(second.statusCode).toBe(201);
    t.clock.set();

    const items = await history(v.vin);
    const ofLicence = items.filter((i) => i.number === licence.number);
    expect(ofLicence).toEqual([
      expect.objectContaining({
        at: '2026-11-26T09:00:00.000+08:00',
        kind: 'document',
        event: 'vehicle-licence',
        documentKind: 'vehicle-licence',
        status: 'valid',
        applicationId: first.json().id,
      }),
      expect.objectContaining({
        at: '2026-11-27T10:00:00.000+08:00',
        kind: 'document',
        event: 'vehicle-licence',
        documentKind: 'vehicle-licence',
        status: 'void',
        applicationId: first.json().id,
        details: { reason: expect.any(String) },
      }),
    ]);
    expect(ofLicence[0]).not.toHaveProperty('details');
    // In time order: the voiding comes with the second reissue, after its application.
    expect(items.map((i) => [i.kind, i.event, i.status])).toEqual([
      ['application', 'vehicle.licence-reissue', 'completed'],
      ['document', 'vehicle-licence', 'valid'],
      ['application', 'vehicle.licence-reissue', 'completed'],
      ['document', 'vehicle-licence', 'void'],
      ['document', 'vehicle-licence', 'valid'],
    ]);
  });

  it("shows a station's inspection report in time order, before the mark that cites it", async () => {
    const v = await createVehicle(t.ctx.db, {
      registeredOn: '2020-12-10',
      inspectionValidUntil: '2026-12-31',
    });
    t.clock.set('2026-11-26T10:00:00+08:00');
    const inspected = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inspections',
      headers: await as('clerk.station'),
      payload: {
        plate: v.plate,
        result: 'pass',
        items: [{ code: 'BRAKE', result: 'pass' }],
        startedAt: '2026-11-26T09:10:00+08:00',
        finishedAt: '2026-11-26T09:40:00+08:00',
        inspector: '检验员甲',
      },
    });
    expect(inspected.statusCode).toBe(201);
    const { reportNo } = inspected.json();
    const mark = await submit(
      'vehicle.inspection-mark',
      { idNumber: v.ownerIdNumber, name: v.ownerName },
      { plate: v.plate, insuranceValidUntil: '2027-11-30', inspectionReportNo: reportNo },
    );
    expect(mark.statusCode).toBe(201);
    t.clock.set();

    const items = await history(v.vin);
    expect(items[0]).toEqual({
      at: '2026-11-26T09:40:00.000+08:00',
      kind: 'inspection',
      event: 'inspection-report',
      applicationId: null,
      status: 'pass',
      statusFrom: null,
      statusTo: null,
      plate: v.plate,
      documentKind: null,
      number: reportNo,
      by: expect.stringMatching(/\S/),
    });
    expect(items.map((i) => [i.kind, i.event]).slice(0, 2)).toEqual([
      ['inspection', 'inspection-report'],
      ['application', 'vehicle.inspection-mark'],
    ]);
  });

  it('shows a mortgage and its release endorsed on the registration certificate (R164 §§32–33)', async () => {
    const owner = { idNumber: idNumber(), name: '李四' };
    t.clock.set('2026-11-26T09:00:00+08:00');
    const registered = await submit('vehicle.register', owner, registrationData());
    const { plate, documents } = registered.json().result;
    const certificate = documents.find(
      (d: { kind: string }) => d.kind === 'registration-certificate',
    );
    const contract = { plate, contractNo: 'DY2026-H01' };
    t.clock.set('2026-11-26T10:00:00+08:00');
    const mortgaged = await submit(
      'vehicle.mortgage',
      owner,
      { ...contract, mortgageeOrgCode: '520302-BK-001' },
      'clerk.bank',
    );
    expect(mortgaged.statusCode).toBe(201);
    t.clock.set('2026-11-27T10:00:00+08:00');
    const released = await submit('vehicle.mortgage-release', owner, contract, 'clerk.bank');
    expect(released.statusCode).toBe(201);
    t.clock.set();

    const items = await history(registered.json().result.vin);
    const after = items.slice(items.findIndex((i) => i.event === 'vehicle.mortgage'));
    expect(after).toEqual([
      expect.objectContaining({ kind: 'application', event: 'vehicle.mortgage' }),
      expect.objectContaining({
        kind: 'status',
        event: 'mortgaged',
        statusTo: 'mortgaged',
        details: expect.objectContaining({ endorsedCertificate: certificate.number }),
      }),
      expect.objectContaining({ kind: 'application', event: 'vehicle.mortgage-release' }),
      expect.objectContaining({
        kind: 'status',
        event: 'mortgage-released',
        statusTo: 'normal',
        details: expect.objectContaining({ endorsedCertificate: certificate.number }),
      }),
    ]);
    // Every document entry of the file is of a kind of API v1 (CONTRACT.md).
    for (const i of items.filter((x) => x.kind === 'document')) {
      expect(CONTRACT_DOCUMENT_KINDS).toContain(i.documentKind);
    }
  });

  it("lists a plate's applications only while the vehicle carried it (a number given up is drawn again)", async () => {
    const historyOf = async (vin: string) => {
      const res = await t.app.inject({
        url: `/api/v1/vehicles/${vin}/history`,
        headers: await as('clerk.city'),
      });
      expect(res.statusCode).toBe(200);
      return (res.json().items as { kind: string; applicationId: string | null }[])
        .filter((i) => i.kind === 'application')
        .map((i) => i.applicationId);
    };
    const first = { idNumber: idNumber(), name: '原车主' };
    const dataA = registrationData();
    t.clock.set('2026-11-26T09:00:00+08:00');
    const a = await submit('vehicle.register', first, dataA);
    expect(a.statusCode).toBe(201);
    const number = a.json().result.plate as string;
    // Another vehicle asks for the taken number: refused, and not vehicle A's business.
    t.clock.set('2026-11-26T09:10:00+08:00');
    const asked = await submit(
      'vehicle.register',
      { idNumber: idNumber(), name: '他人' },
      registrationData({ plate: number }),
    );
    expect(asked.statusCode).toBe(422);
    t.clock.set('2026-11-26T09:20:00+08:00');
    const licence = await submit('vehicle.licence-reissue', first, { plate: number });
    expect(licence.statusCode).toBe(201);
    // A transfer gives A a new number; the old one is free and drawn for vehicle C.
    t.clock.set('2026-11-26T10:00:00+08:00');
    const transfer = await submit(
      'vehicle.transfer',
      { idNumber: idNumber(), name: '新车主' },
      { plate: number, invoiceNo: 'ESC-H2' },
      'clerk.market',
    );
    expect(transfer.statusCode).toBe(201);
    const dataC = registrationData({ plate: number });
    const third = { idNumber: idNumber(), name: '第三人' };
    t.clock.set('2026-11-26T11:00:00+08:00');
    const c = await submit('vehicle.register', third, dataC);
    expect(c.statusCode).toBe(201);
    t.clock.set('2026-11-26T11:10:00+08:00');
    const cLicence = await submit('vehicle.licence-reissue', third, { plate: number });
    expect(cLicence.statusCode).toBe(201);
    t.clock.set();

    expect(await historyOf(dataA.vin)).toEqual([
      a.json().id,
      licence.json().id,
      transfer.json().id,
    ]);
    expect(await historyOf(dataC.vin)).toEqual([c.json().id, cLicence.json().id]);
  });
});

describe('the applications a vehicle file lists are those the reader may open (SECURITY.md)', () => {
  it("lists a dealer's registration to the police over it, not to another dealer", async () => {
    const data = registrationData();
    const registered = await submit(
      'vehicle.register',
      { idNumber: idNumber(), name: '经销商客户' },
      data,
      'clerk.dealer',
    );
    expect(registered.statusCode).toBe(201);
    const id = registered.json().id as string;
    const otherDealer = await createUser(t.ctx.db, {
      roles: ['clerk'],
      outletCode: '520303-DL-002',
    });
    const headersOf = async (who: 'clerk.city' | 'clerk.county' | 'clerk.dealer' | 'other') =>
      who === 'other'
        ? bearer(await t.login(otherDealer.username, otherDealer.password))
        : await as(who);
    for (const [who, reads] of [
      ['clerk.dealer', true],
      // The city office's window answers for the whole city, so for the dealer's county.
      ['clerk.city', true],
      // Tongzi's county office is not over a dealer of Huichuan; another dealer is not either.
      ['clerk.county', false],
      ['other', false],
    ] as const) {
      const headers = await headersOf(who);
      const byId = await t.app.inject({ url: `/api/v1/applications/${id}`, headers });
      expect([who, byId.statusCode]).toEqual([who, reads ? 200 : 403]);
      const file = await t.app.inject({ url: `/api/v1/vehicles/${data.vin}/history`, headers });
      expect(file.statusCode).toBe(200);
      const ids = (file.json().items as { applicationId: string | null }[]).map(
        (i) => i.applicationId,
      );
      // Not listed, and the documents and changes it gave do not name it either.
      expect([who, ids.includes(id)]).toEqual([who, reads]);
    }
  });
});

async function history(vin: string) {
  const res = await t.app.inject({
    url: `/api/v1/vehicles/${vin}/history`,
    headers: await as('clerk.city'),
  });
  expect(res.statusCode).toBe(200);
  return res.json().items as Record<string, unknown>[];
}
