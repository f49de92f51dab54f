import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';

export interface InspectionRecord {
  id: string;
  reportNo: string;
  vin: string | null;
  plate: string | null;
  result: 'pass' | 'fail';
  finishedAt: Date;
  outletCode: string;
}

export async function insertInspection(
  tx: Tx,
  i: {
    cityCode: string;
    id: string;
    reportPrefix: string;
    countyCode: string;
    outletCode: string;
    vin: string | null;
    plate: string | null;
    result: 'pass' | 'fail';
    items: unknown;
    startedAt: Date;
    finishedAt: Date;
    inspector: string;
    photoHashes: string[];
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<string> {
  const row = await tx
    .insertInto('inspections')
    .values({
      city_code: i.cityCode,
      id: i.id,
      report_no: sql<string>`${i.reportPrefix} || lpad(nextval('inspection_report_serial')::text, 8, '0')`,
      county_code: i.countyCode,
      outlet_code: i.outletCode,
      vin: i.vin,
      plate: i.plate,
      result: i.result,
      items: JSON.stringify(i.items),
      started_at: i.startedAt,
      finished_at: i.finishedAt,
      inspector: i.inspector,
      photo_hashes: i.photoHashes,
      recorded_by: i.recordedBy,
      recorded_at: i.recordedAt,
    })
    .returning('report_no')
    .executeTakeFirstOrThrow();
  return row.report_no;
}

export async function findInspection(
  db: DbOrTx,
  cityCode: string,
  reportNo: string,
): Promise<InspectionRecord | null> {
  const row = await db
    .selectFrom('inspections')
    .select(['id', 'report_no', 'vin', 'plate', 'result', 'finished_at', 'outlet_code'])
    .where('city_code', '=', cityCode)
    .where('report_no', '=', reportNo)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        reportNo: row.report_no,
        vin: row.vin,
        plate: row.plate,
        result: row.result,
        finishedAt: row.finished_at,
        outletCode: row.outlet_code,
      }
    : null;
}
