import { z } from 'zod';
import { BUSINESS_TYPE_CODES, type BusinessTypeCode } from '../catalog.ts';
import { APPLICATION_STATUSES } from '../lifecycles.ts';
import { idNumberSchema, partyIdSchema, plateSchema, vinSchema } from '../validators/index.ts';
import { dateSchema, nameSchema, phoneSchema } from './common.ts';
import { codeText, freeText, nameText } from './text.ts';

/** A person on an application: the applicant (申请人) or a representative (代办人). */
export const personSchema = z.object({
  idNumber: idNumberSchema,
  name: nameSchema,
  phone: phoneSchema.optional(),
});

/**
 * The applicant (申请人): a person, or an organisation that owns or acquires a vehicle (its
 * GB 32100 unified social credit code in `idNumber`). A representative is always a person.
 */
export const applicantSchema = personSchema.extend({ idNumber: partyIdSchema });

export const applicationRequestSchema = z.object({
  businessType: z.enum(BUSINESS_TYPE_CODES, { message: '未知的业务类型' }),
  applicant: applicantSchema,
  agent: personSchema.optional(),
  data: z.record(z.string(), z.unknown()).default({}),
  idempotencyKey: codeText(128).optional(),
});
export type ApplicationRequest = z.infer<typeof applicationRequestSchema>;

/** 准驾车型 (R162 附件1). */
export const LICENCE_CLASSES = [
  'A1',
  'A2',
  'A3',
  'B1',
  'B2',
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'D',
  'E',
  'F',
  'M',
  'N',
  'P',
] as const;

export const vehicleTypeSchema = z.enum([
  'small-car',
  'large-car',
  'small-new-energy',
  'large-new-energy',
  'motorcycle',
  'trailer',
]);
/** Purposes of a temporary plate (R164 §§27, 28, 47, 48). */
export const TEMP_PLATE_PURPOSES = [
  'unregistered',
  'export',
  'testing',
  'oversize',
  'plate-delay',
  'move-out',
  'used-car-export',
  'icv-road-test',
] as const;
export type TempPlatePurpose = (typeof TEMP_PLATE_PURPOSES)[number];

export const useNatureSchema = z.enum(['non-operating', 'operating']);
/** Brand and model names; document, contract and record numbers; short free values. */
const label = (max = 64) => nameText(max);
const code = (max = 64) => codeText(max);

/**
 * `data` of each business type (CONTRACT.md minimum fields; more are allowed and kept).
 * Only the types implemented so far are enforced by the pipeline; the others are here so
 * the catalog and the web app already know their shape.
 */
