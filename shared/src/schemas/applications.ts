import { z } from 'zod';
import { BUSINESS_TYPE_CODES, type BusinessTypeCode } from '../catalog.ts';
import { idNumberSchema, plateSchema, vinSchema } from '../validators/index.ts';
import { dateSchema, nameSchema, phoneSchema } from './common.ts';

/** A person on an application: the applicant (申请人) or a representative (代办人). */
export const personSchema = z.object({
  idNumber: idNumberSchema,
  name: nameSchema,
  phone: phoneSchema.optional(),
});

export const applicationRequestSchema = z.object({
  businessType: z.enum(BUSINESS_TYPE_CODES, { message: '未知的业务类型' }),
  applicant: personSchema,
  agent: personSchema.optional(),
  data: z.record(z.string(), z.unknown()).default({}),
  idempotencyKey: z.string().min(1).max(128).optional(),
});
export type ApplicationRequest = z.infer<typeof applicationRequestSchema>;

export const vehicleTypeSchema = z.enum([
  'small-car',
  'large-car',
  'small-new-energy',
  'large-new-energy',
  'motorcycle',
  'trailer',
]);
export const useNatureSchema = z.enum(['non-operating', 'operating']);
const text = (max = 64) => z.string().trim().min(1, '不能为空').max(max);

/**
 * `data` of each business type (CONTRACT.md minimum fields; more are allowed and kept).
 * Only the types implemented so far are enforced by the pipeline; the others are here so
 * the catalog and the web app already know their shape.
 */
export const businessDataSchemas = {
  'vehicle.register': z.looseObject({
    vin: vinSchema,
    brand: text(),
    model: text(),
    vehicleType: vehicleTypeSchema,
    useNature: useNatureSchema,
    seats: z.number().int().min(1).max(99),
    manufacturedOn: dateSchema,
    insuranceValidUntil: dateSchema,
    invoiceNo: text(),
  }),
  'vehicle.transfer': z.looseObject({
    plate: plateSchema,
    invoiceNo: text(),
    mortgageeOrgCode: text().optional(),
  }),
  'vehicle.mortgage': z.looseObject({
    plate: plateSchema,
    mortgageeOrgCode: text(),
    contractNo: text(),
  }),
  'vehicle.mortgage-release': z.looseObject({ plate: plateSchema, contractNo: text() }),
  'vehicle.deregister': z.looseObject({
    plate: plateSchema,
    reason: z.enum(['scrapped', 'lost', 'exported', 'returned']),
  }),
  'vehicle.temp-plate': z.looseObject({
    vin: vinSchema,
    purpose: z.enum(['unregistered', 'export'], { message: '用途应为 unregistered 或 export' }),
    days: z.number({ message: '天数应为整数' }).int('天数应为整数').min(1, '天数至少为1天'),
    insuranceValidUntil: dateSchema,
  }),
  'vehicle.licence-reissue': z.looseObject({ plate: plateSchema }),
  'vehicle.certificate-reissue': z.looseObject({ plate: plateSchema }),
  'vehicle.inspection-mark': z.looseObject({
    plate: plateSchema,
    insuranceValidUntil: dateSchema,
    inspectionReportNo: text().optional(),
  }),
  'licence.renew': z.looseObject({ medicalCertificateNo: text() }),
  'licence.reissue': z.looseObject({}),
  'violation.handle': z.looseObject({ violationId: text() }),
  'points.reduce': z.looseObject({
    method: z.enum(['online', 'onsite', 'public-welfare']),
    minutes: z.number().int().min(0),
    examPassed: z.boolean(),
  }),
} satisfies Record<BusinessTypeCode, z.ZodType>;

export type BusinessData<T extends BusinessTypeCode> = z.infer<(typeof businessDataSchemas)[T]>;

export const documentSchema = z.object({
  kind: z.enum([
    'vehicle-licence',
    'registration-certificate',
    'plate',
    'temp-plate',
    'inspection-mark',
    'driving-licence',
    'notice',
  ]),
  number: z.string(),
  verifyToken: z.string(),
});
export type IssuedDocument = z.infer<typeof documentSchema>;

/**
 * One item of a 1331 refusal notice. `message` and `remedy` are Chinese (CONTRACT.md);
 * `messageEn` and `remedyEn` say the same in English for the English UI. `legalBasis` names the
 * Chinese regulation and stays Chinese.
 */
export const refusalItemSchema = z.object({
  code: z.string(),
  message: z.string(),
  legalBasis: z.string(),
  remedy: z.string(),
  messageEn: z.string(),
  remedyEn: z.string(),
});
export type RefusalItem = z.infer<typeof refusalItemSchema>;

export const applicationResponseSchema = z.object({
  id: z.string(),
  businessType: z.string(),
  status: z.enum(['completed', 'accepted', 'refused']),
  outletCode: z.string(),
  outletName: z.string(),
  channel: z.enum(['window', 'social', 'internet', 'api']),
  applicant: z.object({ idNumber: z.string(), name: z.string() }),
  result: z.record(z.string(), z.unknown()).optional(),
  refusal: z
    .object({
      noticeNumber: z.string(),
      verifyToken: z.string(),
      items: z.array(refusalItemSchema),
    })
    .optional(),
  submittedAt: z.string(),
  completedAt: z.string().nullable(),
  slaDueOn: z.string().nullable(),
});
export type ApplicationResponse = z.infer<typeof applicationResponseSchema>;
