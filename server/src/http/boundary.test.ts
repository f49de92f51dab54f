import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createRegistry } from '../applications/registry.ts';
import { buildApp } from '../app/server.ts';
import { tempPlateHandler } from '../vehicles/temp-plate.handler.ts';
import { IMPORT_MAX_LINES } from './body.ts';

/** The classes of hostile input of the hardening issue, one example each, in the contract's shape. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const error = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error;
const APPLICANT = { idNumber: '520302199003070015', name: '张三' };

describe('the shared boundary', () => {
  it('answers a malformed URL in the contract shape', async () => {
    const res = await t.app.inject({ url: '/api/v1/outlets/%zz' });
    expect(res.statusCode).toBe(400);
    expect(error(res).code).toBe('VALIDATION_FAILED');
  });

  it('refuses a body nested 5,000 levels deep with 400, not a stack overflow', async () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...bearer(await t.login('clerk.city')), 'content-type': 'application/json' },
      payload: `{"businessType":"vehicle.licence-reissue","applicant":${JSON.stringify(APPLICANT)},"data":{"plate":"贵CA8830","x":${deep}}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(error(res).code).toBe('VALIDATION_FAILED');
  });

  it('answers 413 in the contract shape for an oversized body or import', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...bearer(await t.login('clerk.city')), 'content-type': 'application/json' },
      payload: JSON.stringify({
        businessType: 'vehicle.licence-reissue',
        pad: 'x'.repeat(300_000),
      }),
    });
    expect(big.statusCode).toBe(413);
    expect(error(big).code).toBe('PAYLOAD_TOO_LARGE');
    const lines = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/vehicles',
      headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
      payload: '{}\n'.repeat(IMPORT_MAX_LINES + 1),
    });
    expect(lines.statusCode).toBe(413);
    expect(error(lines).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an import sent as JSON 415, naming the media type it takes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/vehicles',
      headers: { ...bearer(await t.login('admin')), 'content-type': 'application/json' },
      payload: JSON.stringify([{ vin: 'LSJA24U62JG269225' }]),
    });
    expect(res.statusCode).toBe(415);
    expect(error(res).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((res.json() as { error: { message: string } }).error.message).toContain(
      'application/x-ndjson',
    );
    // The role comes first: a clerk hears 403 whatever it sends.
    const clerk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/vehicles',
      headers: { ...bearer(await t.login('clerk.city')), 'content-type': 'application/json' },
      payload: '[]',
    });
    expect(clerk.statusCode).toBe(403);
  });

  it('counts records, not blank lines, towards the most an import takes at once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/vehicles',
      headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
      payload: `${'{}\n'.repeat(IMPORT_MAX_LINES)}\n \r\n\t\n`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().rejected).toHaveLength(IMPORT_MAX_LINES);
  });

  it('verifies a 2,000-character token as not valid, without asking for a login', async () => {
    const res = await t.app.inject({ url: `/api/v1/verify/${'a'.repeat(2000)}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().valid).toBe(false);
  });

  it('checks the data before saying a business type is not built yet', async () => {
    // A registry without the temporary plate: its data is still checked first (400), and only
    // well-formed data hears that the business is not available (501).
    const app = await buildApp(t.ctx, { registry: createRegistry([]) });
    const submit = async (data: object) =>
      await app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: bearer(await t.login('clerk.dealer')),
        payload: { businessType: tempPlateHandler.type, applicant: APPLICANT, data },
      });
    try {
      const malformed = await submit({ vin: 'nope', purpose: 'unregistered', days: 0 });
      expect(malformed.statusCode).toBe(400);
      const wellFormed = await submit({
        vin: 'LSJA24U62JG269225',
        purpose: 'unregistered',
        days: 10,
        insuranceValidUntil: '2027-11-25',
      });
      expect(wellFormed.statusCode).toBe(501);
      expect(error(wellFormed).code).toBe('NOT_IMPLEMENTED');
    } finally {
      await app.close();
    }
  });
});
