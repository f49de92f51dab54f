import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';

export interface FlagRow {
  flag: 'seized' | 'stolen';
  reason: string;
  authority: string;
  statusBefore: string;
  setBy: string;
  setAt: Date;
}

/**
 * A flag the legacy registry had set on a record migrated here: who set it and why were not
 * migrated with it, so the record says where it came from.
 */
export const MIGRATED_FLAG = {
  reason:
    '迁入时原机动车登记系统已记录该状态 / status recorded by the legacy registry at migration',
  authority: '原机动车登记系统',
  setBy: '数据迁移',
} as const;

/** The active (not lifted) flags of a vehicle, oldest first. */
export async function activeFlags(db: DbOrTx, cityCode: string, vin: string): Promise<FlagRow[]> {
  const rows = await db
    .selectFrom('vehicle_flags')
    .select(['flag', 'reason', 'authority', 'status_before', 'set_by', 'set_at'])
    .where('city_code', '=', cityCode)
    .where('vin', '=', vin)
    .where('lifted_at', 'is', null)
    .orderBy('set_at')
    .execute();
  return rows.map((r) => ({
    flag: r.flag,
    reason: r.reason,
    authority: r.authority,
    statusBefore: r.status_before,
    setBy: r.set_by,
    setAt: r.set_at,
  }));
}

export async function insertFlag(
  tx: Tx,
  f: {
    cityCode: string;
    vehicleId: string;
    vin: string;
    flag: 'seized' | 'stolen';
    reason: string;
    authority: string;
    statusBefore: string;
    setBy: string;
    setAt: Date;
  },
) {
  await tx
    .insertInto('vehicle_flags')
    .values({
      city_code: f.cityCode,
      vehicle_id: f.vehicleId,
      vin: f.vin,
      flag: f.flag,
      reason: f.reason,
      authority: f.authority,
      status_before: f.statusBefore,
      set_by: f.setBy,
      set_at: f.setAt,
    })
    .execute();
}

/** Lifts the active flag of a kind; false when there was none. */
export async function liftFlag(
  tx: Tx,
  f: {
    cityCode: string;
    vin: string;
    flag: 'seized' | 'stolen';
    by: string;
    at: Date;
    note: string | null;
  },
) {
  const rows = await tx
    .updateTable('vehicle_flags')
    .set({ lifted_by: f.by, lifted_at: f.at, lift_note: f.note })
    .where('city_code', '=', f.cityCode)
    .where('vin', '=', f.vin)
    .where('flag', '=', f.flag)
    .where('lifted_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length > 0;
}

/**
 * Serialises a flag change with the business on the same vehicle: the pipeline locks a
 * business's subject as `<city>:plate:<plate>` or `<city>:vin:<vin>` (applications/step.ts), and
 * so does this, plate first, so a handler never decides on a status that a flag is changing.
 */
export async function lockVehicleSubjects(
  tx: Tx,
  cityCode: string,
  plate: string | null,
  vin: string,
) {
  for (const key of [...(plate ? [`${cityCode}:plate:${plate}`] : []), `${cityCode}:vin:${vin}`]) {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
  }
}
