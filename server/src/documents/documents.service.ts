import crypto from 'node:crypto';
import type { IssuedDocument } from '#shared/schemas/applications.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Signer } from '../platform/signing.ts';
import { beijingDate, beijingInstant } from '../platform/time.ts';
import { findDocument, insertDocument } from './documents.repository.ts';

type Kind = IssuedDocument['kind'];

/** Number prefixes printed on each kind of document. */
const PREFIX: Record<Kind, string> = {
  'vehicle-licence': 'XS',
  'registration-certificate': 'DJ',
  plate: 'HP',
  'temp-plate': 'LS',
  'inspection-mark': 'JY',
  'driving-licence': 'JZ',
  notice: 'GZ',
};

/**
 * The verification token printed on a document (as a QR code): its id and an HMAC over id,
 * kind and number. Nothing is stored; changing any part breaks the signature.
 */
function tokenFor(signer: Signer, id: string, kind: string, number: string): string {
  const idPart = Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
  return `${idPart}.${signer.sign('document', `${id}|${kind}|${number}`, 16)}`;
}

function idFromToken(token: string): string | null {
  const [idPart] = token.split('.');
  if (!idPart || !/^[A-Za-z0-9_-]{22}$/.test(idPart)) return null;
  const hex = Buffer.from(idPart, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IssueInput {
  kind: Kind;
  subject: string;
  applicationId: string;
  cityCode: string;
  at: Date;
  /** Documents that carry their own number (a plate); otherwise one is assigned. */
  number?: string;
}

export async function issueDocument(
  tx: Tx,
  signer: Signer,
  input: IssueInput,
): Promise<IssuedDocument> {
  const id = crypto.randomUUID();
  const number = await insertDocument(tx, {
    id,
    kind: input.kind,
    number: input.number
      ? { given: input.number }
      : { prefix: `${PREFIX[input.kind]}${input.cityCode}${beijingDate(input.at).slice(0, 4)}` },
    subject: input.subject,
    applicationId: input.applicationId,
    issuedAt: input.at,
  });
  return { kind: input.kind, number, verifyToken: tokenFor(signer, id, input.kind, number) };
}

export type Verification =
  | {
      valid: true;
      kind: string;
      number: string;
      issuedAt: string;
      status: 'valid' | 'void';
      voidedAt: string | null;
    }
  | { valid: false; kind: null; number: null; issuedAt: null; status: null };

const INVALID: Verification = {
  valid: false,
  kind: null,
  number: null,
  issuedAt: null,
  status: null,
};

/** Public check of a document token: forged, altered or unknown tokens are simply not valid. */
export async function verifyDocumentToken(
  db: DbOrTx,
  signer: Signer,
  token: string,
): Promise<Verification> {
  if (token.length > 200) return INVALID;
  const id = idFromToken(token);
  const signature = token.split('.')[1];
  if (!id || !signature || token.split('.').length !== 2) return INVALID;
  const doc = await findDocument(db, id);
  if (!doc || !signer.verify('document', `${id}|${doc.kind}|${doc.number}`, signature, 16))
    return INVALID;
  return {
    valid: true,
    kind: doc.kind,
    number: doc.number,
    issuedAt: beijingInstant(doc.issued_at),
    status: doc.status,
    voidedAt: doc.voided_at ? beijingInstant(doc.voided_at) : null,
  };
}
