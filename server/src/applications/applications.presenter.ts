import { maskIdNumber } from '#shared/validators/index.ts';
import type { ApplicationResponse } from '#shared/schemas/applications.ts';
import { seesFullIdentity, type Actor } from '../auth/actor.ts';
import { beijingInstant } from '../platform/time.ts';
import type { StoredApplication } from './applications.repository.ts';

/** The CONTRACT.md shape of an application, with the applicant masked for social outlets. */
export function presentApplication(a: StoredApplication, viewer: Actor): ApplicationResponse {
  const idNumber = seesFullIdentity(viewer)
    ? a.applicant.idNumber
    : maskIdNumber(a.applicant.idNumber);
  return {
    id: a.id,
    businessType: a.businessType,
    status: a.status,
    outletCode: a.outletCode,
    outletName: a.outletName,
    channel: a.channel,
    applicant: { idNumber, name: a.applicant.name },
    ...(a.result ? { result: a.result } : {}),
    ...(a.refusal ? { refusal: a.refusal as ApplicationResponse['refusal'] } : {}),
    submittedAt: beijingInstant(a.submittedAt),
    completedAt: a.completedAt ? beijingInstant(a.completedAt) : null,
    slaDueOn: a.slaDueOn,
  };
}

export const httpStatusOf = (a: StoredApplication) => (a.status === 'refused' ? 422 : 201);
