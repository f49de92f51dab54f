import { z } from 'zod';

/** The public verification of a printed document or notice (CONTRACT.md "Verification"). */
export const verificationSchema = z.object({
  valid: z.boolean(),
  kind: z.string().nullable(),
  number: z.string().nullable(),
  issuedAt: z.string().nullable(),
  status: z.enum(['valid', 'void']).nullable(),
  voidedAt: z.string().nullable().optional(),
  /** The issuing office and outlet, as printed on the document. */
  issuer: z.object({ office: z.string().nullable(), outlet: z.string().nullable() }).optional(),
});
export type Verification = z.infer<typeof verificationSchema>;
