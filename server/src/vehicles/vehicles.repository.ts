import { sql, type Expression, type Kysely, type Updateable } from 'kysely';
import type { VEHICLE_FLAGS, VehicleStatus } from '#shared/schemas/vehicles.ts';
import { compiledQuery, writtenBehind } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { valuesAhead } from '../db/sequence-reserve.ts';
import { MIGRATED_FLAG } from './flags.repository.ts';
import { statusToRestore } from './vehicle-lifecycle.ts';
import { holdSubject } from '../db/subject-in-hand.ts';
import type {
  Database,
  NewVehicleRow,
  TempPlatePurposeColumn,
  VehiclesTable,
} from '../db/types.ts';

export interface VehicleRecord {
  id: string;
  vin: string;
  plate: string | null;
  vehicleType: string;
  useNature: string;
  seats: number | null;
  brand: string | null;
  model: string | null;
  status: VehicleStatus;
  owner: { idNumber: string; name: string; phone: string | null };
  mortgage: { mortgageeOrgCode: string; contractNo: string; registeredOn: string } | null;
  inspectionValidUntil: string | null;
  registeredOn: string | null;
  manufacturedOn: string | null;
  cityCode: string;
  countyCode: string;
  /**
   * Its active police flags (查封, 被盗抢骗): the status names only the weightier one, and each
   * stops business on its own article.
   */
  flags: readonly VehicleFlag[];
  /** Its move out of the jurisdiction (转出, R164 §18), after which its file is the destination's. */
  movedOut: MoveOut | null;
}

export type VehicleFlag = (typeof VEHICLE_FLAGS)[number];

/** A move out of the jurisdiction: the destination's city code and the day. */
export interface MoveOut {
  to: string;
  on: string;
}

/** A registry row as a list of vehicles reads it, without the flags a read of one adds. */
export type VehicleRow = Omit<VehicleRecord, 'flags'>;

function selectVehicles(db: DbOrTx) {
  return db
    .selectFrom('vehicles as v')
    .leftJoin('mortgages as m', (j) =>
      j
        .onRef('m.city_code', '=', 'v.city_code')
        .onRef('m.vehicle_id', '=', 'v.id')
        .on('m.released_on', 'is', null),
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
      'v.moved_out_to',
      'v.moved_out_on',
      'm.mortgagee_org_code',
      'm.contract_no',
      'm.registered_on as mortgage_registered_on',
    ]);
}

/**
 * One vehicle's row with its active flags, in the same statement. A vehicle is both seized and
 * stolen only when its status is one of them (the status names the weightier), so the flags are
 * read for those alone: for any other the subquery is never run.
 */
