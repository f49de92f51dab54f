import { z } from 'zod';
import { partyIdSchema, plateSchema, vinSchema } from '../validators/index.ts';
import { codeText, freeText } from './text.ts';

/**
 * The data of each lifecycle event (shared/src/lifecycles.ts), by business type and event code:
 * the server's event handlers check it and the web app's event forms are built on it.
 */
export const eventDataSchemas = {
  'vehicle.plate-reissue': {
    'plate-produced': z.object({ batchNo: codeText(64).optional() }),
    /**
     * Who collects: the applicant, or its representative. An organisation that applied without
     * one collects under its own unified social credit code (its staff show its papers).
     */
    'plate-handed-over': z.object({ collectorIdNumber: partyIdSchema }),
    'collection-deadline': z.object({}),
  },
  'vehicle.register': {
    /** The VIN as read off the vehicle at the check, compared with the papers (R164 §15(三)). */
    'vehicle-checked': z.object({ vin: vinSchema, note: freeText(200).optional() }),
    'application-reviewed': z.object({}),
    /** A candidate or self-composed number (R164 §43); otherwise the one applied for, or drawn. */
    'number-selected': z.object({ plate: plateSchema.optional() }),
    'certificates-issued': z.object({}),
    'plate-fitted': z.object({}),
  },
} as const;
