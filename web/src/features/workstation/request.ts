import type { TFunction } from 'i18next';
import {
  businessDataSchemas,
  personSchema,
  type ApplicationRequest,
} from '#shared/schemas/applications.ts';
import { text } from './business/definition.ts';
import type { BusinessForm, DataValues } from './business/index.ts';
import { issuesToFields, mergeFieldErrors, type FieldError } from './validation.ts';

interface PersonValues {
  idNumber?: string;
  name?: string;
  phone?: string;
}

/** What the form holds; `data` is the business type's own (see business/). */
export interface FormValues {
  applicant?: PersonValues;
  withAgent?: boolean;
  agent?: PersonValues;
  data?: DataValues;
}

const PERSON_FIELDS = ['idNumber', 'name', 'phone'];

/** Every field path of the form of a business type, for placing the server's 400 details. */
export const formFieldPaths = (business: BusinessForm): string[] => [
  ...['applicant', 'agent'].flatMap((who) => PERSON_FIELDS.map((f) => `${who}.${f}`)),
  ...business.fieldPaths.map((f) => `data.${f}`),
];

const person = (p: PersonValues | undefined) => ({
  idNumber: text(p?.idNumber),
  name: text(p?.name),
  phone: text(p?.phone),
});

export type Checked =
  | { ok: true; request: Omit<ApplicationRequest, 'idempotencyKey'> }
  | { ok: false; fields: FieldError[] };

/**
 * Checks the form with the shared schemas (the same ones the server uses) and builds the
 * request from their normalised output (canonical plate, upper-case VIN and identity number).
 */
export function checkApplication(
  business: BusinessForm,
  values: FormValues,
  language: string,
  t: TFunction,
): Checked {
  const applicant = personSchema.safeParse(person(values.applicant));
  const agent = values.withAgent ? personSchema.safeParse(person(values.agent)) : null;
  const data = businessDataSchemas[business.type].safeParse(business.toData(values.data ?? {}));
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
      businessType: business.type,
      applicant: applicant.data,
      ...(agent?.success ? { agent: agent.data } : {}),
      data: data.data,
    },
  };
}
