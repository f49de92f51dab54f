import { z } from 'zod';
import {
  LICENCE_CLASSES,
  LICENCE_STATUSES,
  REVOCATION_CAUSES,
  VALIDITY_TERMS,
} from '../licences.ts';
import { idNumberSchema } from '../validators/index.ts';
import { dateSchema, nameSchema } from './common.ts';
import { codeText } from './text.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const licenceClassSchema = z.enum(LICENCE_CLASSES, { message: '未知的准驾车型' });
export const licenceStatusSchema = z.enum(LICENCE_STATUSES);

/** A list of classes: at least one, none twice. */
export const licenceClassesSchema = z
  .array(licenceClassSchema)
  .min(1, '至少一个准驾车型')
  .max(LICENCE_CLASSES.length)
  .refine((cs) => new Set(cs).size === cs.length, '准驾车型不能重复');

/** The points cycle in force (R163 §3): from the first-issue anniversary, 12 months. */
export const cycleSchema = z.object({
  start: date,
  /** The cycle's last day. */
  end: date,
  points: z.number().int(),
  /** Points reduced by study (学法减分) in this cycle. */
  reduced: z.number().int(),
  /** Points of unpaid fines carried over from earlier cycles (R163 §15), included in `points`. */
  carriedOver: z.number().int(),
});
export type CycleSummary = z.infer<typeof cycleSchema>;

/** `GET /api/v1/licences/{idNumber}` (CONTRACT.md "Registries"); more fields than the minimum. */
export const licenceResponseSchema = z.object({
  idNumber: z.string(),
  name: z.string(),
  licenceNo: z.string(),
  classes: z.array(licenceClassSchema),
  status: licenceStatusSchema,
  firstIssuedOn: date,
  /** null for a long-term (长期) licence. */
  validUntil: date.nullable(),
  validityTerm: z.enum(VALIDITY_TERMS),
  probationUntil: date.nullable(),
  cycle: cycleSchema,
  /** Duties the holder's age brings (R162 §65, §74), in Chinese and English. */
  duties: z.array(z.object({ code: z.string(), message: z.string(), messageEn: z.string() })),
});
export type LicenceResponse = z.infer<typeof licenceResponseSchema>;

/** One NDJSON line of `POST /api/v1/imports/licences` (CONTRACT.md "Imports"). */
export const licenceImportSchema = z.object({
  idNumber: idNumberSchema,
  name: nameSchema,
  licenceNo: codeText(32, /^[0-9A-Z]+$/),
  classes: licenceClassesSchema,
  firstIssuedOn: dateSchema,
  validUntil: dateSchema.nullable(),
  status: licenceStatusSchema.optional(),
  /** Points of the cycle in force when the record left the legacy platform. */
  points: z.number().int().min(0).max(99).optional(),
  validityTerm: z.enum(VALIDITY_TERMS).optional(),
  /**
   * A revoked licence's day and cause, as the legacy platform has them: the bar on applying again
   * runs from the day and depends on the cause (R162 §15). Without a day the import day counts.
   */
  revokedOn: dateSchema.optional(),
  revocationCause: z.enum(REVOCATION_CAUSES).optional(),
});
export type LicenceImport = z.infer<typeof licenceImportSchema>;

export const idNumberParamsSchema = z.object({ idNumber: idNumberSchema });

/** `POST /api/v1/medical-certificates` from a hospital exam point (CONTRACT.md Part 2). */
export const medicalCertificateRequestSchema = z.object({
  idNumber: idNumberSchema,
  name: nameSchema,
  examinedOn: dateSchema,
  conclusion: z.enum(['fit', 'unfit'], { message: '结论应为 fit 或 unfit' }),
  classes: licenceClassesSchema.optional(),
  /**
   * The memory, judgment and reaction test taken with the medical (R162 §14(二)9 as amended by
   * R172): needed for a C1/C2/C5/F application at 70 or more. An optional addition to the contract.
   */
  cognitiveTest: z.enum(['pass', 'fail'], { message: '测试结果应为 pass 或 fail' }).optional(),
});

export const medicalCertificateSchema = z.object({
  certificateNo: z.string(),
  validUntil: date,
  idNumber: z.string(),
  name: z.string(),
  examinedOn: date,
  conclusion: z.enum(['fit', 'unfit']),
  classes: z.array(licenceClassSchema).nullable(),
  outletName: z.string(),
  /** Whether a renewal or application has used it (one certificate serves one business). */
  used: z.boolean(),
});
export type MedicalCertificate = z.infer<typeof medicalCertificateSchema>;

/**
 * What a renewal needs to know (need to know: a hospital or post clerk sees this, not the driver
 * file): the licence's classes, validity and status, when it may be renewed, and the holder's
 * medical certificates still valid.
 */
export const renewalViewSchema = z.object({
  idNumber: z.string(),
  name: z.string(),
  classes: z.array(licenceClassSchema),
  status: licenceStatusSchema,
  validUntil: date.nullable(),
  validityTerm: z.enum(VALIDITY_TERMS),
  /** First and last day a renewal is accepted (null for a long-term licence). */
  renewableFrom: date.nullable(),
  renewableUntil: date.nullable(),
  certificates: z.array(medicalCertificateSchema),
});
export type RenewalView = z.infer<typeof renewalViewSchema>;

/**
 * One entry of a licence's file (`GET /licences/{idNumber}/history`), oldest first: an
 * application of the holder's driver business, a document issued to them, or a change of the
 * licence record (issued, class added, renewed, detained, released, cancelled …).
 */
export const licenceHistoryItemSchema = z.object({
  at: z.string(),
  kind: z.enum(['application', 'document', 'status']),
  /** application: its business type; document: its kind; status: the licence event. */
  event: z.string(),
  applicationId: z.string().nullable(),
  /**
   * application: completed/accepted/refused/…; document: valid at its issue, void at its voiding
   * (an entry of its own, with `details.reason`).
   */
  status: z.string().nullable(),
  statusFrom: z.enum(LICENCE_STATUSES).nullable(),
  statusTo: z.enum(LICENCE_STATUSES).nullable(),
  documentKind: z.string().nullable(),
  number: z.string().nullable(),
  /** Where or by whom: the outlet of an application, the staff member of a change. */
  by: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type LicenceHistoryItem = z.infer<typeof licenceHistoryItemSchema>;

export const licenceHistorySchema = z.object({
  idNumber: z.string(),
  items: z.array(licenceHistoryItemSchema),
});
