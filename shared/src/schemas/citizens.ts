import { z } from 'zod';
import { onsiteMarkSchema } from './onsite.ts';
import { BUSINESS_TYPE_CODES } from '../catalog.ts';
import { APPLICATION_STATUSES } from '../lifecycles.ts';
import { idNumberSchema, plateSchema } from '../validators/index.ts';
import { dateSchema, nameSchema, phoneSchema } from './common.ts';
import { licenceResponseSchema } from './licences.ts';
import { codeText } from './text.ts';
import { passwordSchema } from './users.ts';

/**
 * The internet channel (CONTRACT.md Part 2, "Internet channel (E)"): real-name citizen accounts,
 * bindings of vehicles and appointments at an outlet's windows.
 */
export const mobilePhoneSchema = phoneSchema.refine((p) => /^1[3-9]\d{9}$/.test(p), {
  message: '请填写11位手机号码',
});

export const smsCodeRequestSchema = z.object({ phone: mobilePhoneSchema });
export const smsCodeResponseSchema = z.object({
  /** Only in demo mode: the code the sender would have delivered. */
  demoCode: z.string().optional(),
});

export const smsCodeSchema = z.string().regex(/^\d{6}$/, '验证码为6位数字');

export const citizenRegistrationSchema = z.object({
  idNumber: idNumberSchema,
  name: nameSchema,
  phone: mobilePhoneSchema,
  password: passwordSchema,
  smsCode: smsCodeSchema,
});
export type CitizenRegistration = z.infer<typeof citizenRegistrationSchema>;

export const citizenCreatedSchema = z.object({
  id: z.string(),
  idNumber: z.string(),
  name: z.string(),
  phone: z.string(),
});

export const citizenVehicleSchema = z.object({ plate: z.string(), own: z.boolean() });

/** An appointment of the holder still to come, which it may cancel by its id. */
const upcomingAppointmentSchema = z.object({
  id: z.string(),
  outletCode: z.string(),
  /** The outlet's name, for the holder who never sees outlet codes (an addition to the contract). */
  outletName: z.string(),
  businessType: z.string(),
  date: z.string(),
  slot: z.string(),
});

export const citizenMeSchema = z.object({
  person: z.object({ idNumber: z.string(), name: z.string(), phone: z.string() }),
  licence: licenceResponseSchema.nullable(),
  vehicles: z.array(citizenVehicleSchema),
  applications: z.array(
    z.object({
      id: z.string(),
      businessType: z.string(),
      status: z.enum(APPLICATION_STATUSES),
      stage: z.string().optional(),
      dueDate: z.string().optional(),
      /** Turned to on-site handling by supervision: come to a window (docs/SERVICE.md). */
      onsite: onsiteMarkSchema.optional(),
    }),
  ),
  /** Active appointments, today or later, soonest first. */
  appointments: z.array(upcomingAppointmentSchema),
});
export type CitizenMe = z.infer<typeof citizenMeSchema>;

export const bindingRequestSchema = z.object({ plate: plateSchema });
export const plateParamsSchema = z.object({ plate: plateSchema });

const outletCodeSchema = codeText(32);
/** A slot is the start of a window period, 'HH:MM'. */
export const slotSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时段格式应为 HH:MM');

export const slotsQuerySchema = z.object({ outletCode: outletCodeSchema, date: dateSchema });
export const slotsResponseSchema = z.object({
  items: z.array(z.object({ slot: z.string(), capacity: z.number(), left: z.number() })),
});

/**
 * `GET /appointments/outlets?businessType=` (an addition to the contract, docs/ARCHITECTURE.md): the
 * outlets of the citizen's city a type can be booked at, by name and address.
 */
export const bookableOutletsQuerySchema = z.object({
  businessType: z.enum(BUSINESS_TYPE_CODES, { message: '未知的业务类型' }),
});
export const bookableOutletsResponseSchema = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), address: z.string() })),
});
export type BookableOutlet = z.infer<typeof bookableOutletsResponseSchema>['items'][number];

export const appointmentRequestSchema = z.object({
  outletCode: outletCodeSchema,
  businessType: z.enum(BUSINESS_TYPE_CODES, { message: '未知的业务类型' }),
  date: dateSchema,
  slot: slotSchema,
});
export const appointmentSchema = z.object({
  id: z.string(),
  outletCode: z.string(),
  businessType: z.string(),
  date: z.string(),
  slot: z.string(),
  /** `lapsed`: its day passed while it was active. */
  status: z.enum(['active', 'cancelled', 'lapsed']),
  createdAt: z.string(),
});
export type Appointment = z.infer<typeof appointmentSchema>;
export const appointmentIdParamsSchema = z.object({ id: z.uuid({ message: '预约编号无效' }) });
