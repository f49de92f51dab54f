import type { BusinessForm } from './definition.ts';
import { licenceReissue } from './vehicle.licence-reissue.ts';
import { plateReissue } from './vehicle.plate-reissue.tsx';
import { tempPlate } from './vehicle.temp-plate.tsx';

/** The business types the workstation has a form for, by business type code. */
export const BUSINESS_FORMS: ReadonlyMap<string, BusinessForm> = new Map(
  [licenceReissue, plateReissue, tempPlate].map((form: BusinessForm) => [form.type, form]),
);

export type { BusinessForm, DataValues, EventForm } from './definition.ts';