export const businessDataSchemas = {
  'vehicle.register': z.looseObject({
    vin: vinSchema,
    brand: label(),
    model: label(),
    vehicleType: vehicleTypeSchema,
    useNature: useNatureSchema,
    seats: z.number().int().min(1).max(99),
    manufacturedOn: dateSchema,
    insuranceValidUntil: dateSchema,
    invoiceNo: code(),
    /** A selected candidate or a self-composed number (R164 §43); otherwise one is drawn. */
    plate: plateSchema.optional(),
    /** The inspection report, where the vehicle is not exempt from inspection (§11). */
    inspectionReportNo: code().optional(),
    /** Imported through customs (§11). */
    imported: z.boolean().optional(),
    /** An accident before registration: an exempt vehicle must then be inspected (§11). */
    preRegistrationAccident: z.boolean().optional(),
    /** Through the one-lane registration (通道式上牌) of an office: accepted, then staged. */
    lane: z.boolean().optional(),
  }),
  'vehicle.transfer': z.looseObject({
    plate: plateSchema,
    invoiceNo: code(),
    /**
     * The mortgagee co-applying while the vehicle is mortgaged (R164 §26): its code, with its
     * representative recorded at the window (the code alone is not the mortgagee applying).
     */
    mortgageeOrgCode: code().optional(),
    mortgageeRepresentative: personSchema.optional(),
    /** The new owner's mortgage contract with that mortgagee, registered anew (R164 §§26, 31). */
    contractNo: code().optional(),
    /** Where the inspection has expired: a passed report and insurance (§26(6)). */
    inspectionReportNo: code().optional(),
    insuranceValidUntil: dateSchema.optional(),
    /** The former owner keeps the old number for a later vehicle (§44). */
    keepOldNumber: z.boolean().optional(),
  }),
  'vehicle.mortgage': z.looseObject({
    plate: plateSchema,
    mortgageeOrgCode: code(),
    contractNo: code(),
    /** The mortgagee's representative, where the mortgage is not registered at its own outlet. */
    mortgageeRepresentative: personSchema.optional(),
  }),
  'vehicle.mortgage-release': z.looseObject({
    plate: plateSchema,
    contractNo: code(),
    /** Away from the mortgagee's own bank outlet: its code and its representative (R164 §33). */
    mortgageeOrgCode: code().optional(),
    mortgageeRepresentative: personSchema.optional(),
  }),
  'vehicle.deregister': z.looseObject({
    plate: plateSchema,
    reason: z.enum(['scrapped', 'lost', 'exported', 'returned']),
  }),
  'vehicle.temp-plate': z.looseObject({
    vin: vinSchema,
    /** R164 §§27, 28, 47, 48: each purpose has its own cap (policy values). */
    purpose: z.enum(TEMP_PLATE_PURPOSES, { message: '未知的临时号牌用途' }),
    days: z
      .number({ message: '天数应为整数' })
      .int('天数应为整数')
      .min(1, '天数至少为1天')
      .max(731, '天数不能超过731天'),
    insuranceValidUntil: dateSchema,
    /** Intelligent connected vehicle road tests: the end of the approved test period (§48). */
    approvalValidUntil: dateSchema.optional(),
  }),
  'vehicle.licence-reissue': z.looseObject({ plate: plateSchema }),
  'vehicle.certificate-reissue': z.looseObject({
    plate: plateSchema,
    /** The mortgagee co-applying while the vehicle is mortgaged (R164 §32), as for a transfer. */
    mortgageeOrgCode: code().optional(),
    mortgageeRepresentative: personSchema.optional(),
  }),
  'vehicle.inspection-mark': z.looseObject({
    plate: plateSchema,
    insuranceValidUntil: dateSchema,
    inspectionReportNo: code().optional(),
    /** A casualty accident since the last mark: the exemption no longer applies (2022 reform). */
    casualtyAccident: z.boolean().optional(),
  }),
  'licence.renew': z.looseObject({ medicalCertificateNo: code() }),
  'licence.reissue': z.looseObject({}),
  'violation.handle': z.looseObject({ violationId: code() }),
  'points.reduce': z.looseObject({
    method: z.enum(['online', 'onsite', 'public-welfare']),
    minutes: z.number().int().min(0).max(10_080),
    examPassed: z.boolean(),
  }),
  'vehicle.plate-reissue': z.looseObject({ plate: plateSchema }),
  'vehicle.change': z.looseObject({
    plate: plateSchema,
    change: z.enum(['colour', 'engine', 'body', 'use-nature', 'move-out', 'move-in']),
    value: freeText(64).optional(),
  }),
  'licence.apply': z.looseObject({
    class: z.enum(LICENCE_CLASSES, { message: '未知的准驾车型' }),
    medicalCertificateNo: code(),
    /** The driving school that trained the candidate (exam oversight links its candidates). */
    drivingSchoolCode: code().optional(),
  }),
  'exam.book': z.looseObject({
    subject: z.number().int().min(1).max(4),
    examSiteCode: code().optional(),
    preferredDates: z.array(dateSchema).max(5).optional(),
  }),
  'fine.pay': z.looseObject({ violationId: code() }),
  'licence.review': z.looseObject({
    /** Hours of road-safety study attended for the review (R162 §73: at least 3). */
    studyHours: z.number().min(0).max(24),
    /** The holder declared their physical condition (R162 §73). */
    healthDeclared: z.boolean(),
  }),
  /** A measure of an anti-fraud case (applicant = the person held). */
  'violation.substitute-hold': z.looseObject({
    caseId: z.uuid({ message: '案件编号格式不正确' }),
    reason: freeText(500),
  }),
  /**
   * A measure of an anti-fraud case (applicant = the person flagged): until `until`, the
   * person's applications as an agent (代办人) are refused (applications/agent-review.rules.ts).
   */
  'agent.review-flag': z.looseObject({
    caseId: z.uuid({ message: '案件编号格式不正确' }),
    reason: freeText(500),
    until: dateSchema,
  }),
} satisfies Record<BusinessTypeCode, z.ZodType>;

