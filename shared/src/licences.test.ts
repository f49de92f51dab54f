import { describe, expect, it } from 'vitest';
import { addYears, ageOn } from './dates.ts';
import {
  classesAtAge,
  effectiveLicenceStatus,
  lapsedOn,
  nextLicenceStatus,
  nextValidityTerm,
  permittedClasses,
} from './licences.ts';

describe('licence classes (R162 附件1)', () => {
  it('derives what a class also permits', () => {
    expect(permittedClasses(['C1'])).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(permittedClasses(['A1'])).toEqual(['A1', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'M']);
    expect(permittedClasses(['A2'])).toContain('C6');
    expect(permittedClasses(['D'])).toEqual(['D', 'E', 'F']);
  });

  it('drops the large classes at 63 for a small car, keeping C6 for A2 (R172)', () => {
    expect(classesAtAge(['A1'], 62)).toEqual({ classes: ['A1'], dropped: [], added: [] });
    expect(classesAtAge(['A1'], 63)).toEqual({ classes: ['C1'], dropped: ['A1'], added: ['C1'] });
    expect(classesAtAge(['A2', 'D'], 63)).toEqual({
      classes: ['C1', 'C6', 'D'],
      dropped: ['A2'],
      added: ['C1', 'C6'],
    });
    expect(classesAtAge(['B2', 'C1'], 65).classes).toEqual(['C1']);
    // An extension granted before 63 keeps the class (at most 3 years).
    expect(classesAtAge(['B1'], 64, ['B1']).classes).toEqual(['B1']);
  });

  it('drops C3/C4/C6/D/E at 70, a motorcycle holder keeping F; C1/C2/C5/F have no cap', () => {
    expect(classesAtAge(['C1', 'C6'], 70).classes).toEqual(['C1']);
    expect(classesAtAge(['E'], 70)).toEqual({ classes: ['F'], dropped: ['E'], added: ['F'] });
    expect(classesAtAge(['C1', 'C2', 'C5', 'F'], 85).dropped).toEqual([]);
    expect(classesAtAge(['A2'], 71).classes).toEqual(['C1']);
  });
});

describe('licence status and validity', () => {
  it('moves statuses only along the lifecycle', () => {
    expect(nextLicenceStatus('valid', 'reach-full-score')).toBe('full-score');
    expect(nextLicenceStatus('revoked', 'release-full-score')).toBeNull();
    expect(nextLicenceStatus('cancelled', 'restore')).toBe('valid');
  });

  it('issues a cancelled or revoked licence anew after a first application, and only those', () => {
    expect(nextLicenceStatus('cancelled', 'issue-anew')).toBe('valid');
    // After a revocation's bar (R162 §15) the person applies as a first applicant.
    expect(nextLicenceStatus('revoked', 'issue-anew')).toBe('valid');
    for (const held of ['valid', 'full-score', 'suspended'] as const) {
      expect(nextLicenceStatus(held, 'issue-anew')).toBeNull();
    }
    expect(nextLicenceStatus('cancelled', 'add-class')).toBeNull();
  });

  it('reads a valid licence past its last day as expired; long-term never expires', () => {
    expect(effectiveLicenceStatus('valid', '2026-11-25', '2026-11-26')).toBe('expired');
    expect(effectiveLicenceStatus('valid', '2026-11-26', '2026-11-26')).toBe('valid');
    expect(effectiveLicenceStatus('valid', null, '2090-01-01')).toBe('valid');
    expect(effectiveLicenceStatus('suspended', '2020-01-01', '2026-11-26')).toBe('suspended');
  });

  it('goes 6 → 10 years → long-term without a full-score cycle (R162 §62)', () => {
    expect(nextValidityTerm('6y', false)).toBe('10y');
    expect(nextValidityTerm('10y', false)).toBe('long-term');
    expect(nextValidityTerm('6y', true)).toBe('6y');
  });

  it('counts ages and years on calendar days', () => {
    expect(ageOn('1963-11-27', '2026-11-26')).toBe(62);
    expect(ageOn('1963-11-26', '2026-11-26')).toBe(63);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(18);
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});

describe('a licence’s status on a day (R162 §79 第一款第八项)', () => {
  it('reads a valid licence as expired after its last day, cancelled a year after that', () => {
    expect(effectiveLicenceStatus('valid', '2025-11-26', '2025-11-26')).toBe('valid');
    expect(effectiveLicenceStatus('valid', '2025-11-26', '2025-11-27')).toBe('expired');
    // The last day of renewal is a year after the validity; the day after, it is cancelled.
    expect(effectiveLicenceStatus('valid', '2025-11-26', '2026-11-26')).toBe('expired');
    expect(effectiveLicenceStatus('valid', '2025-11-26', '2026-11-27')).toBe('cancelled');
    expect(effectiveLicenceStatus('valid', '2021-01-01', '2026-12-07')).toBe('cancelled');
  });

  it('never lapses a long-term licence, and keeps what the registry stored', () => {
    expect(effectiveLicenceStatus('valid', null, '2090-01-01')).toBe('valid');
    expect(lapsedOn(null, '2090-01-01')).toBe(false);
    expect(effectiveLicenceStatus('suspended', '2020-01-01', '2026-11-26')).toBe('suspended');
    expect(effectiveLicenceStatus('revoked', '2020-01-01', '2026-11-26')).toBe('revoked');
  });
});
