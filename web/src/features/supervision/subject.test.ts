import { describe, expect, it } from 'vitest';
import { subjectId } from './subject.ts';

describe("an alert's subject", () => {
  it('shows a vehicle’s plate as printed, as the papers and the vehicle file do', () => {
    expect(subjectId({ kind: 'vehicle', id: '贵CA0007' })).toBe('贵C·A0007');
  });

  it('leaves a VIN and other subjects as they are', () => {
    expect(subjectId({ kind: 'vehicle', id: 'LSVAU2180N2183294' })).toBe('LSVAU2180N2183294');
    expect(subjectId({ kind: 'outlet', id: '520302-CO-001' })).toBe('520302-CO-001');
  });
});
