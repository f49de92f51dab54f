import { describe, expect, it } from 'vitest';
import { lapsedOn, licenceStatusOn } from './licence-status.ts';

describe('a licence’s status on a day (R162 §79 第一款第八项)', () => {
  it('reads a valid licence as expired after its last day, cancelled a year after that', () => {
    expect(licenceStatusOn('valid', '2025-11-26', '2025-11-26')).toBe('valid');
    expect(licenceStatusOn('valid', '2025-11-26', '2025-11-27')).toBe('expired');
    // The last day of renewal is a year after the validity; the day after, it is cancelled.
    expect(licenceStatusOn('valid', '2025-11-26', '2026-11-26')).toBe('expired');
    expect(licenceStatusOn('valid', '2025-11-26', '2026-11-27')).toBe('cancelled');
    expect(licenceStatusOn('valid', '2021-01-01', '2026-12-07')).toBe('cancelled');
  });

  it('never lapses a long-term licence, and keeps what the registry stored', () => {
    expect(licenceStatusOn('valid', null, '2090-01-01')).toBe('valid');
    expect(lapsedOn(null, '2090-01-01')).toBe(false);
    expect(licenceStatusOn('suspended', '2020-01-01', '2026-11-26')).toBe('suspended');
    expect(licenceStatusOn('revoked', '2020-01-01', '2026-11-26')).toBe('revoked');
  });
});
