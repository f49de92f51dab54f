import type { IssuedDocument } from '#shared/schemas/applications.ts';
import type { Endorsement } from '#shared/schemas/documents.ts';
import { textProblem } from '#shared/schemas/text.ts';
import { inclusionProof } from '../audit/checkpoints.service.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { base64url } from '../platform/base64url.ts';
import type { Signer } from '../platform/signing.ts';
import { beijingDate, beijingInstant } from '../platform/time.ts';
import {
  documentsOf,
  findDocument,
  findDocumentByNumber,
  insertDocument,
  insertSet,
  insertSetAsRead,
  validDocuments,
  validDocumentsOfSubjectInHand as validOfSubjectInHand,
  unvoidDocuments,
  endorseLatestValid,
  voidDocuments,
  voidIssuedAs,
  type NewDocument,
} from './documents.repository.ts';
import { newId } from '../platform/ids.ts';
import { serialsAhead } from './serials.ts';

export { serialReserveOf } from './serials.ts';

type Kind = IssuedDocument['kind'];

/**
 * What is printed: a document of one of API v1's kinds, or a notice of its own series. Every
 * paper is stored and answered as its kind (`kindOf`); a series is told by its number's prefix.
 * An acceptance notice (受理通知书) is what a business taken in and finished later hands over;
 * a deregistration certificate (注销证明, R164 §§37–39) is the office's written certification
 * that the registration ended, with no certificate, plate or licence left to carry it.
 */
export type Paper = Kind | 'acceptance-notice' | 'deregistration-notice';

/** The kind a paper is stored and answered as. */
export const kindOf = (paper: Paper): Kind =>
  paper === 'acceptance-notice' || paper === 'deregistration-notice' ? 'notice' : paper;

/**
 * Number prefixes printed on each paper. The notices keep the series they had as kinds of their
 * own (SL, ZX); GZ is the refusal notice (一次性告知书). DY numbered the mortgage records issued
 * before a mortgage was endorsed on the registration certificate (migration 20270108100000).
 */
export const DOCUMENT_PREFIX: Record<Paper, string> = {
  'vehicle-licence': 'XS',
  'registration-certificate': 'DJ',
  plate: 'HP',
  'temp-plate': 'LS',
  'inspection-mark': 'JY',
  'driving-licence': 'JZ',
  notice: 'GZ',
  'acceptance-notice': 'SL',
  'deregistration-notice': 'ZX',
};

/**
 * The verification token printed on a document (as a QR code): the issuing city, the document
 * id and an HMAC over all of it with kind and number. Nothing is stored; changing any part breaks
 * the signature, and the city leads the look-up to the right jurisdiction's rows.
 */
/** What a document's token signs: its city, id, kind and number. */
export type SignedDocument = { cityCode: string; id: string; kind: string; number: string };

const signedText = (d: SignedDocument) => `${d.cityCode}|${d.id}|${d.kind}|${d.number}`;

const idBytes = new Uint8Array(16);

/**
 * A uuid's 16 bytes in base64url (22 characters), read from its hex digits here: through
 * `Buffer.from(hex)` it took the generator about 1.9 µs a token.
 */
function idPart(id: string): string {
  let n = 0;
  for (let i = 0; i < id.length && n < 16; i++) {
    if (id.charCodeAt(i) === 45) continue; // '-'
    idBytes[n++] = (hexDigit(id.charCodeAt(i)) << 4) | hexDigit(id.charCodeAt(++i));
  }
  return base64url(idBytes, n);
}

const hexDigit = (c: number) => (c <= 57 ? c - 48 : (c | 32) - 87);

const tokenOf = (d: SignedDocument, signature: string) =>
  `${d.cityCode}.${idPart(d.id)}.${signature}`;

export function documentToken(signer: Signer, d: SignedDocument) {
  return tokenOf(d, signer.sign('document', signedText(d), 16));
}

/** `documentToken` for many documents (the generator's): the same tokens, signed in bulk. */
export function documentTokens(signer: Signer): (d: SignedDocument) => string {
  const sign = signer.many('document', 16);
  return (d) => tokenOf(d, sign(signedText(d)));
}

/**
 * The city, id and signature of a well-formed token; null for anything else. Only the canonical
 * spelling of the id is read: Buffer ignores the unused low bits of the last base64url character,
 * so "…w" and "…x" would name the same document and an altered token would verify. The signature
 * is not decoded but compared as text with the one expected, which is canonical.
 */
