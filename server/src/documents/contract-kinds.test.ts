import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import {
  createLicence,
  createVehicle,
  idNumber,
  registrationData,
  vin,
} from '../../../test/support/factories.ts';
import { CONTRACT_DOCUMENT_KINDS } from '../../../test/support/responses.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
const { as, submit } = businessClient(() => t);

const BANK = '520302-BK-001';

type Answer = { statusCode: number; json(): Record<string, unknown>; body: string };
type Document = { kind: string; number: string; verifyToken: string };

const get = async (url: string, user = 'clerk.city') =>
  (await t.app.inject({ url, headers: await as(user) })).json();

/**
 * Every document an answer shows (its result's, and its refusal notice's token), as answered and
 * as read again by id: each of a kind of the contract, and so is what its token verifies as.
 */
async function expectContractKinds(name: string, res: Answer) {
  expect([201, 422], `${name}: ${res.body}`).toContain(res.statusCode);
  const body = res.json() as { id: string; result?: { documents?: Document[] } };
  const again = (await get(`/api/v1/applications/${body.id}`)) as typeof body;
  const tokens: string[] = [];
  for (const answer of [body, again]) {
    for (const d of answer.result?.documents ?? []) {
      expect(CONTRACT_DOCUMENT_KINDS, `${name}: ${d.number}`).toContain(d.kind);
      tokens.push(d.verifyToken);
    }
    const refusal = (answer as { refusal?: { verifyToken: string } }).refusal;
    if (refusal) tokens.push(refusal.verifyToken);
  }
  for (const token of tokens) {
    const verified = (await t.app.inject({ url: `/api/v1/verify/${token}` })).json();
    expect(verified.valid, name).toBe(true);
    expect(CONTRACT_DOCUMENT_KINDS, `${name}: ${verified.number}`).toContain(verified.kind);
  }
  return body;
}

describe('every document the API shows is of a kind of the contract (CONTRACT.md)', () => {
  it('in the results, read again by id, verified, and in the vehicle and driver files', async () => {
    const owner = { idNumber: idNumber(), name: '李四' };
    const buyer = { idNumber: idNumber(), name: '王五' };
    const check = async (name: string, res: Answer) => await expectContractKinds(name, res);

    const registered = await check(
      'vehicle.register',
      await submit('vehicle.register', owner, registrationData()),
    );
    const { plate, vin: registeredVin } = registered.result as { plate: string; vin: string };
    await check(
      'vehicle.register (lane)',
      await submit('vehicle.register', owner, registrationData({ lane: true })),
    );
    await check(
      'vehicle.temp-plate',
      await submit(
        'vehicle.temp-plate',
        owner,
        { vin: vin(), purpose: 'unregistered', days: 30, insuranceValidUntil: '2027-11-25' },
        'clerk.dealer',
      ),
    );
    await check(
      'vehicle.licence-reissue',
      await submit('vehicle.licence-reissue', owner, { plate }),
    );
    await check(
      'vehicle.certificate-reissue',
      await submit('vehicle.certificate-reissue', owner, { plate }),
    );
    const mortgage = { plate, mortgageeOrgCode: BANK, contractNo: 'DY2026-K01' };
    const mortgaged = await check(
      'vehicle.mortgage',
      await submit('vehicle.mortgage', owner, mortgage, 'clerk.bank'),
    );
    expect((mortgaged.result as { documents: Document[] }).documents).toEqual([
      expect.objectContaining({ kind: 'registration-certificate' }),
    ]);
    await check(
      'vehicle.mortgage (refused)',
      await submit('vehicle.mortgage', owner, mortgage, 'clerk.bank'),
    );
    const transferred = await check(
      'vehicle.transfer (mortgage carried)',
      await submit(
        'vehicle.transfer',
        buyer,
        {
          plate,
          invoiceNo: 'ESC2026K01',
          mortgageeOrgCode: BANK,
          mortgageeRepresentative: { idNumber: idNumber(), name: '抵押权人代表' },
          contractNo: 'DY2026-K02',
        },
        'clerk.market',
      ),
    );
    // The mortgage registered anew is endorsed on the certificate, which the result carries.
    expect((transferred.result as { documents: Document[] }).documents.map((d) => d.kind)).toEqual([
      'vehicle-licence',
      'plate',
      'inspection-mark',
      'registration-certificate',
    ]);
    const newPlate = (transferred.result as { plate: string }).plate;
    await check(
      'vehicle.mortgage-release',
      await submit(
        'vehicle.mortgage-release',
        buyer,
        { plate: newPlate, contractNo: 'DY2026-K02' },
        'clerk.bank',
      ),
    );
    await check(
      'vehicle.plate-reissue',
      await submit('vehicle.plate-reissue', buyer, { plate: newPlate }),
    );

    const scrapped = await createVehicle(t.ctx.db, { status: 'scrap-due' });
    await check(
      'vehicle.deregister',
      await submit(
        'vehicle.deregister',
        { idNumber: scrapped.ownerIdNumber, name: scrapped.ownerName },
        { plate: scrapped.plate, reason: 'scrapped' },
      ),
    );

    const candidate = { idNumber: idNumber('520302', '20000101'), name: '考生' };
    const certificate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/medical-certificates',
      headers: await as('clerk.hospital'),
      payload: { ...candidate, examinedOn: '2026-11-26', conclusion: 'fit' },
    });
    await check(
      'licence.apply',
      await submit('licence.apply', candidate, {
        class: 'C1',
        medicalCertificateNo: certificate.json().certificateNo,
      }),
    );

    const holder = await createLicence(t.ctx.db);
    await check(
      'licence.reissue',
      await submit('licence.reissue', { idNumber: holder.idNumber, name: holder.name }, {}),
    );

    // The files: every document entry, issued or voided, is of a kind of the contract.
    for (const url of [
      `/api/v1/vehicles/${registeredVin}/history`,
      `/api/v1/vehicles/${scrapped.vin}/history`,
      `/api/v1/licences/${holder.idNumber}/history`,
    ]) {
      const file = await get(url);
      expect(file.items, `${url}: ${JSON.stringify(file)}`).toBeDefined();
      const { items } = file as { items: { kind: string; documentKind: string }[] };
      const documents = items.filter((i) => i.kind === 'document');
      expect(documents.length, url).toBeGreaterThan(0);
      for (const i of documents) expect(CONTRACT_DOCUMENT_KINDS, url).toContain(i.documentKind);
    }
  });
});
