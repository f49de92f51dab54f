import type { VehicleFlagsResponse } from '#shared/schemas/vehicles.ts';
import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
import { audit } from '../audit/audit.service.ts';
import type { Tx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { beijingInstant } from '../platform/time.ts';
import {
  activeFlags,
  insertFlag,
  liftFlag,
  lockVehicleSubjects,
  MIGRATED_FLAG,
  type FlagRow,
} from './flags.repository.ts';
import { liftEvent, statusToRestore } from './vehicle-lifecycle.ts';
import { changeVehicle } from './vehicle-registry.ts';
import {
  requireFlagSetter,
  requireVehicleReader,
  requireVehicleReading,
} from './vehicles.policy.ts';
import { findVehicleByVin, type VehicleRecord } from './vehicles.repository.ts';

type Flag = 'seized' | 'stolen';

/** The status a set of active flags gives a vehicle: stolen outranks seized. */
const flaggedStatus = (flags: readonly Flag[]): VehicleStatus | null =>
  flags.includes('stolen') ? 'stolen' : flags.includes('seized') ? 'seized' : null;

const present = (
  v: VehicleRecord,
  status: VehicleStatus,
  flags: FlagRow[],
): VehicleFlagsResponse => ({
  vin: v.vin,
  plate: v.plate,
  status,
  flags: flags.map((f) => ({
    flag: f.flag,
    reason: f.reason,
    authority: f.authority,
    setAt: beijingInstant(f.setAt),
    setBy: f.setBy,
  })),
});

/** The vehicle, locked against business on it for the rest of the transaction. */
async function lockedVehicle(tx: Tx, actor: Actor, vin: string) {
  const found = await findVehicleByVin(tx, vin);
  if (!found) throw notFound('机动车');
  requireFlagSetter(actor, found);
  await lockVehicleSubjects(tx, found.cityCode, found.plate, found.vin);
  // Read again under the lock: a business may have changed it meanwhile.
  return (await findVehicleByVin(tx, vin))!;
}

/**
 * The active flags of a locked vehicle. A status of seized or stolen with no flag of it on
 * record (a registry record migrated as it was, from before the import wrote its flags) is first
 * recorded as the legacy registry's flag, so it can be lifted like any other, and gives back the
 * status its mortgage says.
 */
async function flagsOnRecord(tx: Tx, v: VehicleRecord, at: Date) {
  const flags = await activeFlags(tx, v.cityCode, v.vin);
  const status = v.status;
  if ((status !== 'seized' && status !== 'stolen') || flags.some((f) => f.flag === status)) {
    return flags;
  }
  await insertFlag(tx, {
    cityCode: v.cityCode,
    vehicleId: v.id,
    vin: v.vin,
    flag: status,
    ...MIGRATED_FLAG,
    statusBefore: statusToRestore(flags[0]?.statusBefore, v),
    setAt: at,
  });
  return await activeFlags(tx, v.cityCode, v.vin);
}

/** The active flags of a vehicle, for a reader allowed to see it. */
export async function flagsOf(ctx: AppContext, actor: Actor, vin: string) {
  requireVehicleReading(actor);
  const v = await findVehicleByVin(ctx.db, vin);
  if (!v) throw notFound('机动车');
  requireVehicleReader(actor, v);
  return present(v, v.status, await activeFlags(ctx.db, v.cityCode, v.vin));
}

/**
 * Sets a seizure or stolen flag (查封 / 被盗抢骗, R164 §§15, 76): every business on the vehicle is
 * refused until it is lifted. The status before the first flag is kept to give back later.
 */
export async function setFlag(
  ctx: AppContext,
  actor: Actor,
  vin: string,
  input: { flag: Flag; reason: string; authority: string },
) {
  return await ctx.db.transaction().execute(async (tx) => {
    const v = await lockedVehicle(tx, actor, vin);
    const now = ctx.clock.now();
    const flags = await flagsOnRecord(tx, v, now);
    if (flags.some((f) => f.flag === input.flag)) {
      throw new AppError(
        'CONFLICT',
        input.flag === 'seized' ? '该车辆已处于查封状态' : '该车辆已登记为被盗抢骗',
      );
    }
    if (v.status === 'deregistered') throw new AppError('CONFLICT', '该车辆已注销登记');
    const statusBefore = flags.length ? statusToRestore(flags[0]!.statusBefore, v) : v.status;
    const target = flaggedStatus([...flags.map((f) => f.flag), input.flag])!;
    await insertFlag(tx, {
      cityCode: v.cityCode,
      vehicleId: v.id,
      vin: v.vin,
      ...input,
      statusBefore,
      setBy: actor.displayName,
      setAt: now,
    });
    const status =
      target === v.status
        ? v.status
        : await changeVehicle(
            tx,
            v,
            { at: now, actor: actor.displayName, applicationId: null },
            {
              event: input.flag,
              status: { event: target === 'stolen' ? 'report-stolen' : 'seize' },
              details: { reason: input.reason, authority: input.authority },
            },
          );
    await audit(tx, actor, now, {
      action: 'vehicle.flag-set',
      entityType: 'vehicle',
      entityId: v.vin,
      details: { flag: input.flag, reason: input.reason, authority: input.authority, status },
      event: 'vehicle.flag-set',
    });
    return present(v, status, await activeFlags(tx, v.cityCode, v.vin));
  });
}

/** Lifts a flag; the vehicle takes back its earlier status once no flag remains. */
export async function removeFlag(
  ctx: AppContext,
  actor: Actor,
  vin: string,
  flag: Flag,
  note: string | null,
) {
  return await ctx.db.transaction().execute(async (tx) => {
    const v = await lockedVehicle(tx, actor, vin);
    const now = ctx.clock.now();
    const flags = await flagsOnRecord(tx, v, now);
    const lifted = flags.find((f) => f.flag === flag);
    if (!lifted) throw notFound('该标记');
    await liftFlag(tx, {
      cityCode: v.cityCode,
      vin: v.vin,
      flag,
      by: actor.displayName,
      at: now,
      note,
    });
    const remaining = flaggedStatus(flags.filter((f) => f.flag !== flag).map((f) => f.flag));
    // A seizure lifted while the vehicle is still reported stolen is recorded, and it stays stopped.
    const transition = liftEvent(v.status, remaining, statusToRestore(lifted.statusBefore, v));
    const status = await changeVehicle(
      tx,
      v,
      { at: now, actor: actor.displayName, applicationId: null },
      {
        event: flag === 'stolen' ? 'recovered' : 'seizure-lifted',
        ...(transition ? { status: transition } : {}),
        details: { note },
      },
    );
    await audit(tx, actor, now, {
      action: 'vehicle.flag-lifted',
      entityType: 'vehicle',
      entityId: v.vin,
      details: { flag, note, status },
      event: 'vehicle.flag-lifted',
    });
    return present(v, status, await activeFlags(tx, v.cityCode, v.vin));
  });
}
