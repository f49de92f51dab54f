import { PlateLookup } from '../PlateLookup.tsx';
import { text, type BusinessForm } from './definition.ts';

/** The business types whose data is the plate alone: reissues of a vehicle's papers. */
type PlateBusiness = 'vehicle.licence-reissue' | 'vehicle.plate-reissue';

/** The form of a business whose data is the plate, looked up in the registry. */
export const plateBusiness = (type: PlateBusiness): BusinessForm<PlateBusiness> => ({
  type,
  Fields: PlateLookup,
  toData: (values) => ({ plate: text(values.plate) }),
  fieldPaths: ['plate'],
});