function parseToken(token: string): { cityCode: string; id: string; signature: string } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [cityCode, idPart, signature] = parts as [string, string, string];
  if (!/^\d{6}$/.test(cityCode) || !/^[A-Za-z0-9_-]{22}$/.test(idPart)) return null;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(signature)) return null;
  const bytes = Buffer.from(idPart, 'base64url');
  if (bytes.length !== 16 || base64url(bytes) !== idPart) return null;
  const hex = bytes.toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { cityCode, id, signature };
}

export interface IssueInput {
  kind: Paper;
  subject: string;
  applicationId: string;
  cityCode: string;
  at: Date;
  /** Documents that carry their own number (a plate); otherwise one is assigned. */
  number?: string;
  /** Who issued it, printed on it: the office, the outlet, the staff member (null: platform). */
  issuer?: { office: string; outlet: string; staff: string | null };
}

/** The serial part of a number: 8 digits (the database's own `lpad(…, 8, '0')`). */
const serialText = (serial: number) => String(serial).padStart(8, '0');

/**
 * The row of a document about to be issued: a fresh id, and the given number, or the kind's
 * prefix followed by a serial drawn ahead (serials.ts), or else the prefix the database appends
 * the next serial to.
 */
function newDocument(input: IssueInput, serial?: number): NewDocument {
  const prefix = `${DOCUMENT_PREFIX[input.kind]}${input.cityCode}${beijingDate(input.at).slice(0, 4)}`;
  return {
    cityCode: input.cityCode,
    id: newId(),
    kind: kindOf(input.kind),
    number: input.number
      ? { given: input.number }
      : serial !== undefined
        ? { given: prefix + serialText(serial) }
        : { prefix },
    subject: input.subject,
    applicationId: input.applicationId,
    issuedAt: input.at,
    issuer: input.issuer ?? null,
  };
}

const issued = (signer: Signer, paper: Paper, d: NewDocument, number: string): IssuedDocument => ({
  kind: kindOf(paper),
  number,
  verifyToken: documentToken(signer, { cityCode: d.cityCode, id: d.id, kind: d.kind, number }),
});

/**
 * Issues a document. Its number is known before the row is written (given, or a serial drawn
 * ahead), so the row is written behind the step's next statement; only when the reserve is empty
 * does the step wait for the serial the database assigns.
 */
export async function issueDocument(
  tx: Tx,
  signer: Signer,
  input: IssueInput,
): Promise<IssuedDocument> {
  const d = newDocument(input, input.number ? undefined : serialsAhead(tx, 1)?.[0]);
  return issued(signer, input.kind, d, await insertDocument(tx, d));
}

/**
 * Issues a document that replaces the valid ones of its kind for its subject, which become void
 * (`reason`) in the same statement; returns it and the voided numbers. `read`: the numbers the
 * step read as valid (`validDocumentsOf`), as `issueDocumentSet` takes them.
 */
export async function reissueDocument(
  tx: Tx,
  signer: Signer,
  input: IssueInput,
  reason: string,
  read?: readonly string[],
): Promise<{ document: IssuedDocument; voided: string[] }> {
  const { kind, number: _, ...common } = input;
  const { documents, voided } = await issueDocumentSet(
    tx,
    signer,
    common,
    [{ kind }],
    [{ kind: kindOf(kind), reason }],
    read?.map((n) => ({ kind: kindOf(kind), number: n })),
  );
  return { document: documents[0]!, voided: voided.map((v) => v.number) };
}

/** The numbers of the valid documents of a kind about a subject (a VIN, an identity number). */
export async function validDocumentsOf(
  tx: Tx,
  v: { cityCode: string; subject: string; kind: Kind },
): Promise<string[]> {
  return (await validDocuments(tx, { ...v, kinds: [v.kind] })).map((r) => r.number);
}

/**
 * The valid documents of some kinds about the transaction's subject in hand
 * (db/subject-in-hand.ts), with that subject: read in the same round trip as the statement that
 * set it (a vehicle's file).
 */
export async function validDocumentsOfSubjectInHand(
  tx: Tx,
  v: { cityCode: string; kinds: readonly Kind[] },
): Promise<{ subject: string | null; documents: { kind: string; number: string }[] }> {
  return await validOfSubjectInHand(tx, { cityCode: v.cityCode, kinds: [...v.kinds] });
}

