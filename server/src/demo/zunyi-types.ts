/**
 * Types of the Zunyi demo network. Re-exported by `zunyi-network.ts`, which is the module to import.
 */

export type OutletCategory =
  | 'city-office'
  | 'branch-office'
  | 'county-office'
  | 'service-centre'
  | 'police-window'
  | 'dealer'
  | 'used-car-market'
  | 'registration-station'
  | 'inspection-station'
  | 'bank'
  | 'insurer'
  | 'post'
  | 'hospital'
  | 'exam-site'
  | 'internet';
/** 警企 / 警银 / 警保 / 警邮 / 警医 */
export type AgreementKind = 'enterprise' | 'bank' | 'insurance' | 'post' | 'hospital';
export interface DemoOrganisation {
  code: string;
  name: string;
  kind: 'detachment' | 'brigade';
  countyCode: string | null;
  parentCode: string | null;
}
/** Times are 'HH:MM'. */
export interface OpeningHours {
  weekdays: { open: string; close: string }[];
  saturday: { open: string; close: string }[];
  sunday: { open: string; close: string }[];
  holidays: boolean;
  extendedUntil?: string;
}
export interface DemoOutlet {
  code: string;
  name: string;
  category: OutletCategory;
  parentCode: string | null;
  countyCode: string;
  address: string;
  phone: string;
  organisationCode: string;
  hours: OpeningHours;
  /** e.g. '警医邮' '警银联动' '汽车金融公司' */
  kindLabel?: string;
}
/**
 * `signedOn` is the first signature (2018-10..2019-06); `validFrom`/`validUntil` is the term in
 * force now: terms run three years and are renewed, the current one reaching at least 2027-12-31.
 */
export interface DemoAgreement {
  code: string;
  partnerName: string;
  kind: AgreementKind;
  signedOn: string;
  validFrom: string;
  validUntil: string;
  businessTypes: string[];
  outletCodes: string[];
}
export interface DemoNetwork {
  organisations: DemoOrganisation[];
  outlets: DemoOutlet[];
  agreements: DemoAgreement[];
}
