import { sql, type Selectable } from 'kysely';
import type { LicenceClass } from '#shared/licences.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { MedicalCertificatesTable } from '../db/types.ts';

export interface CertificateRecord {
  cityCode: string;
  certificateNo: string;
  idNumber: string;
  name: string;
  examinedOn: string;
  conclusion: 'fit' | 'unfit';
  classes: LicenceClass[] | null;
  /** The memory, judgment and reaction test (R162 §14(二)9), when one was taken. */
  cognitiveTest: 'pass' | 'fail' | null;
  validUntil: string;
  outletCode: string;
  usedApplicationId: string | null;
}

const toRecord = (r: Selectable<MedicalCertificatesTable>): CertificateRecord => ({
  cityCode: r.city_code,
  certificateNo: r.certificate_no,
  idNumber: r.id_number,
  name: r.name,
  examinedOn: r.examined_on,
  conclusion: r.conclusion,
  classes: r.classes as LicenceClass[] | null,
  cognitiveTest: r.cognitive_test,
  validUntil: r.valid_until,
  outletCode: r.outlet_code,
  usedApplicationId: r.used_application_id,
});

/** Records a certificate; its number is the city, the day and the next serial, in one statement. */
export async function insertCertificate(
  tx: Tx,
  c: Omit<CertificateRecord, 'certificateNo' | 'usedApplicationId'> & {
    recordedBy: string | null;
    channel: 'window' | 'social' | 'internet' | 'api';
    recordedAt: Date;
    numberPrefix: string;
  },
) {
  const row = await tx
    .insertInto('medical_certificates')
    .values({
      city_code: c.cityCode,
      certificate_no: sql<string>`${c.numberPrefix} || nextval('medical_certificate_serial')`,
      id_number: c.idNumber,
      name: c.name,
      examined_on: c.examinedOn,
      conclusion: c.conclusion,
      classes: c.classes,
      cognitive_test: c.cognitiveTest,
      valid_until: c.validUntil,
      outlet_code: c.outletCode,
      recorded_by: c.recordedBy,
      channel: c.channel,
      recorded_at: c.recordedAt,
    })
    .returning('certificate_no')
    .executeTakeFirstOrThrow();
  return row.certificate_no;
}

/** A certificate by number, in whichever city recorded it (numbers lead with the city code). */
export async function findCertificate(db: DbOrTx, certificateNo: string) {
  const row = await db
    .selectFrom('medical_certificates')
    .selectAll()
    .where('city_code', '=', certificateNo.slice(2, 8))
    .where('certificate_no', '=', certificateNo)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** A person's certificates in a city still valid on a day, newest first. */
export async function validCertificatesOf(
  db: DbOrTx,
  cityCode: string,
  idNumber: string,
  day: string,
) {
  const rows = await db
    .selectFrom('medical_certificates')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .where('valid_until', '>=', day)
    .orderBy('examined_on', 'desc')
    .execute();
  return rows.map(toRecord);
}

export async function markCertificateUsed(
  tx: Tx,
  c: { cityCode: string; certificateNo: string; applicationId: string; on: string },
) {
  await tx
    .updateTable('medical_certificates')
    .set({ used_application_id: c.applicationId, used_on: c.on })
    .where('city_code', '=', c.cityCode)
    .where('certificate_no', '=', c.certificateNo)
    .execute();
}

/** A person's latest certificates in a city, valid or not (the driver file). */
export async function certificatesOf(db: DbOrTx, cityCode: string, idNumber: string) {
  const rows = await db
    .selectFrom('medical_certificates')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .orderBy('examined_on', 'desc')
    .limit(20)
    .execute();
  return rows.map(toRecord);
}
