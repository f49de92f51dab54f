import { sql, type RawBuilder } from 'kysely';
import { compiledQuery, isAnyOf, writtenBehind } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { subjectInHand } from '../db/subject-in-hand.ts';

export interface NewDocument {
  cityCode: string;
  id: string;
  kind: string;
  /** The given number (a plate), or the prefix the next serial (8 digits) is appended to. */
  number: { given: string } | { prefix: string };
  subject: string;
  applicationId: string;
  issuedAt: Date;
  issuer: { office: string; outlet: string; staff: string | null } | null;
}

/** A document's values as its statements bind them (one of `given`, `prefix` is null). */
interface DocumentValues {
  cityCode: string;
  id: string;
  kind: string;
  given: string | null;
  prefix: string | null;
  subject: string;
  applicationId: string;
  issuedAt: Date;
  office: string | null;
  outlet: string | null;
  staff: string | null;
}

const valuesOf = (d: NewDocument): DocumentValues => ({
  cityCode: d.cityCode,
  id: d.id,
  kind: d.kind,
  given: 'given' in d.number ? d.number.given : null,
  prefix: 'prefix' in d.number ? d.number.prefix : null,
  subject: d.subject,
  applicationId: d.applicationId,
  issuedAt: d.issuedAt,
  office: d.issuer?.office ?? null,
  outlet: d.issuer?.outlet ?? null,
  staff: d.issuer?.staff ?? null,
});

/** The row; a serial is drawn only when no number is given (COALESCE stops at the first). */
const rowOf = (d: DocumentValues) => ({
  city_code: d.cityCode,
  id: d.id,
  kind: d.kind,
  number: sql<string>`coalesce(${d.given}::text, ${d.prefix}::text || lpad(nextval('document_serial')::text, 8, '0'))`,
  subject: d.subject,
  application_id: d.applicationId,
  issued_at: d.issuedAt,
  issuer_office: d.office,
  issuer_outlet: d.outlet,
  issuer_staff: d.staff,
});

interface VoidValues {
  cityCode: string;
  subject: string;
  kind: string;
  reason: string;
  at: Date;
}

// Most business issues a document: built and compiled once.
const insertOne = compiledQuery((db, d: DocumentValues) =>
  db.insertInto('documents').values(rowOf(d)).returning('number'),
);
// A document that carries its own number (a plate, a temporary plate) needs no answer.
const insertNumbered = writtenBehind((db, d: DocumentValues) =>
  db.insertInto('documents').values(rowOf(d)),
);

/**
 * Inserts a document and returns its number: the given one, or the prefix followed by the next
 * serial (8 digits), assigned by the database in the same statement. A given number (a plate's,
 * or a serial drawn ahead: serials.ts) is written behind (db/client.ts): it goes out with the
 * transaction's next statement, and a failure of it (a number on file) fails the transaction
 * there.
 */
export async function insertDocument(tx: Tx, d: NewDocument): Promise<string> {
  if ('given' in d.number) {
    await insertNumbered(tx, valuesOf(d));
    return d.number.given;
  }
  const [row] = await insertOne(tx, valuesOf(d));
  return row!.number;
}

/** The valid documents of some kinds about a subject (a VIN, an identity number). */
const validOf = compiledQuery((db, v: { cityCode: string; subject: string; kinds: string[] }) =>
  db
    .selectFrom('documents')
    .select(['kind', 'number'])
    .where('subject', '=', v.subject)
    .where('city_code', '=', v.cityCode)
    .where(isAnyOf('kind', v.kinds))
    .where('status', '=', 'valid'),
);

export async function validDocuments(
  db: DbOrTx,
  v: { cityCode: string; subject: string; kinds: string[] },
): Promise<{ kind: string; number: string }[]> {
  return await validOf(db, v);
}

/**
 * The subject in hand of the transaction (db/subject-in-hand.ts: a VIN a statement just before
 * this one read) and its valid documents of some kinds: sent behind that statement in the same
 * round trip. The subject comes back with them (one row without a document when it has none), so
 * the caller can tell they are about the vehicle it read.
 */
