/**
 * Types of the Zunyi demo network: the network area's input shapes. Re-exported by
 * `zunyi-network.ts`, which is the module to import.
 */
import type { OutletCategory } from '#shared/catalog.ts';
import type { NetworkInput, OpeningHours } from '../network/network.schema.ts';

export type { OutletCategory, OpeningHours };
export type DemoOrganisation = NetworkInput['organisations'][number];
export type DemoOutlet = NetworkInput['outlets'][number];
/** 警企 / 警银 / 警保 / 警邮 / 警医 */
export type AgreementKind = NetworkInput['agreements'][number]['kind'];
/**
 * `signedOn` is the first signature (2018-10..2019-06); `validFrom`/`validUntil` is the term in
 * force now: terms run three years and are renewed, the current one reaching at least 2027-12-31.
 */
export type DemoAgreement = NetworkInput['agreements'][number];
export type DemoNetwork = Pick<NetworkInput, 'organisations' | 'outlets' | 'agreements'>;
