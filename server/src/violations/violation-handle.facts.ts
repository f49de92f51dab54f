import type { PolicyValues } from '../catalog/policy-keys.ts';
import { readTogether } from '../db/compiled-query.ts';
import type { Tx } from '../db/database.ts';
import type { BoundSince } from './bindings-port.ts';
import { addDays } from '../platform/time.ts';
import { vehicleFactsByPlate } from '../vehicles/vehicles.service.ts';
import { loadDriver, type DriverFacts } from './driver-facts.ts';
import { FULL_SCORE_POLICY_KEYS } from './full-score-reached.ts';
import { holdOf } from './holds.repository.ts';
import type { HandleFacts } from './violation-handle.rules.ts';
import {
  codeDescription,
  handlingHistoryRead,
  lockViolation,
  type ViolationRecord,
} from './violations.repository.ts';

export const HANDLE_POLICY_KEYS = [
  'violation.substitute.max-plates',
  'violation.substitute.max-drivers',
  'violation.substitute.window-days',
  ...FULL_SCORE_POLICY_KEYS,
] as const;
export type HandlePolicy = PolicyValues<(typeof HANDLE_POLICY_KEYS)[number]>;

/** The rules' facts, with what the effects need besides. */
export type LoadedHandleFacts = HandleFacts & {
  record: ViolationRecord | null;
  /** What the record's code describes, for the result. */
  description: string | null;
  driverFacts: DriverFacts;
  ownerIdNumber: string | null;
};

/**
 * What deciding a violation handling needs (the submission, and the window's check before it):
 * the record (locked), the driver's licence and cycle, the vehicle's owner, and the substitute
 * handling of the policy's window.
 */
export async function loadHandleFacts(
  tx: Tx,
  p: {
    cityCode: string;
    /** The office's own plate prefixes: its vehicles are found without a look-up. */
    platePrefixes: readonly string[];
    violationId: string;
    driver: string;
    /** The name given for the driver; null when asked without one (the window's preview). */
    driverName: string | null;
    today: string;
    policy: HandlePolicy;
    /** A citizen's account on the internet channel, whose bindings (12123) are read with the vehicle. */
    online?: { userId: string; boundSince: BoundSince } | null;
  },
): Promise<LoadedHandleFacts> {
  // Two round trips: the record (locked), the driver's licence and cycle and standing hold, which
  // depend on nothing read; then the vehicle and the driver's history, which depend on them.
  const [record, driver, hold] = await Promise.all([
    lockViolation(tx, p.cityCode, p.violationId),
    loadDriver(tx, p.driver, p.today, p.cityCode),
    holdOf(tx, p.cityCode, p.driver),
  ]);
  const windowDays = p.policy['violation.substitute.window-days'] ?? 365;
  const [vehicle, boundAt, description, [{ substitute, lastHandledPlate }]] = await Promise.all([
    record ? vehicleFactsByPlate(tx, record.plate, p) : null,
    record && p.online
      ? p.online.boundSince(tx, {
          cityCode: p.cityCode,
          userId: p.online.userId,
          plate: record.plate,
        })
      : null,
    record ? codeDescription(tx, record.code, p.cityCode) : null,
    readTogether(tx, [
      handlingHistoryRead({
        cityCode: p.cityCode,
        driver: p.driver,
        // Without a record the rules refuse, and the substitute lists are given as empty below.
        plate: record?.plate ?? '',
        since: addDays(p.today, 1 - windowDays),
        cycleStart: driver.cycle.start,
      }),
    ]),
  ]);
  return {
    violationId: p.violationId,
    violation: record,
    record,
    description,
    driverFacts: driver,
    driver: p.driver,
    applicantName: p.driverName,
    licenceStatus: driver.status,
    licenceName: driver.licence?.name ?? null,
    pointsBefore: driver.cycle.points,
    ownsVehicle: vehicle?.ownerIdNumber === p.driver,
    online: p.online ? { boundAt } : null,
    ownerIdNumber: vehicle?.ownerIdNumber ?? null,
    lastHandledPlate,
    substitute: record ? substitute : { plates: [], drivers: [] },
    maxPlates: p.policy['violation.substitute.max-plates'],
    maxDrivers: p.policy['violation.substitute.max-drivers'],
    hold,
  };
}
