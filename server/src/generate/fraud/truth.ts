/**
 * What the fraud generator writes: one NDJSON file per CONTRACT.md import, and the ground truth
 * the evaluation scores findings against. Record shapes are the imports' own (shared schemas);
 * `violation-handlings` is written to CONTRACT.md Part 2 field for field.
 */
import type { ViolationHandlingImport } from '#shared/schemas/antifraud.ts';
import type { LicenceImport } from '#shared/schemas/licences.ts';
import type { HistoryImport } from '#shared/schemas/supervision.ts';
import type { VehicleImport } from '#shared/schemas/vehicles.ts';
import type { ViolationImport } from '#shared/schemas/violations.ts';

export type Channel = HistoryImport['channel'];

/** One line of `POST /imports/violation-handlings` (CONTRACT.md Part 2). */
export type HandlingLine = ViolationHandlingImport;

export interface FraudDataset {
  licences: LicenceImport[];
  vehicles: VehicleImport[];
  violations: ViolationImport[];
  'violation-handlings': HandlingLine[];
  'applications-history': HistoryImport[];
}

/** The imports in the order they must be sent (parents first). */
export const IMPORT_ORDER = [
  'licences',
  'vehicles',
  'violations',
  'violation-handlings',
  'applications-history',
] as const satisfies readonly (keyof FraudDataset)[];

export const RING_KINDS = ['point-trading', 'illegal-agent', 'insider-collusion'] as const;
export type RingKind = (typeof RING_KINDS)[number];

export const NEGATIVE_KINDS = [
  'family',
  'fleet',
  'dealer',
  'registration-station',
  'driving-school',
  'busy-clerk',
  'night-shift',
] as const;
export type NegativeKind = (typeof NEGATIVE_KINDS)[number];

/**
 * A planted ring. `people` and `staff` are its core (the point sellers of a point-trading ring;
 * the agent identities of an illegal agent; the staff member and the agent's identities of an
 * insider collusion); `associates` are its counterparties (the owners who bought points, the
 * applicants an agent served): a finding that lists them is not wrong, one that misses them is
 * not incomplete.
 */
export interface PlantedRing {
  id: string;
  kind: RingKind;
  people: string[];
  staff: string[];
  associates: string[];
  phones: string[];
  devices: string[];
  plates: string[];
  /** Every member stays within the national caps (≤ 3 non-own vehicles a licence, ≤ 3 licences a vehicle). */
  underCaps: boolean;
  note: string;
}

/** An ordinary pattern of life that must not be flagged: its people and staff are all honest. */
export interface NegativeGroup {
  id: string;
  kind: NegativeKind;
  people: string[];
  staff: string[];
  note: string;
}

export interface GroundTruth {
  seed: number;
  size: string;
  period: { from: string; to: string };
  rings: PlantedRing[];
  negatives: NegativeGroup[];
}
