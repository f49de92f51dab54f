import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';

export async function nextDocumentSerial(tx: Tx): Promise<number> {
  const row = await sql<{ n: string }>`SELECT nextval('document_serial') AS n`.execute(tx);
  return Number(row.rows[0]!.n);
}

export async function insertDocument(
  tx: Tx,
  d: {
    id: string;
    kind: string;
    number: string;
    subject: string;
    applicationId: string;
    issuedAt: Date;
  },
) {
  await tx
    .insertInto('documents')
    .values({
      id: d.id,
      kind: d.kind,
      number: d.number,
      subject: d.subject,
      application_id: d.applicationId,
      issued_at: d.issuedAt,
    })
    .execute();
}

/** Voids the valid documents of a kind for a subject; returns their numbers. */
export async function voidDocuments(
  tx: Tx,
  subject: string,
  kind: string,
  reason: string,
  at: Date,
) {
  const rows = await tx
    .updateTable('documents')
    .set({ status: 'void', voided_at: at, void_reason: reason })
    .where('subject', '=', subject)
    .where('kind', '=', kind)
    .where('status', '=', 'valid')
    .returning('number')
    .execute();
  return rows.map((r) => r.number);
}

export async function findDocument(db: DbOrTx, id: string) {
  return await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}
