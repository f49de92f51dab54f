import { POLICE_CATEGORIES, type OutletCategory } from './catalog.ts';
import { TEMP_PLATE_PURPOSES, type TempPlatePurpose } from './schemas/applications.ts';

/**
 * The purposes a social outlet (a dealer's service station) issues: the temporary plates of the
 * new cars it sells (R164 §46(1)–(3)), which is what the office delegated to its 31 dealers. Every
 * other purpose needs the office's own checks (a registered vehicle's file, a test approval, an
 * oversize vehicle's refusal of registration). The server refuses the others there
 * (`OUTLET_SCOPE_EXCEEDED`); the window's form offers only these.
 */
export const SOCIAL_OUTLET_PURPOSES: readonly TempPlatePurpose[] = ['unregistered', 'export'];

/** The temporary-plate purposes an outlet of this category may issue: a police window, any. */
export function tempPlatePurposesAt(category: OutletCategory): readonly TempPlatePurpose[] {
  return POLICE_CATEGORIES.includes(category) ? TEMP_PLATE_PURPOSES : SOCIAL_OUTLET_PURPOSES;
}