export type BusinessData<T extends BusinessTypeCode> = z.infer<(typeof businessDataSchemas)[T]>;

/**
 * The kinds of document of API v1 (CONTRACT.md), and no other: an acceptance notice (受理通知书)
 * and a deregistration certificate (注销证明) are notices, each numbered in its own series
 * (server/src/documents/documents.service.ts); a mortgage is endorsed on the registration
 * certificate (R164 §§31–33), which is the mortgage's document.
 */
export const DOCUMENT_KINDS = [
  'vehicle-licence',
  'registration-certificate',
  'plate',
  'temp-plate',
  'inspection-mark',
  'driving-licence',
  'notice',
] as const;

export const documentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
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

export const refusalSchema = z.object({
  noticeNumber: z.string(),
  verifyToken: z.string(),
  items: z.array(refusalItemSchema),
});

/** One step of an application's lifecycle, applied or refused. */
export const applicationEventSchema = z.object({
  seq: z.number().int(),
  event: z.string(),
  outcome: z.enum(['applied', 'refused']),
  fromStage: z.string().nullable(),
  toStatus: z.enum(APPLICATION_STATUSES),
  toStage: z.string().nullable(),
  at: z.string(),
  /** Who did it (a display name; 系统 for the platform itself). */
  by: z.string(),
  outletCode: z.string().nullable(),
  refusal: refusalSchema.nullable(),
});

export const applicationResponseSchema = z.object({
  id: z.string(),
  businessType: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  outletCode: z.string(),
  outletName: z.string(),
  /** The office it was taken in under, and the staff member who took it (printed on papers). */
  officeName: z.string().nullable(),
  handledBy: z.string().nullable(),
  channel: z.enum(['window', 'social', 'internet', 'api']),
  applicant: z.object({ idNumber: z.string(), name: z.string() }),
  result: z.record(z.string(), z.unknown()).optional(),
  refusal: refusalSchema.optional(),
  /** Where an accepted application stands (shared/src/lifecycles.ts); null once closed. */
  stage: z.string().nullable(),
  stageDueOn: z.string().nullable(),
  /** The events the viewer may fire now (withdrawal included where allowed); empty for readers. */
  nextEvents: z.array(z.string()),
  submittedAt: z.string(),
  /** When the application closed (completed, refused, withdrawn or expired). */
  completedAt: z.string().nullable(),
  slaDueOn: z.string().nullable(),
  /** The lifecycle history, on the single-application read. */
  events: z.array(applicationEventSchema).optional(),
});
export type ApplicationResponse = z.infer<typeof applicationResponseSchema>;

/** The answer to a lifecycle event: the application as it now stands, and how the event went. */
export const eventResponseSchema = applicationResponseSchema.extend({
  event: z.object({
    code: z.string(),
    outcome: z.enum(['applied', 'refused']),
    refusal: refusalSchema.nullable(),
  }),
});
export type EventResponse = z.infer<typeof eventResponseSchema>;

export const applicationListSchema = z.object({
  items: z.array(applicationResponseSchema),
  nextCursor: z.string().nullable(),
});

export const eventRequestSchema = z.object({
  event: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()).default({}),
});
