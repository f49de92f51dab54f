import { z } from 'zod';
import type { BusinessTypeCode } from '../catalog.ts';
import { documentSchema } from './applications.ts';

/**
 * The `result` of each business type (CONTRACT.md's business-type table, minimum fields), as the
 * handler's effects produce it and the API answers it. A handler's outcome is checked against its
 * type's schema before it is stored, so a handler cannot answer a shape partners do not expect.
 */
const documents = z.array(documentSchema);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const businessResultSchemas = {
  /**
   * Completed: the vehicle, its plate and its documents. A one-lane registration in progress
   * has its receipt (and its number, once selected) and gets the rest at its last stage.
   */
  'vehicle.register': z.object({
    vehicleId: z.string().optional(),
    plate: z.string().optional(),
    vin: z.string().optional(),
    /** The kind of plate the number is chosen for (a lane's number desk asks candidates of it). */
    vehicleType: z.string().optional(),
    documents,
  }),
  'vehicle.transfer': z.object({
    plate: z.string(),
    oldPlate: z.string().nullable().optional(),
    documents,
    voidedNumbers: z.array(z.string()).optional(),
  }),
  'vehicle.mortgage': z.object({ documents }),
  'vehicle.mortgage-release': z.object({
    documents: documents.optional(),
    voidedNumbers: z.array(z.string()).optional(),
  }),
  'vehicle.deregister': z.object({
    documents: documents.optional(),
    voidedNumbers: z.array(z.string()).optional(),
  }),
  'vehicle.temp-plate': z.object({
    tempPlate: z.string(),
    validFrom: date,
    validUntil: date,
    documents,
  }),
  'vehicle.licence-reissue': z.object({
    plate: z.string(),
    documents,
    /** Numbers of the licences that became void with the reissue. */
    voidedNumbers: z.array(z.string()),
  }),
  'vehicle.certificate-reissue': z.object({
    plate: z.string(),
    documents,
    voidedNumbers: z.array(z.string()).optional(),
  }),
  'vehicle.inspection-mark': z.object({
    documents,
    inspectionValidUntil: date,
    /** Claimed without a station inspection (2022 reform). */
    exempt: z.boolean().optional(),
    voidedNumbers: z.array(z.string()).optional(),
  }),
  'licence.renew': z.object({
    documents,
    /** null when the renewed licence is long-term (长期, R162 §62). */
    validUntil: date.nullable(),
    validityTerm: z.enum(['6y', '10y', 'long-term']).optional(),
    /** The classes on the renewed licence (R162 §65 may drop some with age). */
    classes: z.array(z.string()).optional(),
  }),
  'licence.reissue': z.object({ documents }),
  'violation.handle': z.object({
    /** The record handled, as the result notice prints it. */
    violation: z
      .object({
        id: z.string(),
        plate: z.string(),
        code: z.string(),
        description: z.string().nullable(),
        occurredAt: z.string(),
      })
      .optional(),
    points: z.number().int(),
    fine: z.number(),
    /** The driver's points in the cycle after this record (R163 §14). */
    cyclePoints: z.number().int().optional(),
    /** When the record brought the driver to 12 points (满分, R163 §17–§22). */
    fullScore: z
      .object({
        studyDays: z.number().int(),
        subjects: z.array(z.number().int()),
        cancelledClasses: z.array(z.string()),
      })
      .optional(),
  }),
  'points.reduce': z.object({
    reduced: z.number().int(),
    reducedThisCycle: z.number().int(),
    /** The cycle's points after the reduction. */
    cyclePoints: z.number().int().optional(),
  }),
  'vehicle.plate-reissue': z.object({
    plate: z.string(),
    /** The receipt and the temporary plate at acceptance; the plate itself when handed over. */
    documents,
    tempPlate: z.string(),
    tempPlateValidUntil: date,
    voidedNumbers: z.array(z.string()).optional(),
  }),
  'vehicle.change': z.object({
    plate: z.string(),
    documents,
    voidedNumbers: z.array(z.string()).optional(),
  }),
  'licence.apply': z.object({
    /** The receipt at acceptance; the licence when every subject is passed. */
    documents: documents.optional(),
    class: z.string().optional(),
    /** 学习驾驶证明 (R162 §40), from subject 1 passed. */
    learnerPermit: z.object({ issuedOn: date, validUntil: date }).optional(),
    licenceNo: z.string().optional(),
  }),
  'exam.book': z.object({
    documents: documents.optional(),
    subject: z.number().int().optional(),
    /** The first day the subject may be taken (R162 §§43–44, 47). */
    earliestOn: date.optional(),
    /** The session the ranking allocated, and the place in the ranking. */
    session: z
      .object({ id: z.string(), examSiteCode: z.string(), examDate: date, rank: z.number().int() })
      .optional(),
  }),
  'fine.pay': z.object({
    fine: z.number(),
    lateFee: z.number(),
    paidAt: z.string(),
    /** The last day to pay without a late fee (Proc §60). */
    deadline: date.optional(),
  }),
  'licence.review': z.object({
    /** The cycle the review was for (the last one that ended with points). */
    reviewedCycle: z.object({ start: date, end: date }),
  }),
  'violation.substitute-hold': z.object({
    /** The person whose substitute handling is held from now on, and the case it serves. */
    idNumber: z.string(),
    caseId: z.string(),
    since: z.string(),
  }),
  'agent.review-flag': z.object({
    /** The person flagged as an agent, the case it serves and the days it stands. */
    idNumber: z.string(),
    caseId: z.string(),
    from: date,
    until: date,
  }),
} satisfies Record<BusinessTypeCode, z.ZodType>;

export type BusinessResult<T extends BusinessTypeCode> = z.infer<(typeof businessResultSchemas)[T]>;
