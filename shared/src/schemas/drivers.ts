import { z } from 'zod';
import { idNumberSchema } from '../validators/index.ts';
import { applicationResponseSchema, refusalItemSchema } from './applications.ts';
import {
  licenceResponseSchema,
  licenceStatusSchema,
  medicalCertificateSchema,
} from './licences.ts';
import { violationResponseSchema } from './violations.ts';

/**
 * `GET /api/v1/violations/{id}/handling-preview?idNumber=`: what the window sees before it
 * submits a violation handling — the record, the driver's cycle, the R163 §14 and substitute
 * (3 × 3) counts, and the refusal items the submission would get now.
 */
export const handlingPreviewSchema = z.object({
  violation: violationResponseSchema.nullable(),
  driver: z.object({
    hasLicence: z.boolean(),
    status: licenceStatusSchema.nullable(),
    cyclePoints: z.number().int(),
    cycleEnd: z.string().nullable(),
  }),
  ownsVehicle: z.boolean(),
  substitute: z.object({
    plates: z.number().int(),
    maxPlates: z.number().int().nullable(),
    drivers: z.number().int(),
    maxDrivers: z.number().int().nullable(),
  }),
  pointsAfter: z.number().int(),
  reachesFullScore: z.boolean(),
  items: z.array(refusalItemSchema),
});
export type HandlingPreview = z.infer<typeof handlingPreviewSchema>;

export const handlingPreviewQuerySchema = z.object({ idNumber: idNumberSchema });

/** The driver file (驾驶人档案): the licence with its cycle and everything recorded about it. */
export const driverFileSchema = z.object({
  idNumber: z.string(),
  licence: licenceResponseSchema.nullable(),
  ledger: z.array(
    z.object({
      on: z.string(),
      kind: z.enum(['violation', 'imported', 'reduction', 'full-score-cleared']),
      points: z.number().int(),
    }),
  ),
  fullScores: z.array(
    z.object({
      reachedOn: z.string(),
      points: z.number().int(),
      studyDays: z.number().int(),
      subjects: z.array(z.number().int()),
      status: z.enum(['studying', 'released']),
    }),
  ),
  violations: z.array(violationResponseSchema),
  exams: z.array(
    z.object({
      id: z.string(),
      subject: z.number().int(),
      class: z.string(),
      score: z.number(),
      passed: z.boolean(),
      absent: z.boolean(),
      faceMatch: z.string(),
      examSiteCode: z.string(),
      startedAt: z.string(),
      counted: z.boolean(),
    }),
  ),
  medicals: z.array(medicalCertificateSchema),
  applications: z.array(applicationResponseSchema),
});
export type DriverFile = z.infer<typeof driverFileSchema>;
