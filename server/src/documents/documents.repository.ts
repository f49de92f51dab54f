import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';

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
  const number =
    'given' in d.number
      ? d.number.given
      : sql<string>`${d.number.prefix} || lpad(nextval('document_serial')::text, 8, '0')`;
  const row = await tx
    .insertInto('documents')
    .values({
      city_code: d.cityCode,
      id: d.id,
      kind: d.kind,
      number,
      subject: d.subject,
      application_id: d.applicationId,
      issued_at: d.issuedAt,
      issuer_office: d.issuer?.office ?? null,
      issuer_outlet: d.issuer?.outlet ?? null,
      issuer_staff: d.issuer?.staff ?? null,
    })
    .returning('number')
    .executeTakeFirstOrThrow();
  return row.number;
}

/** Voids the valid documents of a kind for a subject; returns their numbers. */
export async function voidDocuments(
  tx: Tx,
  d: { cityCode: string; subject: string; kind: string; reason: string; at: Date },
) {
  const rows = await tx
    .updateTable('documents')
    .set({ status: 'void', voided_at: d.at, void_reason: d.reason })
    .where('city_code', '=', d.cityCode)
    .where('subject', '=', d.subject)
    .where('kind', '=', d.kind)
    .where('status', '=', 'valid')
    .returning('number')
    .execute();
  return rows.map((r) => r.number);
}

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