const validOfSubjectInHand = compiledQuery((db, v: { cityCode: string; kinds: string[] }) => ({
  compile: () =>
    sql<{ subject: string | null; kind: string | null; number: string | null }>`
      SELECT s.subject, d.kind, d.number
        FROM (SELECT ${subjectInHand()} AS subject) AS s
        LEFT JOIN documents AS d
          ON d.subject = s.subject AND d.city_code = ${v.cityCode}
         AND d.kind = ANY(${v.kinds}::text[]) AND d.status = 'valid'`.compile(db),
}));

export async function validDocumentsOfSubjectInHand(
  tx: Tx,
  v: { cityCode: string; kinds: string[] },
): Promise<{ subject: string | null; documents: { kind: string; number: string }[] }> {
  const rows = await validOfSubjectInHand(tx, v);
  return {
    subject: rows[0]?.subject ?? null,
    documents: rows.flatMap((r) =>
      r.kind !== null && r.number !== null ? [{ kind: r.kind, number: r.number }] : [],
    ),
  };
}

/** A kind of document a step voids for its subject, and the reason recorded on it. */
interface VoidingKind {
  kind: string;
  reason: string;
}

/** One step's documents about one subject and the kinds it voids, as its statements bind them. */
interface SetValues {
  cityCode: string;
  subject: string;
  applicationId: string;
  at: Date;
  office: string | null;
  outlet: string | null;
  staff: string | null;
  ids: string[];
  kinds: string[];
  givens: (string | null)[];
  prefixes: (string | null)[];
  voidKinds: string[];
  voidReasons: string[];
}

/**
 * The documents of one subject issued by one step, after voiding the valid ones of some kinds,
 * in one statement: a registration's four, a transfer's three replacing three. The update and
 * the insert see the same snapshot, so what is voided is only what was valid before; serials
 * are drawn in the order given (volatile expressions are evaluated after the sort). A document
 * that replaces one of its kind keeps what was endorsed on it (a reissued registration
 * certificate still carries its mortgage, R164 §32). `check`, a condition on what was voided,
 * stops the insert.
 */
const setStatement = (v: SetValues, check?: RawBuilder<boolean>) =>
  sql<{ what: 'issued' | 'voided'; key: string; number: string }>`
    WITH voided AS (
      UPDATE documents
         SET status = 'void', voided_at = ${v.at},
             void_reason = (${v.voidReasons}::text[])[array_position(${v.voidKinds}::text[], kind)]
       WHERE city_code = ${v.cityCode} AND subject = ${v.subject}
         AND kind = ANY(${v.voidKinds}::text[]) AND status = 'valid'
      RETURNING kind, number, endorsements
    ), issued AS (
      INSERT INTO documents (city_code, id, kind, number, subject, application_id, issued_at,
                             issuer_office, issuer_outlet, issuer_staff, endorsements)
      SELECT ${v.cityCode}, d.id, d.kind,
             coalesce(d.given, d.prefix || lpad(nextval('document_serial')::text, 8, '0')),
             ${v.subject}, ${v.applicationId}, ${v.at}, ${v.office}, ${v.outlet}, ${v.staff},
             coalesce((SELECT r.endorsements FROM voided AS r
                        WHERE r.kind = d.kind AND r.endorsements <> '[]'::jsonb LIMIT 1),
                      '[]'::jsonb)
        FROM unnest(${v.ids}::uuid[], ${v.kinds}::text[], ${v.givens}::text[],
                    ${v.prefixes}::text[]) WITH ORDINALITY AS d (id, kind, given, prefix, ord)
       ${check ? sql`WHERE ${check}` : sql``}
       ORDER BY d.ord
      RETURNING id, number
    )
    SELECT 'issued' AS what, id::text AS key, number FROM issued
    UNION ALL
    SELECT 'voided', kind, number FROM voided`;

const issuingSet = compiledQuery((db, v: SetValues) => ({
  compile: () => setStatement(v).compile(db),
}));

/**
 * `issuingSet` written behind, for documents whose numbers are all given (serials drawn ahead),
 * voiding the numbers read before (`validDocumentsOfSubjectInHand`): if the update voids any
 * other set, `documents_voided_as_read` fails the statement as a lost race (40001) and nothing of
 * the step is stored; it runs again.
 */
