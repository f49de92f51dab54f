import { describe, expect, it } from 'vitest';
import { OUTLET_CATEGORIES, POLICE_CATEGORIES } from './catalog.ts';
import { TEMP_PLATE_PURPOSES } from './schemas/applications.ts';
import { tempPlatePurposesAt } from './temp-plates.ts';

describe('the temporary-plate purposes an outlet may issue', () => {
  it("offers a dealer's station only the plates of its new cars: unregistered and export", () => {
    expect(tempPlatePurposesAt('dealer')).toEqual(['unregistered', 'export']);
  });

  it('offers a police window every purpose', () => {
    for (const category of POLICE_CATEGORIES) {
      expect(tempPlatePurposesAt(category), category).toEqual(TEMP_PLATE_PURPOSES);
    }
  });

  it('limits every other (social) outlet as a dealer is limited', () => {
    for (const category of OUTLET_CATEGORIES.filter((c) => !POLICE_CATEGORIES.includes(c))) {
      expect(tempPlatePurposesAt(category), category).toEqual(['unregistered', 'export']);
    }
  });
});
