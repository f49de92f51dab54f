import { describe, expect, it } from 'vitest';
import { effectiveLicenceStatus } from '#shared/licences.ts';
import { buildDemoLicences } from './demo-drivers.ts';

describe('the demo drivers', () => {
  const licences = buildDemoLicences();

  it('hold licences in force through the demo’s year (none expired, none cancelled)', () => {
    expect(licences.length).toBeGreaterThan(0);
    for (const l of licences) {
      expect(effectiveLicenceStatus(l.status, l.validUntil, '2026-12-31'), l.idNumber).toBe(
        'valid',
      );
    }
  });

  it('give the README story’s 敖先生, licensed in 2005, a long-term licence (R162 §62)', () => {
    expect(licences[0]).toMatchObject({
      idNumber: '520302198505120110',
      name: '敖先生',
      firstIssuedOn: '2005-01-01',
      validityTerm: 'long-term',
      validUntil: null,
    });
  });
});
