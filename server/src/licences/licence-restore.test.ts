import { describe, expect, it } from 'vitest';
import { restorationOf } from './licence-restore.ts';

// Valid until 2025-06-01: renewable until 2026-06-01, cancelled from 2026-06-02 (R162 §79(八)),
// restorable by subject 1 until 2028-06-01 (§79 第三款).
const lapsed = { status: 'valid' as const, validUntil: '2025-06-01', classes: ['C1' as const] };

describe('restoring a licence cancelled for being over a year overdue (R162 §79 第三款)', () => {
  it('restores within two years of the cancellation, not before it nor after them', () => {
    expect(restorationOf(lapsed, 'C1', '2026-06-01')).toBeNull(); // expired, still renewable
    expect(restorationOf(lapsed, 'C1', '2026-06-02')).toBe('in-time');
    expect(restorationOf(lapsed, 'C1', '2028-06-01')).toBe('in-time');
    expect(restorationOf(lapsed, 'C1', '2028-06-02')).toBe('too-late');
  });

  it('restores only the classes the licence permits, and only a cancellation for being overdue', () => {
    expect(restorationOf(lapsed, 'C2', '2027-01-01')).toBe('in-time'); // C1 permits C2
    expect(restorationOf(lapsed, 'B1', '2027-01-01')).toBeNull();
    expect(restorationOf({ ...lapsed, status: 'cancelled' }, 'C1', '2027-01-01')).toBeNull();
    expect(restorationOf({ ...lapsed, validUntil: null }, 'C1', '2027-01-01')).toBeNull();
    expect(restorationOf(null, 'C1', '2027-01-01')).toBeNull();
  });
});
