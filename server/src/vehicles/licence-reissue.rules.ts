import type { Rule } from '../applications/handler.ts';
import type { ScrapFacts } from './vehicle-business.rules.ts';
import type { LoadedVehicleFile } from './vehicle-file.ts';
import { vehicleFileRules } from './vehicle-file.rules.ts';
import {
  vehicleNotDeregistered,
  vehicleNotMovedOut,
  vehicleNotScrapDue,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

/**
 * Facts for 补领机动车行驶证 (R164 §52): the plate asked for, what the registry holds, and how
 * near the vehicle is to its scrapping age.
 */
export type LicenceReissueFacts = LoadedVehicleFile & ScrapFacts;

const file = vehicleFileRules({
  legalBasis: '机动车登记规定 第五十二条',
  doZh: '申请补领行驶证',
  doEn: 'Apply for a replacement vehicle licence',
});

export const LICENCE_REISSUE_RULES: readonly Rule<LicenceReissueFacts>[] = [
  file.inJurisdiction,
  file.registered,
  file.applicantIsOwner,
  file.applicantNameMatches,
  vehicleNotMovedOut,
  vehicleNotStolen,
  vehicleNotSeized,
  vehicleNotDeregistered,
  vehicleNotScrapDue,
];
