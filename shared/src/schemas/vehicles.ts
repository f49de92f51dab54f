import { z } from 'zod';
import { idNumberSchema, plateSchema, vinSchema } from '../validators/index.ts';
import { useNatureSchema, vehicleTypeSchema } from './applications.ts';
import { dateSchema, nameSchema, phoneSchema } from './common.ts';
import { codeText, nameText } from './text.ts';

/** The registry status of a vehicle (CONTRACT.md); its transitions: server/src/vehicles/vehicle-lifecycle.ts. */
export const VEHICLE_STATUSES = [
  'normal',
  'mortgaged',
  'seized',
  'stolen',
  'deregistered',
  'scrap-due',
] as const;
export const vehicleStatusSchema = z.enum(VEHICLE_STATUSES);
export type VehicleStatus = z.infer<typeof vehicleStatusSchema>;

/** `GET /vehicles/by-plate/{plate}` and `/by-vin/{vin}` (CONTRACT.md "Registries"). */
export const vehicleResponseSchema = z.object({
  vin: z.string(),
  plate: z.string().nullable(),
  vehicleType: z.string(),
  useNature: z.string(),
  status: vehicleStatusSchema,
  brand: z.string().nullable(),
  model: z.string().nullable(),
  seats: z.number().nullable(),
  owner: z.object({ idNumber: z.string(), name: z.string() }),
  mortgage: z
    .object({ mortgageeOrgCode: z.string(), contractNo: z.string(), registeredOn: z.string() })
    .nullable(),
  inspectionValidUntil: z.string().nullable(),
  registeredOn: z.string().nullable(),
  manufacturedOn: z.string().nullable(),
});
export type VehicleResponse = z.infer<typeof vehicleResponseSchema>;

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
  status: vehicleStatusSchema.optional(),
  mortgage: z.object({ mortgageeOrgCode: codeText(64), contractNo: codeText(64) }).optional(),
  brand: nameText(64).optional(),
  model: nameText(64).optional(),
  /** The owning county (GB/T 2260); otherwise the owner's, or the office's own county. */
  countyCode: z
    .string()
    .regex(/^\d{6}$/, '区县代码为6位数字')
    .optional(),
});
export type VehicleImport = z.infer<typeof vehicleImportSchema>;

/** The answer of every NDJSON import (CONTRACT.md "Imports"). */
export const importResultSchema = z.object({
  imported: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), error: z.string() })),
});
