import type { BusinessTypeCode, OutletCategory } from '#shared/catalog.ts';
import { BUSINESS_TYPE_CODES, isMeasure } from '#shared/catalog.ts';

const ALL = BUSINESS_TYPE_CODES;
/** Measures of anti-fraud cases are the detachment's: only the city office takes them. */
const BUSINESS = ALL.filter((t) => !isMeasure(t));
const POLICE_WINDOW = BUSINESS.filter((t) => t !== 'vehicle.register');

/**
 * Who may accept what when an installation starts, as the Zunyi reform delegated it: offices
 * everything; police windows vehicle, licence and violation business (registration needs an
 * inspection lane); dealers temporary plates and new-car registration; used-car markets
 * transfers; banks and finance firms mortgages; post reissues, marks and renewals; hospitals
 * renewals that need a medical certificate; banks and the internet take fines; learners book
 * their exams online (12123 考试预约). Administrators change it from there.
 */
export const DEFAULT_CATEGORY_GRANTS: Record<OutletCategory, readonly BusinessTypeCode[]> = {
  'city-office': ALL,
  'branch-office': BUSINESS,
  'county-office': BUSINESS,
  'service-centre': POLICE_WINDOW,
  'police-window': POLICE_WINDOW,
  dealer: ['vehicle.temp-plate', 'vehicle.register'],
  'used-car-market': ['vehicle.transfer'],
  'registration-station': ['vehicle.register', 'vehicle.temp-plate'],
  'inspection-station': ['vehicle.inspection-mark'],
  bank: ['vehicle.mortgage', 'vehicle.mortgage-release', 'fine.pay'],
  insurer: ['vehicle.inspection-mark', 'vehicle.licence-reissue'],
  post: [
    'vehicle.licence-reissue',
    'vehicle.certificate-reissue',
    'vehicle.inspection-mark',
    'licence.renew',
    'licence.reissue',
  ],
  hospital: ['licence.renew'],
  'exam-site': [],
  internet: [
    'vehicle.licence-reissue',
    'vehicle.inspection-mark',
    'licence.renew',
    'licence.reissue',
    'violation.handle',
    'points.reduce',
    'fine.pay',
    'exam.book',
  ],
};
