import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { NewVehicleRow } from '../db/types.ts';

export interface VehicleRecord {
  id: string;
  vin: string;
  plate: string | null;
  vehicleType: string;
  useNature: string;
  seats: number | null;
  brand: string | null;
  model: string | null;
  status: string;
  owner: { idNumber: string; name: string; phone: string | null };
  mortgage: { mortgageeOrgCode: string; contractNo: string; registeredOn: string } | null;
  inspectionValidUntil: string | null;
  registeredOn: string | null;
  manufacturedOn: string | null;
  cityCode: string;
  countyCode: string;
}

function selectVehicles(db: DbOrTx) {
  return db
    .selectFrom('vehicles as v')
    .leftJoin('mortgages as m', (j) =>
      j.onRef('m.vehicle_id', '=', 'v.id').on('m.released_on', 'is', null),
    )
    .select([
      'v.id',
      'v.vin',
      'v.plate',
      'v.vehicle_type',
      'v.use_nature',
      'v.seats',
      'v.brand',
      'v.model',
      'v.status',
      'v.owner_id_number',
      'v.owner_name',
      'v.owner_phone',
      'v.inspection_valid_until',
      'v.registered_on',
      'v.manufactured_on',
      'v.city_code',
      'v.county_code',
      'm.mortgagee_org_code',
      'm.contract_no',
      'm.registered_on as mortgage_registered_on',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectVehicles>['executeTakeFirstOrThrow']>>;

const toRecord = (r: Row): VehicleRecord => ({
  id: r.id,
  vin: r.vin,
  plate: r.plate,
  vehicleType: r.vehicle_type,
  useNature: r.use_nature,
  seats: r.seats,
  brand: r.brand,
  model: r.model,
  status: r.status,
  owner: { idNumber: r.owner_id_number, name: r.owner_name, phone: r.owner_phone },
  mortgage:
    r.mortgagee_org_code && r.contract_no && r.mortgage_registered_on
      ? {
          mortgageeOrgCode: r.mortgagee_org_code,
          contractNo: r.contract_no,
          registeredOn: r.mortgage_registered_on,
        }
      : null,
  inspectionValidUntil: r.inspection_valid_until,
  registeredOn: r.registered_on,
  manufacturedOn: r.manufactured_on,
  cityCode: r.city_code,
  countyCode: r.county_code,
});

export async function findVehicleByPlate(db: DbOrTx, plate: string) {
  const row = await selectVehicles(db).where('v.plate', '=', plate).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function findVehicleByVin(db: DbOrTx, vin: string) {
  const row = await selectVehicles(db).where('v.vin', '=', vin).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function tempPlateHistory(tx: Tx, vin: string, purpose: 'unregistered' | 'export') {
  const row = await tx
    .selectFrom('temp_plates')
    .select([
      sql<number>`count(*)::int`.as('issued'),
      sql<string | null>`max(valid_until)`.as('latest_until'),
    ])
    .where('vin', '=', vin)
    .where('purpose', '=', purpose)
    .executeTakeFirstOrThrow();
  return { issued: row.issued, latestUntil: row.latest_until };
}

/** Records a temporary plate; its number is the prefix and the next serial, in one statement. */
export async function insertTempPlate(
  tx: Tx,
  t: {
    vin: string;
    platePrefix: string;
    purpose: 'unregistered' | 'export';
    validFrom: string;
    validUntil: string;
    applicationId: string;
    outletCode: string;
    issuedAt: Date;
  },
): Promise<string> {
  const row = await tx
    .insertInto('temp_plates')
    .values({
      vin: t.vin,
      plate: sql<string>`${t.platePrefix} || nextval('temp_plate_serial')`,
      purpose: t.purpose,
      valid_from: t.validFrom,
      valid_until: t.validUntil,
      application_id: t.applicationId,
      outlet_code: t.outletCode,
      issued_at: t.issuedAt,
    })
    .returning('plate')
    .executeTakeFirstOrThrow();
  return row.plate;
}

/**
 * Inserts imported vehicles and their mortgages; rows whose VIN or plate already exists (or
 * repeats within the batch) are skipped. Returns the VINs that went in.
 */
export async function insertVehicles(
  tx: Tx,
  items: {
    row: NewVehicleRow;
    mortgage: { mortgageeOrgCode: string; contractNo: string; registeredOn: string } | null;
  }[],
): Promise<Set<string>> {
  if (!items.length) return new Set();
  const rows = await tx
    .insertInto('vehicles')
    .values(items.map((i) => i.row))
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'vin'])
    .execute();
  const idByVin = new Map(rows.map((r) => [r.vin, r.id]));
  const mortgages = items.flatMap((i) => {
    const id = idByVin.get(i.row.vin);
    return id && i.mortgage
      ? [
          {
            vehicle_id: id,
            mortgagee_org_code: i.mortgage.mortgageeOrgCode,
            contract_no: i.mortgage.contractNo,
            registered_on: i.mortgage.registeredOn,
          },
        ]
      : [];
  });
  if (mortgages.length) await tx.insertInto('mortgages').values(mortgages).execute();
  return new Set(idByVin.keys());
}
