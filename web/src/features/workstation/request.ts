import type { TFunction } from 'i18next';
import type { Dayjs } from 'dayjs';
import type { BusinessTypeCode } from '#shared/catalog.ts';
import {
  businessDataSchemas,
  personSchema,
  type ApplicationRequest,
} from '#shared/schemas/applications.ts';
import { issuesToFields, mergeFieldErrors, type FieldError } from './validation.ts';

export type ImplementedType = Extract<
  BusinessTypeCode,
  'vehicle.licence-reissue' | 'vehicle.temp-plate'
>;

interface PersonValues {
  idNumber?: string;
  name?: string;
  phone?: string;
}

/** What the form holds; dates are dayjs values until they are sent. */
export interface FormValues {
  applicant?: PersonValues;
  withAgent?: boolean;
  agent?: PersonValues;
  data?: {
    plate?: string;
    vin?: string;
    purpose?: string;
    days?: number | null;
    insuranceValidUntil?: Dayjs | null;
  };
}

/** Every field path of the form, for placing the server's 400 details. */
export const FORM_FIELDS = [
  'applicant.idNumber',
  'applicant.name',
  'applicant.phone',
  'agent.idNumber',
  'agent.name',
  'agent.phone',
  'data.plate',
  'data.vin',
  'data.purpose',
  'data.days',
  'data.insuranceValidUntil',
];

const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const person = (p: PersonValues | undefined) => ({
  idNumber: text(p?.idNumber),
  name: text(p?.name),
  phone: text(p?.phone),
});

function dataOf(type: ImplementedType, d: FormValues['data'] = {}): Record<string, unknown> {
  if (type === 'vehicle.licence-reissue') return { plate: text(d.plate) };
  return {
    vin: text(d.vin),
    purpose: d.purpose,
    days: d.days ?? undefined,
    insuranceValidUntil: d.insuranceValidUntil?.format('YYYY-MM-DD'),
  };
}

export type Checked =
  | { ok: true; request: Omit<ApplicationRequest, 'idempotencyKey'> }
  | { ok: false; fields: FieldError[] };

/**
 * Checks the form with the shared schemas (the same ones the server uses) and builds the
 * request from their normalised output (canonical plate, upper-case VIN and identity number).
 */
export function checkApplication(
  type: ImplementedType,
  values: FormValues,
  language: string,
  t: TFunction,
): Checked {
  const applicant = personSchema.safeParse(person(values.applicant));
  const agent = values.withAgent ? personSchema.safeParse(person(values.agent)) : null;
  const data = businessDataSchemas[type].safeParse(dataOf(type, values.data));
  const fields = [
    ...(applicant.success ? [] : issuesToFields(applicant.error.issues, 'applicant', language, t)),
    ...(agent && !agent.success ? issuesToFields(agent.error.issues, 'agent', language, t) : []),
    ...(data.success ? [] : issuesToFields(data.error.issues, 'data', language, t)),
  ];
  if (fields.length || !applicant.success || !data.success || (agent && !agent.success)) {
    return { ok: false, fields: mergeFieldErrors(fields) };
  }
  return {
    ok: true,
    request: {
      businessType: type,
      applicant: applicant.data,
      ...(agent?.success ? { agent: agent.data } : {}),
      data: data.data,
    },
  };
}
