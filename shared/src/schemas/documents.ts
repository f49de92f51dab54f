import { z } from 'zod';
import { DOCUMENT_KINDS } from './applications.ts';

/** What may be endorsed on a document (签注). */
export const ENDORSEMENTS = ['mortgage', 'mortgage-release'] as const;
export type Endorsement = { what: (typeof ENDORSEMENTS)[number]; on: string };

/** The public verification of a printed document or notice (CONTRACT.md "Verification"). */
export const verificationSchema = z.object({
  valid: z.boolean(),
  kind: z.enum(DOCUMENT_KINDS).nullable(),
  number: z.string().nullable(),
  issuedAt: z.string().nullable(),
  status: z.enum(['valid', 'void']).nullable(),
  voidedAt: z.string().nullable().optional(),
  /**
   * What the office has endorsed on the document (签注: a mortgage and its release on the
   * registration certificate, R164 §§32–33), in order, with the day: mortgage dates are public
   * (§35). Absent for a document that carries no endorsements.
   */
  endorsements: z.array(z.object({ what: z.enum(ENDORSEMENTS), on: z.string() })).optional(),
  /** The issuing office and outlet, as printed on the document. */
  issuer: z.object({ office: z.string().nullable(), outlet: z.string().nullable() }).optional(),
});
export type Verification = z.infer<typeof verificationSchema>;

const chain = { cityCode: z.string(), partitionKey: z.string() };

/** A signed audit checkpoint as published (server/src/audit/checkpoints.service.ts). */
export const publishedCheckpointSchema = z.object({
  body: z.object({
    version: z.literal(1),
    id: z.string(),
    at: z.string(),
    previous: z.object({ id: z.string(), batchRoot: z.string() }).nullable(),
    heads: z.array(z.object({ ...chain, seq: z.number().int(), hash: z.string() })),
    batch: z.object({
      size: z.number().int(),
      root: z.string(),
      ranges: z.array(z.object({ ...chain, fromSeq: z.number().int(), toSeq: z.number().int() })),
    }),
  }),
  signature: z.string(),
  publicKey: z.string(),
  leaves: z.array(z.string()),
});

export const auditPublicKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  publicKey: z.string(),
});

/** A document's audit record in a published checkpoint (RFC 6962 audit path), or not yet. */
export const inclusionProofSchema = z.union([
  z.object({
    covered: z.literal(true),
    record: z.object({ ...chain, seq: z.number().int(), hash: z.string() }),
    checkpoint: z.object({
      id: z.string(),
      at: z.string(),
      batchSize: z.number().int(),
      batchRoot: z.string(),
    }),
    leafIndex: z.number().int(),
    path: z.array(z.string()),
  }),
  z.object({ covered: z.literal(false) }),
]);
