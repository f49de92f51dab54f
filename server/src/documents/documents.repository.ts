import { sql, type RawBuilder } from 'kysely';
import { compiledQuery } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';

interface DocumentRow {
  cityCode: string;
  id: string;
  kind: string;
  subject: string;
  applicationId: string;
  issuedAt: Date;
  office: string | null;
  outlet: string | null;
  staff: string | null;
}

/** The insert of a document whose number is `number`. */
const insertWithNumber = (db: DbOrTx, d: DocumentRow, number: string | RawBuilder<string>) =>
  db
    .insertInto('documents')
    .values({
      city_code: d.cityCode,
      id: d.id,
      kind: d.kind,
      number,
      subject: d.subject,
      application_id: d.applicationId,
      issued_at: d.issuedAt,
      issuer_office: d.office,
      issuer_outlet: d.outlet,
      issuer_staff: d.staff,
    })
    .returning('number');

// Most business issues a document: both forms built and compiled once.
const insertNumbered = compiledQuery((db, d: DocumentRow & { number: string }) =>
  insertWithNumber(db, d, d.number),
);
const insertSerial = compiledQuery((db, d: DocumentRow & { prefix: string }) =>
  insertWithNumber(
    db,
    d,
    sql<string>`${d.prefix} || lpad(nextval('document_serial')::text, 8, '0')`,
  ),
);

/**
 * Inserts a document and returns its number: the given one, or the prefix followed by the next
 * serial (8 digits), assigned by the database in the same statement.
 */
export async function insertDocument(
  tx: Tx,
  d: {
    cityCode: string;
    id: string;
    kind: string;
    number: { given: string } | { prefix: string };
    subject: string;
    applicationId: string;
    issuedAt: Date;
    issuer: { office: string; outlet: string; staff: string | null } | null;
  },
): Promise<string> {
  const row: DocumentRow = {
    cityCode: d.cityCode,
    id: d.id,
    kind: d.kind,
    subject: d.subject,
    applicationId: d.applicationId,
    issuedAt: d.issuedAt,
    office: d.issuer?.office ?? null,
    outlet: d.issuer?.outlet ?? null,
    staff: d.issuer?.staff ?? null,
  };
  const [inserted] =
    'given' in d.number
      ? await insertNumbered(tx, { ...row, number: d.number.given })
      : await insertSerial(tx, { ...row, prefix: d.number.prefix });
  return inserted!.number;
}

/** Voids the valid documents of a kind for a subject; returns their numbers. */
export async function voidDocuments(
  tx: Tx,
  d: { cityCode: string; subject: string; kind: string; reason: string; at: Date },
) {
  const rows = await voidValid(tx, d);
  return rows.map((r) => r.number);
}
// Every replacement of a document runs it: built and compiled once.
const voidValid = compiledQuery(
  (db, d: { cityCode: string; subject: string; kind: string; reason: string; at: Date }) =>
    db
      .updateTable('documents')
      .set({ status: 'void', voided_at: d.at, void_reason: d.reason })
      .where('city_code', '=', d.cityCode)
      .where('subject', '=', d.subject)
      .where('kind', '=', d.kind)
      .where('status', '=', 'valid')
      .returning('number'),
);

export async function findDocument(db: DbOrTx, cityCode: string, id: string) {
  return await db
    .selectFrom('documents')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every document issued about a subject (a VIN, an identity number), oldest first. */
export async function documentsOf(db: DbOrTx, cityCode: string, subject: string) {
  return await db
    .selectFrom('documents')
    .select(['kind', 'number', 'status', 'issued_at', 'voided_at', 'application_id'])
    .where('city_code', '=', cityCode)
    .where('subject', '=', subject)
    .orderBy('issued_at')
    .limit(2000)
    .execute();
}

/** A document by its printed number (numbers carry their city; the first match is the one). */
export async function findDocumentByNumber(db: DbOrTx, number: string) {
  return await db
    .selectFrom('documents')
    .selectAll()
    .where('number', '=', number)
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