/**
 * Issues one step's documents about one subject (in the order given, numbers assigned as by
 * `issueDocument`), after voiding the valid ones of the `voiding` kinds, in one statement.
 * Returns the documents and the voided numbers with their kinds, in the order of `voiding`.
 * When every serial is drawn ahead and the step read the documents of the `voiding` kinds with
 * its facts (`read`; nothing to read when it voids nothing), the statement is written behind:
 * the voided are those read, which the statement checks (a lost race otherwise).
 */
export async function issueDocumentSet(
  tx: Tx,
  signer: Signer,
  common: Omit<IssueInput, 'kind' | 'number'>,
  issue: readonly { kind: Paper; number?: string }[],
  voiding: readonly { kind: Kind; reason: string }[],
  read?: readonly { kind: string; number: string }[],
): Promise<{ documents: IssuedDocument[]; voided: { kind: Kind; number: string }[] }> {
  const known = voiding.length ? read : [];
  const drawn = known && serialsAhead(tx, issue.filter((i) => !i.number).length);
  if (known && drawn) {
    const rows = issue.map((i) =>
      newDocument({ ...common, ...i }, i.number ? undefined : drawn.shift()),
    ) as (NewDocument & { number: { given: string } })[];
    const voided = voiding.flatMap((v) =>
      known
        .filter((r) => r.kind === v.kind)
        .map((r) => ({ kind: v.kind, number: r.number }))
        .sort((a, b) => a.number.localeCompare(b.number)),
    );
    await insertSetAsRead(
      tx,
      rows,
      voiding,
      voided.map((v) => v.number),
    );
    return {
      documents: rows.map((d, n) => issued(signer, issue[n]!.kind, d, d.number.given)),
      voided,
    };
  }
  const rows = issue.map((i) => newDocument({ ...common, ...i }));
  const { numbers, voided } = await insertSet(tx, rows, voiding);
  return {
    documents: rows.map((d, n) => issued(signer, issue[n]!.kind, d, numbers[n]!)),
    voided: voided.map((v) => ({ kind: v.kind as Kind, number: v.number })),
  };
}

/**
 * Endorses the valid document of a kind about a subject (the latest issued) and returns it with
 * its token: a mortgage or its release on the registration certificate (签注, R164 §§32–33),
 * which the step hands back; null when none is on file (a vehicle imported from the legacy
 * platform). Its verification lists the endorsements, with their days (public, §35).
 */
export async function endorseDocument(
  tx: Tx,
  signer: Signer,
  v: {
    cityCode: string;
    subject: string;
    kind: Kind;
    endorsement: Endorsement & { applicationId: string };
    /** Only when the document's last endorsement is not already of this kind. */
    unlessLast?: boolean;
  },
): Promise<IssuedDocument | null> {
  const d = await endorseLatestValid(tx, v);
  return d
    ? {
        kind: v.kind,
        number: d.number,
        verifyToken: documentToken(signer, {
          cityCode: v.cityCode,
          id: d.id,
          kind: d.issued_kind ?? v.kind,
          number: d.number,
        }),
      }
    : null;
}

/**
 * Voids a vehicle's valid mortgage records issued before a mortgage was endorsed on the
 * registration certificate (notices since migration 20270108100000): a release or a transfer ends
 * the mortgage they record, and their verification says so from then on.
 */
export async function voidMortgageRecordsOf(
  tx: Tx,
  d: { cityCode: string; subject: string; reason: string; at: Date },
): Promise<string[]> {
  return await voidIssuedAs(tx, { ...d, issuedKind: 'mortgage-record' });
}

/** Voids the valid documents of a kind for a subject (a reissue replaces them). */
export async function voidDocumentsOf(
  tx: Tx,
  d: { cityCode: string; subject: string; kind: Kind; reason: string; at: Date },
): Promise<string[]> {
  return await voidDocuments(tx, d);
}

/**
 * Undoes a step's voiding when its application is withdrawn: the documents it voided for `reason`
 * are valid again (none while the subject holds a valid one of the kind by then).
 */
export async function restoreVoidedDocuments(
  tx: Tx,
  d: { cityCode: string; subject: string; kind: Kind; numbers: string[]; reason: string },
): Promise<string[]> {
  return await unvoidDocuments(tx, d);
}

export type Verification =
  | {
      valid: true;
      kind: Kind;
      number: string;
      issuedAt: string;
      status: 'valid' | 'void';
      voidedAt: string | null;
      endorsements?: Endorsement[];
      /** The issuing office and outlet (public: no staff or holder is named). */
      issuer: { office: string | null; outlet: string | null };
    }
  | { valid: false; kind: null; number: null; issuedAt: null; status: null };