const issuingSetAsRead = writtenBehind((db, v: SetValues & { read: string[] }) => ({
  compile: () =>
    setStatement(
      v,
      sql<boolean>`documents_voided_as_read(array(SELECT number FROM voided), ${v.read}::text[])`,
    ).compile(db),
}));

/** The values of one step's documents (`oneStep`) and the kinds they void. */
const setValuesOf = (
  values: readonly DocumentValues[],
  voiding: readonly VoidingKind[],
): SetValues => {
  const head = oneStep(values);
  return {
    cityCode: head.cityCode,
    subject: head.subject,
    applicationId: head.applicationId,
    at: head.issuedAt,
    office: head.office,
    outlet: head.outlet,
    staff: head.staff,
    ids: values.map((d) => d.id),
    kinds: values.map((d) => d.kind),
    givens: values.map((d) => d.given),
    prefixes: values.map((d) => d.prefix),
    voidKinds: voiding.map((x) => x.kind),
    voidReasons: voiding.map((x) => x.reason),
  };
};

/** The first of one step's documents; refuses documents of more than one step, or none. */
function oneStep(values: readonly DocumentValues[]): DocumentValues {
  const [head] = values;
  if (!head) throw new Error('insertSet: no documents to issue');
  const sameStep = (d: DocumentValues) =>
    d.cityCode === head.cityCode &&
    d.subject === head.subject &&
    d.applicationId === head.applicationId &&
    d.issuedAt.getTime() === head.issuedAt.getTime() &&
    d.office === head.office &&
    d.outlet === head.outlet &&
    d.staff === head.staff;
  if (!values.every(sameStep)) throw new Error('insertSet: documents of more than one step');
  return head;
}

/**
 * Voids the valid documents of the `voiding` kinds for the documents' one subject, then inserts
 * the documents (every number given), written behind: `insertSet` for a step that read the
 * documents it voids (`read`, their numbers) with its facts.
 */
export async function insertSetAsRead(
  tx: Tx,
  documents: readonly (NewDocument & { number: { given: string } })[],
  voiding: readonly VoidingKind[],
  read: readonly string[],
): Promise<void> {
  await issuingSetAsRead(tx, { ...setValuesOf(documents.map(valuesOf), voiding), read: [...read] });
}

/**
 * Voids the valid documents of the `voiding` kinds for the documents' one subject, then inserts
 * the documents, in one statement; returns each document's number (in their order) and the
 * voided numbers in the order of `voiding` (by number within a kind). The documents are one
 * step's: one subject, application, time and issuer.
 */
export async function insertSet(
  tx: Tx,
  documents: readonly NewDocument[],
  voiding: readonly VoidingKind[],
): Promise<{ numbers: string[]; voided: { kind: string; number: string }[] }> {
  const values = documents.map(valuesOf);
  const rows = await issuingSet(tx, setValuesOf(values, voiding));
  const numberOf = new Map(rows.filter((r) => r.what === 'issued').map((r) => [r.key, r.number]));
  const rank = (kind: string) => voiding.findIndex((x) => x.kind === kind);
  return {
    numbers: values.map((d) => {
      const number = numberOf.get(d.id);
      if (number === undefined) throw new Error(`insertSet: ${d.kind} was not inserted`);
      return number;
    }),
    voided: rows
      .filter((r) => r.what === 'voided')
      .map((r) => ({ kind: r.key, number: r.number }))
      .sort((a, b) => rank(a.kind) - rank(b.kind) || a.number.localeCompare(b.number)),
  };
}

/** The update voiding the valid documents of a kind for a subject, returning their numbers. */
const voidValid = compiledQuery((db, d: VoidValues) =>
  db
    .updateTable('documents')
    .set({ status: 'void', voided_at: d.at, void_reason: d.reason })
    .where('city_code', '=', d.cityCode)
    .where('subject', '=', d.subject)
    .where('kind', '=', d.kind)
    .where('status', '=', 'valid')
    .returning('number'),
);

