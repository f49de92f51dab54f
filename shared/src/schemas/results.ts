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
  'licence.renew': z.object({ documents, validUntil: date }),
  'licence.reissue': z.object({ documents }),
  'violation.handle': z.object({ points: z.number().int(), fine: z.number() }),
  'points.reduce': z.object({
    reduced: z.number().int(),
    reducedThisCycle: z.number().int(),
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
  'licence.apply': z.object({ documents: documents.optional() }),
  'exam.book': z.object({ documents: documents.optional() }),
  'fine.pay': z.object({ fine: z.number(), lateFee: z.number(), paidAt: z.string() }),
} satisfies Record<BusinessTypeCode, z.ZodType>;

export type BusinessResult<T extends BusinessTypeCode> = z.infer<(typeof businessResultSchemas)[T]>;
