import { z } from 'zod';
import { partyIdSchema, plateSchema, vinSchema } from '../validators/index.ts';
import { useNatureSchema, vehicleTypeSchema } from './applications.ts';
import { dateSchema, nameSchema, phoneSchema } from './common.ts';
import { codeText, freeText, nameText } from './text.ts';

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
  /**
   * A standing mortgage, or null. Its date is for anyone who reads the vehicle (R164 §35: the
   * dates are public); the mortgagee and the contract only for those whose work needs them (the
   * police offices, supervisors, the mortgagee's own bank outlets), null for other readers.
   */
  mortgage: z
    .object({
      mortgageeOrgCode: z.string().nullable(),
      contractNo: z.string().nullable(),
      registeredOn: z.string(),
    })
    .nullable(),
  inspectionValidUntil: z.string().nullable(),
  registeredOn: z.string().nullable(),
  manufacturedOn: z.string().nullable(),
  /**
   * Moved out of the jurisdiction (转出, R164 §18): the destination's city code and the day. Its
   * file is then the destination office's, and this office refuses business on it; `status` keeps
   * the contract's vocabulary. Absent for a vehicle that stays.
   */
  movedOut: z.object({ to: z.string(), on: z.string() }).optional(),
});
export type VehicleResponse = z.infer<typeof vehicleResponseSchema>;

/** One NDJSON line of `POST /api/v1/imports/vehicles` (CONTRACT.md). */
export const vehicleImportSchema = z.object({
  vin: vinSchema,
  plate: plateSchema,
  vehicleType: vehicleTypeSchema,
  useNature: useNatureSchema,
  seats: z.number().int().min(0).max(99),
  owner: z.object({ idNumber: partyIdSchema, name: nameSchema, phone: phoneSchema.optional() }),
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

/** Police status flags (CONTRACT.md "Status flags"): a flagged vehicle's business is refused. */
export const VEHICLE_FLAGS = ['seized', 'stolen'] as const;
export const vehicleFlagSchema = z.enum(VEHICLE_FLAGS, { message: '标记应为 seized 或 stolen' });

/** `POST /vehicles/{vin}/flags`. */
export const flagRequestSchema = z.object({
  flag: vehicleFlagSchema,
  reason: freeText(500),
  /** The deciding authority, e.g. a court or a public security bureau. */
  authority: nameText(100),
});

/** `DELETE /vehicles/{vin}/flags/{flag}?note=`: an optional note on why it is lifted. */
export const flagLiftSchema = z.object({ note: freeText(500).optional() });

export const activeFlagSchema = z.object({
  flag: vehicleFlagSchema,
  reason: z.string(),
  authority: z.string(),
  setAt: z.string(),
  setBy: z.string(),
});

export const vehicleFlagsResponseSchema = z.object({
  vin: z.string(),
  plate: z.string().nullable(),
  status: vehicleStatusSchema,
  flags: z.array(activeFlagSchema),
});
export type VehicleFlagsResponse = z.infer<typeof vehicleFlagsResponseSchema>;

/**
 * One entry of a vehicle's file (`GET /vehicles/{vin}/history`), oldest first: an application
 * about it, a document issued for it, a change of its registry record, or a station's
 * inspection report (at its finish, `number` the report number, `status` pass or fail).
 */
export const historyItemSchema = z.object({
  at: z.string(),
  kind: z.enum(['application', 'document', 'status', 'inspection']),
  /**
   * application: its business type; document: its kind; status: the registry event
   * (registered, seized, …); inspection: `inspection-report`.
   */
  event: z.string(),
  applicationId: z.string().nullable(),
  /**
   * application: completed/accepted/refused/…; document: valid at its issue, void at its voiding
   * (an entry of its own, with `details.reason`); inspection: pass/fail.
   */
  status: z.string().nullable(),
  statusFrom: vehicleStatusSchema.nullable(),
  statusTo: vehicleStatusSchema.nullable(),
  plate: z.string().nullable(),
  documentKind: z.string().nullable(),
  number: z.string().nullable(),
  /**
   * Where or by whom: the outlet of an application, the staff or authority of a change, the
   * station of an inspection.
   */
  by: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const vehicleHistorySchema = z.object({
  vin: z.string(),
  items: z.array(historyItemSchema),
});

/** `GET /plates/candidates?vehicleType=&count=` (CONTRACT.md "Plate candidates"). */
export const plateCandidatesQuerySchema = z.object({
  vehicleType: vehicleTypeSchema,
  count: z.coerce.number().int().min(1).max(20).default(5),
});
export const plateCandidatesSchema = z.object({ items: z.array(z.string()) });
export type PlateCandidates = z.infer<typeof plateCandidatesSchema>;

const instant = z.iso.datetime({ offset: true, message: '时间应为带时区的 ISO 8601 格式' });

/** `POST /inspections` (CONTRACT.md "Inspections"): a station's result, as supervision audits it. */
const inspectionFields = z.object({
  plate: plateSchema.optional(),
  /** A vehicle not yet registered is named by its VIN. */
  vin: vinSchema.optional(),
  result: z.enum(['pass', 'fail']),
  items: z
    .array(
      z.object({
        code: codeText(32),
        result: z.enum(['pass', 'fail']),
        note: freeText(200).optional(),
      }),
    )
    .min(1, '至少应有一个检验项目')
    .max(200),
  startedAt: instant,
  finishedAt: instant,
  inspector: nameText(64),
  photoHashes: z
    .array(z.string().regex(/^[0-9a-f]{64}$/i, '照片摘要应为 SHA-256 十六进制'))
    .max(100)
    .optional(),
});

/** The checks an inspection passes on its own: a vehicle named, finish not before start. */
function checkInspection(i: z.infer<typeof inspectionFields>, ctx: z.RefinementCtx) {
  if (!i.plate && !i.vin) {
    ctx.addIssue({ code: 'custom', path: ['plate'], message: '应提供号牌号码或车辆识别代号' });
  }
  if (Date.parse(i.finishedAt) < Date.parse(i.startedAt)) {
    ctx.addIssue({ code: 'custom', path: ['finishedAt'], message: '结束时间不能早于开始时间' });
  }
}

export const inspectionRequestSchema = inspectionFields.superRefine(checkInspection);
export type InspectionRequest = z.infer<typeof inspectionRequestSchema>;

/**
 * One NDJSON line of `POST /api/v1/imports/inspections` (CONTRACT.md Part 2): the fields of
 * `POST /inspections` plus the legacy platform's id, the station that inspected and, when the
 * legacy platform numbered its report, that number (otherwise the id is the report number).
 */
export const inspectionImportSchema = inspectionFields
  .extend({ id: codeText(64), stationCode: codeText(64), reportNo: codeText(64).optional() })
  .superRefine(checkInspection);
export type InspectionImport = z.infer<typeof inspectionImportSchema>;

export const inspectionCreatedSchema = z.object({ id: z.string(), reportNo: z.string() });
