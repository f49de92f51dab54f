import { eventsFrom } from '#shared/lifecycles.ts';
import type { ApplicationResponse } from '#shared/schemas/applications.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import { seesFullIdentity, type Actor } from '../platform/actor.ts';
import { beijingInstant } from '../platform/time.ts';
import { mayTakeSteps } from './applications.policy.ts';
import type { StoredApplication, StoredEvent } from './applications.repository.ts';

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
    officeName: a.officeName,
    handledBy: a.actorName,
    channel: a.channel,
    applicant: { idNumber, name: a.applicant.name },
    ...(a.result ? { result: a.result } : {}),
    ...(a.refusal ? { refusal: a.refusal } : {}),
    stage: a.stage,
    stageDueOn: a.stageDueOn,
    // Only what this viewer may do now: a supervisor reading it gets no buttons.
    nextEvents: a.stage && mayTakeSteps(viewer, a) ? eventsFrom(a.businessType, a.stage) : [],
    submittedAt: beijingInstant(a.submittedAt),
    completedAt: a.completedAt ? beijingInstant(a.completedAt) : null,
    slaDueOn: a.slaDueOn,
  };
}

/** The lifecycle history of an application, oldest first. */
export function presentEvents(events: StoredEvent[]): NonNullable<ApplicationResponse['events']> {
  return events.map((e) => ({
    seq: e.seq,
    event: e.event,
    outcome: e.outcome,
    fromStage: e.from_stage,
    toStatus: e.to_status,
    toStage: e.to_stage,
    at: beijingInstant(e.at),
    by: e.actor_name,
    outletCode: e.outlet_code,
    refusal: (e.refusal as ApplicationResponse['refusal']) ?? null,
  }));
}

export const httpStatusOf = (a: StoredApplication) => (a.status === 'refused' ? 422 : 201);