function selectVehicleFile(db: DbOrTx) {
  return selectVehicles(db).select((eb) => [
    sql<VehicleFlag[]>`CASE WHEN v.status IN ('seized', 'stolen') THEN array(${eb
      .selectFrom('vehicle_flags as f')
      .select('f.flag')
      .whereRef('f.city_code', '=', 'v.city_code')
      .whereRef('f.vin', '=', 'v.vin')
      .where('f.lifted_at', 'is', null)
      .orderBy('f.flag')}) ELSE '{}' END`.as('flags'),
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectVehicles>['executeTakeFirstOrThrow']>>;
type FileRow = Awaited<ReturnType<ReturnType<typeof selectVehicleFile>['executeTakeFirstOrThrow']>>;

const toRow = (r: Row): VehicleRow => ({
  id: r.id,
  vin: r.vin,
  plate: r.plate,
  vehicleType: r.vehicle_type,
  useNature: r.use_nature,
  seats: r.seats,
  brand: r.brand,
  model: r.model,
  status: r.status as VehicleStatus,
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
  movedOut: r.moved_out_to && r.moved_out_on ? { to: r.moved_out_to, on: r.moved_out_on } : null,
});

const toRecord = (r: FileRow): VehicleRecord => ({ ...toRow(r), flags: r.flags });

// Every registry read by plate and every vehicle business runs it: built and compiled once.
const vehicleByPlate = compiledQuery((db, v: { cityCode: string; plate: string }) =>
  selectVehicleFile(db).where('v.city_code', '=', v.cityCode).where('v.plate', '=', v.plate),
);

export async function findVehicleByPlate(db: DbOrTx, cityCode: string, plate: string) {
  const [row] = await vehicleByPlate(db, { cityCode, plate });
  return row ? toRecord(row) : null;
}

// A step's file read: the same, keeping the VIN as the transaction's subject in hand
// (db/subject-in-hand.ts) for a read sent behind it in the same round trip.
const vehicleByPlateHolding = compiledQuery((db, v: { cityCode: string; plate: string }) =>
  selectVehicleFile(db)
    .select(holdSubject('v.vin').as('held_subject'))
    .where('v.city_code', '=', v.cityCode)
    .where('v.plate', '=', v.plate),
);

/** `findVehicleByPlate` inside a step's transaction, the VIN found kept as its subject in hand. */
export async function findVehicleByPlateHolding(tx: Tx, cityCode: string, plate: string) {
  const [row] = await vehicleByPlateHolding(tx, { cityCode, plate });
  return row ? toRecord(row) : null;
}

/** By VIN in whichever jurisdiction holds it: the directory names the city. */
const vehicleByVin = compiledQuery((db, v: { vin: string }) =>
  selectVehicleFile(db)
    .innerJoin('vehicle_directory as d', (j) =>
      j.onRef('d.city_code', '=', 'v.city_code').onRef('d.vin', '=', 'v.vin'),
    )
    .where('d.vin', '=', v.vin),
);

export async function findVehicleByVin(db: DbOrTx, vin: string) {
  const [row] = await vehicleByVin(db, { vin });
  return row ? toRecord(row) : null;
}

// The registry read (GET /vehicles/by-plate, by-vin) answers the status alone, which names the
// weightier flag: its rows need no flags, and its plan no subquery to set up for them.
const vehicleRowByPlate = compiledQuery((db, v: { cityCode: string; plate: string }) =>
  selectVehicles(db).where('v.city_code', '=', v.cityCode).where('v.plate', '=', v.plate),
);
const vehicleRowByVin = compiledQuery((db, v: { vin: string }) =>
  selectVehicles(db)
    .innerJoin('vehicle_directory as d', (j) =>
      j.onRef('d.city_code', '=', 'v.city_code').onRef('d.vin', '=', 'v.vin'),
    )
    .where('d.vin', '=', v.vin),
);

/** A vehicle's registry row by plate or by VIN, without its flags. */
export async function findVehicleRow(
  db: DbOrTx,
  key: { cityCode: string; plate: string } | { vin: string },
): Promise<VehicleRow | null> {
  const [row] = 'plate' in key ? await vehicleRowByPlate(db, key) : await vehicleRowByVin(db, key);
  return row ? toRow(row) : null;
}

// Every temporary plate asks it and records one: both compiled once.
const tempPlateHistoryQuery = compiledQuery(
  (db, v: { vin: string; purpose: TempPlatePurposeColumn }) =>
    db
      .selectFrom('temp_plates')
      .select([
        sql<number>`(count(*) FILTER (WHERE purpose = ${v.purpose}))::int`.as('issued'),
        sql<string | null>`max(valid_until)`.as('latest_until'),
      ])
      .where('vin', '=', v.vin),
);

/**
 * The temporary plates a VIN has had, in any jurisdiction (the law counts per vehicle): how many
 * for a purpose (each purpose has its own cap), and the last day of the latest of any purpose (a
 * vehicle carries one valid temporary plate at a time).
 */
export async function tempPlateHistory(tx: Tx, vin: string, purpose: TempPlatePurposeColumn) {
  const [row] = await tempPlateHistoryQuery(tx, { vin, purpose });
  return { issued: row?.issued ?? 0, latestUntil: row?.latest_until ?? null };
}

type NewTempPlate = {
  cityCode: string;
  vin: string;
  platePrefix: string;
  purpose: TempPlatePurposeColumn;
  validFrom: string;
  validUntil: string;
  applicationId: string;
  outletCode: string;
  issuedAt: Date;
};

/** The insert of a temporary plate's row, its number given (drawn ahead) or the database's. */
const tempPlateInsertOf = (db: Kysely<Database>, t: NewTempPlate, plate: Expression<string>) =>
  db.insertInto('temp_plates').values({
    city_code: t.cityCode,
    vin: t.vin,
    plate,
    purpose: t.purpose,
    valid_from: t.validFrom,
    valid_until: t.validUntil,
    application_id: t.applicationId,
    outlet_code: t.outletCode,
    issued_at: t.issuedAt,
  });

const insertTempPlateQuery = compiledQuery((db, t: NewTempPlate) =>
  tempPlateInsertOf(db, t, sql<string>`${t.platePrefix} || nextval('temp_plate_serial')`).returning(
    'plate',
  ),
);

// The same with the number's serial drawn ahead (db/sequence-reserve.ts): written behind.
const insertTempPlateNumbered = writtenBehind((db, t: NewTempPlate & { plate: string }) =>
  tempPlateInsertOf(db, t, sql<string>`${t.plate}`),
);

/**
 * Records a temporary plate; its number is the prefix and the next serial. With a serial drawn
 * ahead for the step's pool the row is written behind; otherwise the database draws it in the
 * same statement and the step waits for the number.
 */
export async function insertTempPlate(tx: Tx, t: NewTempPlate): Promise<string> {
  const [serial] = valuesAhead(tx, 'temp_plate_serial', 1) ?? [];
  if (serial !== undefined) {
    const plate = `${t.platePrefix}${serial}`;
    await insertTempPlateNumbered(tx, { ...t, plate });
    return plate;
  }
  const [row] = await insertTempPlateQuery(tx, t);
  return row!.plate;
}

interface TempPlatesEnd {
  cityCode: string;
  vin: string;
  purpose: TempPlatePurposeColumn;
  lastDay: string;
}

/** Voids a VIN's temporary plates of a purpose that are still running (ends them today). */
export const endTempPlates = writtenBehind((db, t: TempPlatesEnd) =>
  db
    .updateTable('temp_plates')
    .set({ valid_until: t.lastDay })
    .where('city_code', '=', t.cityCode)
    .where('vin', '=', t.vin)
    .where('purpose', '=', t.purpose)
    .where('valid_until', '>', t.lastDay),
);

/**
 * Inserts imported vehicles and their mortgages; rows whose VIN is registered in any
 * jurisdiction (the directory), whose plate is taken in the city, or that repeat within the
 * batch are skipped. Returns the VINs that went in.
 */
export async function insertVehicles(
  tx: Tx,
  items: {
    row: NewVehicleRow;
    mortgage: { mortgageeOrgCode: string; contractNo: string; registeredOn: string } | null;
  }[],
): Promise<Set<string>> {
  if (!items.length) return new Set();
  const claimed = await tx
    .insertInto('vehicle_directory')
    .values(items.map((i) => ({ vin: i.row.vin, city_code: i.row.city_code })))
    .onConflict((oc) => oc.doNothing())
    .returning('vin')
    .execute();
  const free = new Set(claimed.map((c) => c.vin));
  const candidates = items.filter((i) => free.has(i.row.vin));
  if (!candidates.length) return new Set();
  const rows = await tx
    .insertInto('vehicles')
    .values(candidates.map((i) => i.row))
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'vin', 'city_code'])
    .execute();
  const inserted = new Set(rows.map((r) => r.vin));
  // A VIN claimed in the directory whose row did not go in (its plate is taken) is released.
  const released = candidates.map((i) => i.row.vin).filter((v) => !inserted.has(v));
  if (released.length)
    await tx.deleteFrom('vehicle_directory').where('vin', 'in', released).execute();
  const idByVin = new Map(rows.map((r) => [r.vin, r]));
  const mortgages = candidates.flatMap((i) => {
    const vehicle = idByVin.get(i.row.vin);
    return vehicle && i.mortgage
      ? [
          {
            city_code: vehicle.city_code,
            vehicle_id: vehicle.id,
            mortgagee_org_code: i.mortgage.mortgageeOrgCode,
            contract_no: i.mortgage.contractNo,
            registered_on: i.mortgage.registeredOn,
          },
        ]
      : [];
  });
  if (mortgages.length) await tx.insertInto('mortgages').values(mortgages).execute();
  // A record migrated seized or stolen carries its flag, so the police can lift it like any
  // other (flags.service.ts); its earlier status is what its mortgage says.
  const flags = candidates.flatMap((i) => {
    const vehicle = idByVin.get(i.row.vin);
    const flag = i.row.status;
    return vehicle && (flag === 'seized' || flag === 'stolen')
      ? [
          {
            city_code: vehicle.city_code,
            vehicle_id: vehicle.id,
            vin: vehicle.vin,
            flag: flag as 'seized' | 'stolen',
            reason: MIGRATED_FLAG.reason,
            authority: MIGRATED_FLAG.authority,
            status_before: statusToRestore(undefined, i),
            set_by: MIGRATED_FLAG.setBy,
            // On record from when it came in (the legacy registry's own day was not migrated).
            set_at: sql<Date>`now()`,
          },
        ]
      : [];
  });
  if (flags.length) await tx.insertInto('vehicle_flags').values(flags).execute();
  return inserted;
}

/** The registry columns business may change on a vehicle. */
export interface VehiclePatch {
  status?: VehicleStatus;
  movedOutTo?: string;
  movedOutOn?: string;
  plate?: string | null;
  ownerIdNumber?: string;
  ownerName?: string;
  ownerPhone?: string | null;
  useNature?: string;
  inspectionValidUntil?: string | null;
  countyCode?: string;
}

/** The column each field of a patch sets. */
const PATCH_COLUMNS = {
  status: 'status',
  movedOutTo: 'moved_out_to',
  movedOutOn: 'moved_out_on',
  plate: 'plate',
  ownerIdNumber: 'owner_id_number',
  ownerName: 'owner_name',
  ownerPhone: 'owner_phone',
  useNature: 'use_nature',
  inspectionValidUntil: 'inspection_valid_until',
  countyCode: 'county_code',
} as const satisfies Record<keyof VehiclePatch, keyof VehiclesTable>;
const PATCH_FIELDS = Object.keys(PATCH_COLUMNS) as (keyof VehiclePatch)[];

type PatchValues = VehiclePatch & { cityCode: string; id: string };

/**
 * The update of each set of fields a patch gives, compiled at its first use: the handlers' patches
 * take a handful of shapes (a transfer's owner and plate, a mark's inspection date, a status).
 * Written behind: no caller reads its answer (compiled-query.ts).
 */
const updatesByShape = new Map<string, (tx: Tx, values: PatchValues) => Promise<void>>();

function vehicleUpdate(fields: (keyof VehiclePatch)[]) {
  return writtenBehind((db, v: PatchValues) =>
    db
      .updateTable('vehicles')
      .set({
        ...(Object.fromEntries(
          fields.map((f) => [PATCH_COLUMNS[f], v[f]]),
        ) as Updateable<VehiclesTable>),
        updated_at: sql<Date>`now()`,
      })
      .where('city_code', '=', v.cityCode)
      .where('id', '=', v.id),
  );
}

export async function updateVehicle(tx: Tx, cityCode: string, id: string, p: VehiclePatch) {
  const fields = PATCH_FIELDS.filter((f) => p[f] !== undefined);
  const shape = fields.join(',');
  const update = updatesByShape.get(shape) ?? vehicleUpdate(fields);
  updatesByShape.set(shape, update);
  // Only the patch's fields are named in the template: the values of the others are not read.
  await update(tx, { ...p, cityCode, id });
}

/**
 * A new vehicle's row: every column but those the database fills (id, created and updated) and
 * its move out of the jurisdiction, which a vehicle being registered has not made.
 */
export type NewVehicle = Required<
  Omit<NewVehicleRow, 'id' | 'created_at' | 'updated_at' | 'moved_out_to' | 'moved_out_on'>
>;

// Every registration runs it: built and compiled once, every column bound (null where a
// registration has no value, as the columns have no defaults). The directory's row goes in a
// CTE of the same statement: a VIN already claimed fails it.
/** The insert of a new vehicle's row, with its id (drawn ahead) or without (the database's). */
const vehicleInsertOf = (db: Kysely<Database>, v: NewVehicle & { id?: string }, withId: boolean) =>
  db
    .with('directory', (d) =>
      d.insertInto('vehicle_directory').values({ vin: v.vin, city_code: v.city_code }),
    )
    .insertInto('vehicles')
    .values({
      ...(withId ? { id: v.id } : {}),
      city_code: v.city_code,
      county_code: v.county_code,
      vin: v.vin,
      plate: v.plate,
      vehicle_type: v.vehicle_type,
      use_nature: v.use_nature,
      seats: v.seats,
      brand: v.brand,
      model: v.model,
      owner_id_number: v.owner_id_number,
      owner_name: v.owner_name,
      owner_phone: v.owner_phone,
      status: v.status,
      registered_on: v.registered_on,
      manufactured_on: v.manufactured_on,
      inspection_valid_until: v.inspection_valid_until,
    });

const vehicleInsert = compiledQuery((db, v: NewVehicle) =>
  vehicleInsertOf(db, v, false).returning('id'),
);

// The same with an id drawn ahead (db/sequence-reserve.ts): it needs no answer, and is written
// behind the step's next statement.
const vehicleInsertWithId = writtenBehind((db, v: NewVehicle & { id: string }) =>
  vehicleInsertOf(db, v, true),
);

/**
 * Registers a new vehicle (and claims its VIN in the national directory); returns its id. With
 * an id drawn ahead for the step's pool the row is written behind; otherwise the database
 * assigns the id and the step waits for it.
 */
export async function insertVehicle(tx: Tx, row: NewVehicle): Promise<string> {
  const [id] = valuesAhead(tx, 'vehicles_id_seq', 1) ?? [];
  if (id !== undefined) {
    await vehicleInsertWithId(tx, { ...row, id: String(id) });
    return String(id);
  }
  const [inserted] = await vehicleInsert(tx, row);
  if (!inserted) throw new Error('the vehicle was not inserted');
  return inserted.id;
}

/** Whether a VIN is registered in any jurisdiction (the national directory). */
export async function vinRegistered(db: DbOrTx, vin: string) {
  const row = await db
    .selectFrom('vehicle_directory')
    .select('city_code')
    .where('vin', '=', vin)
    .executeTakeFirst();
  return row?.city_code ?? null;
}

interface NewMortgage {
  cityCode: string;
  vehicleId: string;
  mortgageeOrgCode: string;
  contractNo: string;
  registeredOn: string;
}
export const insertMortgage = writtenBehind((db, m: NewMortgage) =>
  db.insertInto('mortgages').values({
    city_code: m.cityCode,
    vehicle_id: m.vehicleId,
    mortgagee_org_code: m.mortgageeOrgCode,
    contract_no: m.contractNo,
    registered_on: m.registeredOn,
  }),
);

export async function releaseMortgage(
  tx: Tx,
  m: { cityCode: string; vehicleId: string; releasedOn: string },
) {
  await tx
    .updateTable('mortgages')
    .set({ released_on: m.releasedOn })
    .where('city_code', '=', m.cityCode)
    .where('vehicle_id', '=', m.vehicleId)
    .where('released_on', 'is', null)
    .execute();
}

// A citizen's own page and the business that looks at a person's vehicles: compiled once.
const vehiclesByOwner = compiledQuery((db, v: { cityCode: string; ownerIdNumber: string }) =>
  selectVehicles(db)
    .where('v.city_code', '=', v.cityCode)
    .where('v.owner_id_number', '=', v.ownerIdNumber)
    .orderBy('v.id'),
);

/** The vehicles a person or organisation owns in a city (vehicles_owner serves it). */
export async function findVehiclesByOwner(db: DbOrTx, cityCode: string, ownerIdNumber: string) {
  return (await vehiclesByOwner(db, { cityCode, ownerIdNumber })).map(toRow);
}

/** The vehicles carrying some plates of a city (one query; a plate is unique in its city). */
export async function findVehiclesByPlates(
  db: DbOrTx,
  cityCode: string,
  plates: readonly string[],
) {
  if (!plates.length) return [];
  return (
    await selectVehicles(db)
      .where('v.city_code', '=', cityCode)
      .where('v.plate', 'in', [...plates])
      .execute()
  ).map(toRow);
}

/** Owners of some plates of a city (one query). */
export async function ownerRowsOfPlates(db: DbOrTx, cityCode: string, plates: readonly string[]) {
  if (!plates.length) return [];
  return await db
    .selectFrom('vehicles')
    .select(['plate', 'owner_id_number', 'owner_name', 'owner_phone'])
    .where('city_code', '=', cityCode)
    .where('plate', 'in', [...plates])
    .execute();
}
