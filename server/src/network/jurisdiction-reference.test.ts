import { describe, expect, it } from 'vitest';
import { referenceCities, referenceJurisdiction } from './jurisdiction-reference.ts';

describe('jurisdiction reference data', () => {
  it('holds well-formed cities whose counties, organisations and seat belong to them', () => {
    expect(referenceCities()).toEqual(expect.arrayContaining(['520100', '520300']));
    for (const city of referenceCities()) {
      const ref = referenceJurisdiction(city);
      const prefix = city.slice(0, 4);
      expect(ref.counties.every((c) => c.code.startsWith(prefix))).toBe(true);
      expect(ref.counties.map((c) => c.code)).toContain(ref.jurisdiction.seatCountyCode);
      const brigades = ref.organisations.filter((o) => o.kind === 'brigade');
      expect(brigades).toHaveLength(ref.counties.length);
      expect(ref.jurisdiction.platePrefixes[0]?.startsWith(ref.jurisdiction.provinceAbbr)).toBe(
        true,
      );
    }
  });

  it('names the cities it has when asked for one it has not', () => {
    expect(() => referenceJurisdiction('110100')).toThrow(/520100, 520300/);
  });
});