/** The answer to any token that is not a genuine document's. */
export const INVALID: Verification = {
  valid: false,
  kind: null,
  number: null,
  issuedAt: null,
  status: null,
};

/** The document a token names, when the token is genuine; null for anything else. */
async function genuineDocument(db: DbOrTx, signer: Signer, token: string) {
  if (token.length > 200) return null;
  const parsed = parseToken(token);
  if (!parsed) return null;
  const doc = await findDocument(db, parsed.cityCode, parsed.id);
  // A document relabelled to one of API v1's kinds keeps the token it was issued with.
  const kind = doc && (doc.issued_kind ?? doc.kind);
  const text =
    doc &&
    kind &&
    signedText({ cityCode: parsed.cityCode, id: parsed.id, kind, number: doc.number });
  return text && signer.verify('document', text, parsed.signature, 16) ? doc : null;
}

/**
 * The inclusion proof of a genuine document's audit record in a published audit checkpoint, so
 * anyone can check the issue was recorded in a log its administrator cannot rewrite unseen.
 */
export async function documentProof(db: DbOrTx, signer: Signer, token: string) {
  const doc = await genuineDocument(db, signer, token);
  const proof =
    doc?.application_id &&
    (await inclusionProof(db, {
      cityCode: doc.city_code,
      applicationId: doc.application_id,
      at: doc.issued_at,
    }));
  return proof ? { covered: true as const, ...proof } : { covered: false as const };
}

/** Public check of a document token: forged, altered or unknown tokens are simply not valid. */
export async function verifyDocumentToken(
  db: DbOrTx,
  signer: Signer,
  token: string,
): Promise<Verification> {
  const doc = await genuineDocument(db, signer, token);
  if (!doc) return INVALID;
  return present(doc);
}

const present = (doc: NonNullable<Awaited<ReturnType<typeof findDocument>>>): Verification => ({
  valid: true,
  // The table's check holds API v1's kinds only (migration 20270108100000).
  kind: doc.kind as Kind,
  number: doc.number,
  issuedAt: beijingInstant(doc.issued_at),
  status: doc.status,
  voidedAt: doc.voided_at ? beijingInstant(doc.voided_at) : null,
  // What and when only: the application that endorsed it is not public.
  ...(doc.endorsements.length
    ? { endorsements: doc.endorsements.map(({ what, on }) => ({ what, on })) }
    : {}),
  issuer: { office: doc.issuer_office, outlet: doc.issuer_outlet },
});

/**
 * The public page's look-up by the number printed on a document: what it is, whether it is
 * still valid and who issued it, never whom it is about. An unknown number is simply not valid.
 */
export async function verifyDocumentNumber(db: DbOrTx, number: string): Promise<Verification> {
  // The route takes the number as typed (an opaque parameter): no number has a control or
  // direction character, and PostgreSQL's text cannot hold NUL, so such a number is not valid.
  if (number.length > 64 || textProblem(number)) return INVALID;
  const doc = await findDocumentByNumber(db, number);
  return doc ? present(doc) : INVALID;
}

/** One entry of a file about a document: its issue, or its voiding. */
export interface DocumentEntry {
  at: Date;
  kind: string;
  number: string;
  applicationId: string | null;
  /** What the document became at `at`: issued valid, or void from then on. */
  status: 'valid' | 'void';
  /** The voiding's: why (null for an issue, and for a voiding recorded without one). */
  reason: string | null;
}

/**
 * The documents of a subject (a vehicle's VIN, a driver's identity number) as entries of its
 * file: each one's issue as it was then (valid), and its voiding, when it has been voided, as an
 * entry of its own. A voiding follows its issue, so a stable sort by time keeps them in order.
 */
export async function documentEntriesAbout(
  db: DbOrTx,
  cityCode: string,
  subject: string,
): Promise<DocumentEntry[]> {
  return (await documentsOf(db, cityCode, subject)).flatMap((d) => {
    const about = { kind: d.kind, number: d.number, applicationId: d.application_id };
    const issued = { ...about, at: d.issued_at, status: 'valid' as const, reason: null };
    if (!d.voided_at) return [issued];
    return [issued, { ...about, at: d.voided_at, status: 'void' as const, reason: d.void_reason }];
  });
}
