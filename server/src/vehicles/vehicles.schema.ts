import { z } from 'zod';
import { useNatureSchema, vehicleTypeSchema } from '#shared/schemas/applications.ts';
import { dateSchema, nameSchema, phoneSchema } from '#shared/schemas/common.ts';
import { idNumberSchema, plateSchema, vinSchema } from '#shared/validators/index.ts';

export const VEHICLE_STATUSES = [
  'normal',
  'mortgaged',
  'seized',
  'stolen',
  'deregistered',
  'scrap-due',
] as const;

export const plateParamsSchema = z.object({ plate: plateSchema });
export const vinParamsSchema = z.object({ vin: vinSchema });

/** One NDJSON line of `POST /api/v1/imports/vehicles` (CONTRACT.md). */
export const vehicleImportSchema = z.object({
  vin: vinSchema,
  plate: plateSchema,
  vehicleType: vehicleTypeSchema,
  useNature: useNatureSchema,
  seats: z.number().int().min(0).max(99),
  owner: z.object({ idNumber: idNumberSchema, name: nameSchema, phone: phoneSchema.optional() }),
  registeredOn: dateSchema,
  manufacturedOn: dateSchema,
  inspectionValidUntil: dateSchema,
  status: z.enum(VEHICLE_STATUSES).optional(),
  mortgage: z
    .object({
      mortgageeOrgCode: z.string().trim().min(1).max(64),
      contractNo: z.string().trim().min(1).max(64),
    })
    .optional(),
  brand: z.string().trim().max(64).optional(),
  model: z.string().trim().max(64).optional(),
});
export type VehicleImport = z.infer<typeof vehicleImportSchema>;