/** Voids the valid documents of a kind for a subject; returns their numbers. */
export async function voidDocuments(tx: Tx, d: VoidValues) {
  const rows = await voidValid(tx, d);
  return rows.map((r) => r.number);
}

/**
 * Makes valid again the documents of a kind for a subject that a step voided for `reason` (by
 * number), unless the subject holds a valid one of the kind by now; returns their numbers.
 */
export async function unvoidDocuments(
  tx: Tx,
  d: { cityCode: string; subject: string; kind: string; numbers: string[]; reason: string },
) {
  if (!d.numbers.length) return [];
  const rows = await tx
    .updateTable('documents')
    .set({ status: 'valid', voided_at: null, void_reason: null })
    .where('city_code', '=', d.cityCode)
    .where('subject', '=', d.subject)
    .where('kind', '=', d.kind)
    .where('number', 'in', d.numbers)
    .where('status', '=', 'void')
    .where('void_reason', '=', d.reason)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('documents as held')
            .select('held.id')
            .where('held.city_code', '=', d.cityCode)
            .where('held.subject', '=', d.subject)
            .where('held.kind', '=', d.kind)
            .where('held.status', '=', 'valid'),
        ),
      ),
    )
    .returning('number')
    .execute();
  return rows.map((r) => r.number);
}

/**
 * Endorses the latest issued valid document of a kind about a subject (appends to its
 * endorsements) and returns it; nothing when there is none. `unlessLast`: only when its last
 * endorsement is not already of the same kind (what it shows stands already).
 */
export async function endorseLatestValid(
  tx: Tx,
  v: {
    cityCode: string;
    subject: string;
    kind: string;
    endorsement: Record<string, unknown> & { what: string };
    unlessLast?: boolean;
  },
) {
  const { rows } = await sql<{ id: string; number: string; issued_kind: string | null }>`
    UPDATE documents SET endorsements = endorsements || jsonb_build_array(${JSON.stringify(v.endorsement)}::jsonb)
     WHERE city_code = ${v.cityCode}
       AND id = (SELECT id FROM documents
                  WHERE subject = ${v.subject} AND city_code = ${v.cityCode}
                    AND kind = ${v.kind} AND status = 'valid'
                  ORDER BY issued_at DESC LIMIT 1)
       ${v.unlessLast ? sql`AND coalesce(endorsements -> -1 ->> 'what', '') <> ${v.endorsement.what}` : sql``}
    RETURNING id, number, issued_kind`.execute(tx);
  return rows[0];
}

/** Voids the valid documents about a subject that were issued as a kind since relabelled. */
export async function voidIssuedAs(
  tx: Tx,
  d: { cityCode: string; subject: string; issuedKind: string; reason: string; at: Date },
) {
  const rows = await tx
    .updateTable('documents')
    .set({ status: 'void', voided_at: d.at, void_reason: d.reason })
    .where('city_code', '=', d.cityCode)
    .where('subject', '=', d.subject)
    .where('issued_kind', '=', d.issuedKind)
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
    .select(['kind', 'number', 'issued_at', 'voided_at', 'void_reason', 'application_id'])
    .where('city_code', '=', cityCode)
    .where('subject', '=', subject)
    .orderBy('issued_at')
    .limit(2000)
    .execute();
}

/**
 * A document by its printed number (numbers carry their city; the latest issued is the one). The
 * number's documents are in two indexes that part by the same conditions as the two halves here:
 * `documents_kind_number` holds all but void plates, `documents_void_plates` those.
 */
export const documentByNumber = (db: DbOrTx, number: string) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom('documents')
        .selectAll()
        .where('number', '=', number)
        // Written out, not as parameters: the planner matches an index's condition by its text.
        .where(sql<boolean>`(kind <> 'plate' OR status = 'valid')`)
        .unionAll(
          eb
            .selectFrom('documents')
            .selectAll()
            .where('number', '=', number)
            .where(sql<boolean>`kind = 'plate' AND status <> 'valid'`),
        )
        .as('d'),
    )
    .selectAll()
    .orderBy('issued_at', 'desc')
    .limit(1);

export async function findDocumentByNumber(db: DbOrTx, number: string) {
  return await documentByNumber(db, number).executeTakeFirst();
}
