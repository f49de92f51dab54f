import { z } from 'zod';
import { ageOn } from '#shared/dates.ts';
import type { LicenceClass } from '#shared/licences.ts';
import {
  defineEvent,
  defineHandler,
  type EffectTools,
  type EventDecision,
} from '../applications/handler.ts';
import type { Tx } from '../db/database.ts';
import { countiesOf } from '../network/network.service.ts';
import {
  insertCandidate,
  openCandidate,
  updateCandidate,
  type Candidate,
} from './exams.repository.ts';
import { birthDateOf } from './licence-duties.ts';
import { LICENCE_APPLY_RULES, learnerPermitUntil, type ApplyFacts } from './licence-apply.rules.ts';
import { effectiveLicenceStatus } from '#shared/licences.ts';
import { issueClass, licenceOf, restoreLicence } from './licences.service.ts';
import { restorationOf } from './licence-restore.ts';
import { revocationBar } from './revocation.ts';
import { findCertificate, markCertificateUsed } from './medicals.repository.ts';
import type { DriverPoints } from './points-port.ts';
import { DEFAULT_CLEAN_CYCLES, UPGRADE_PATHS } from './upgrade.ts';

const TYPE = 'licence.apply';
type ApplyEvent<E> = EventDecision<typeof TYPE, E, never>;

/** The event's data: the exam result that moved the application on. */
const byResult = z.object({ resultId: z.string().uuid() });

/** The candidacy behind an application, which the events close or move on. */
async function candidateOf(tx: Tx, d: ApplyEvent<unknown>): Promise<Candidate> {
  const c = await openCandidate(tx, d.application.cityCode, d.applicant.idNumber);
  if (!c || c.applicationId !== d.application.id) {
    throw new Error(`licence.apply ${d.application.id} has no open candidacy`);
  }
  return c;
}

/**
 * The candidacy's end with a licence in force (issued, upgraded or restored): the candidacy
 * closed, the licence document the person held voided and a new one issued.
 */
async function licensed(
  tx: Tx,
  d: ApplyEvent<{ resultId: string }>,
  tools: EffectTools,
  c: Candidate,
  licence: {
    idNumber: string;
    licenceNo: string;
    classes: readonly string[];
    validUntil: string | null;
  },
  how: { voidReason: string; details: Record<string, unknown> },
) {
  await updateCandidate(tx, {
    cityCode: c.cityCode,
    applicationId: c.applicationId,
    status: 'licensed',
    closedOn: d.today,
  });
  const voided = await tools.voidDocuments(licence.idNumber, 'driving-licence', how.voidReason);
  const document = await tools.issue('driving-licence', licence.idNumber);
  return {
    to: 'completed' as const,
    result: {
      ...d.application.result,
      documents: [...(d.application.result.documents ?? []), document],
      licenceNo: licence.licenceNo,
    },
    audit: {
      entityType: 'licence',
      entityId: licence.idNumber,
      details: {
        class: c.class,
        ...how.details,
        validUntil: licence.validUntil,
        voidedNumbers: voided,
        resultId: d.event.resultId,
      },
    },
  };
}

/** Closes the candidacy with the application (voided, expired, withdrawn). */
function closing(
  status: 'voided' | 'expired' | 'withdrawn',
  to: 'expired' | 'withdrawn',
  why: string,
) {
  return async (tx: Tx, d: ApplyEvent<unknown>) => {
    const c = await candidateOf(tx, d);
    await updateCandidate(tx, {
      cityCode: c.cityCode,
      applicationId: c.applicationId,
      status,
      closedOn: d.today,
    });
    return {
      to,
      result: d.application.result,
      audit: {
        entityType: 'application',
        entityId: d.application.id,
        details: { idNumber: d.applicant.idNumber, class: c.class, reason: why },
      },
    };
  };
}

/**
 * 初次申领/增加准驾车型 (R162 §§14–17, 22, 30–47, 60): accepted with a receipt and a candidacy;
 * subject 1 passed brings the learner permit (valid 3 years, §40), all subjects passed the licence
 * (§60). The exam sites' results fire the events (licences/exam-results.service.ts); the
 * permit's end is a deadline (shared/src/lifecycles.ts). After a cancellation it is a first
 * application, or, for a licence over a year overdue within two years, its restoration by subject
 * 1 alone (恢复驾驶资格, §79 第三款, licence-restore.ts).
 */
export function licenceApplyHandler(points: DriverPoints) {
  return defineHandler({
    type: TYPE,
    policyKeys: [],
    lockKey: (_data, applicant) => `driver:${applicant.idNumber}`,
    async load(tx, d): Promise<ApplyFacts> {
      const cls = d.data.class as LicenceClass;
      const record = await licenceOf(tx, d.applicant.idNumber);
      const status = record && effectiveLicenceStatus(record.status, record.validUntil, d.today);
      // A cancelled (注销, R162 §79) or revoked (吊销) licence is held no more: the application
      // is a first one (初次申领), whatever its classes, ledger and full scores were; after a
      // revocation, once the bar of §15 is over.
      const licence = status === 'cancelled' || status === 'revoked' ? null : record;
      const restoration = restorationOf(record, cls, d.today);
      const certificate = await findCertificate(tx, d.data.medicalCertificateNo);
      const birth = birthDateOf(d.applicant.idNumber);
      const cleanCycles = UPGRADE_PATHS[cls]?.cleanCycles ?? DEFAULT_CLEAN_CYCLES;
      return {
        idNumber: d.applicant.idNumber,
        today: d.today,
        class: cls,
        age: birth ? ageOn(birth, d.today) : 0,
        inProgress:
          (await openCandidate(tx, d.jurisdiction.cityCode, d.applicant.idNumber)) !== null,
        applicantName: d.applicant.name,
        licence: licence && {
          status: status ?? licence.status,
          classes: licence.classes,
          classSince: licence.classSince,
          name: licence.name,
        },
        fullScores: licence
          ? await points.fullScoresInCycles(tx, licence, d.today, cleanCycles)
          : 0,
        cleanCycles,
        restoration,
        restoredName: restoration === 'in-time' && record ? record.name : null,
        revoked:
          record && status === 'revoked'
            ? revocationBar(record.statusSince, record.revocationCause)
            : null,
        cognitiveTest: certificate?.cognitiveTest ?? null,
        certificateNo: d.data.medicalCertificateNo,
        certificate: certificate && {
          idNumber: certificate.idNumber,
          conclusion: certificate.conclusion,
          validUntil: certificate.validUntil,
          classes: certificate.classes,
          used: certificate.usedApplicationId !== null,
        },
        classesNeeded: [cls],
      };
    },
    rules: LICENCE_APPLY_RULES,
    async apply(tx, d, facts, tools) {
      await insertCandidate(tx, {
        cityCode: d.jurisdiction.cityCode,
        applicationId: tools.applicationId,
        idNumber: d.applicant.idNumber,
        class: facts.class,
        acceptedAt: d.now,
        phone: d.applicant.phone ?? null,
        schoolCode: d.data.drivingSchoolCode ?? null,
      });
      await markCertificateUsed(tx, {
        cityCode: d.data.medicalCertificateNo.slice(2, 8),
        certificateNo: d.data.medicalCertificateNo,
        applicationId: tools.applicationId,
        on: d.today,
      });
      const receipt = await tools.issue('acceptance-notice', d.applicant.idNumber);
      return {
        status: 'accepted',
        result: { documents: [receipt], class: facts.class },
        audit: {
          entityType: 'licence',
          entityId: d.applicant.idNumber,
          details: {
            class: facts.class,
            upgrade: facts.licence !== null,
            restoration: facts.restoration === 'in-time',
          },
        },
      };
    },
    events: {
      'theory-passed': defineEvent(TYPE, {
        data: byResult,
        policyKeys: ['learner-permit.valid-months'],
        load: async () => ({}),
        rules: [],
        async apply(tx, d) {
          const c = await candidateOf(tx, d);
          const months = d.policy['learner-permit.valid-months'] ?? 36;
          const permit = {
            issuedOn: d.today,
            validUntil: learnerPermitUntil(
              d.today,
              months,
              c.class,
              birthDateOf(d.applicant.idNumber),
            ),
          };
          await updateCandidate(tx, {
            cityCode: c.cityCode,
            applicationId: c.applicationId,
            status: 'skills',
            permit,
          });
          return {
            to: { stage: 'skills' },
            result: { ...d.application.result, learnerPermit: permit },
            audit: {
              entityType: 'licence',
              entityId: d.applicant.idNumber,
              details: { class: c.class, learnerPermit: permit, resultId: d.event.resultId },
            },
          };
        },
      }),
      'all-passed': defineEvent(TYPE, {
        data: byResult,
        policyKeys: [],
        load: async () => ({}),
        rules: [],
        async apply(tx, d, _facts, tools: EffectTools) {
          const c = await candidateOf(tx, d);
          const region = d.applicant.idNumber.slice(0, 6);
          const counties = await countiesOf(tx, d.application.cityCode);
          const licence = await issueClass(
            tx,
            {
              idNumber: d.applicant.idNumber,
              name: d.applicant.name,
              class: c.class,
              cityCode: d.application.cityCode,
              countyCode: counties.includes(region) ? region : d.jurisdiction.seatCountyCode,
            },
            {
              today: d.today,
              now: d.now,
              applicationId: tools.applicationId,
              actor: d.actor?.displayName,
            },
          );
          const anew = licence.firstIssuedOn === d.today;
          return licensed(tx, d, tools, c, licence, {
            voidReason: anew ? '重新申领驾驶证后原驾驶证作废' : '增加准驾车型后原驾驶证作废',
            details: { classes: licence.classes },
          });
        },
      }),
      restored: defineEvent(TYPE, {
        data: byResult,
        policyKeys: [],
        load: async () => ({}),
        rules: [],
        async apply(tx, d, _facts, tools: EffectTools) {
          const c = await candidateOf(tx, d);
          const licence = await restoreLicence(tx, d.applicant.idNumber, points, {
            today: d.today,
            now: d.now,
            applicationId: tools.applicationId,
            actor: d.actor?.displayName,
          });
          return licensed(tx, d, tools, c, licence, {
            voidReason: '恢复驾驶资格后原驾驶证作废',
            details: { restored: licence.classes },
          });
        },
      }),
      'exams-voided': defineEvent(TYPE, {
        // No result when the fifth booking ended as a day passed with nothing posted (缺考).
        data: z.object({ resultId: z.string().uuid().optional() }),
        policyKeys: [],
        load: async () => ({}),
        rules: [],
        apply: closing(
          'voided',
          'expired',
          'fifth booking failed: passed subjects void (R162 §47)',
        ),
      }),
      'permit-expired': defineEvent(TYPE, {
        data: z.object({}),
        policyKeys: [],
        load: async () => ({}),
        rules: [],
        apply: closing('expired', 'expired', 'learner permit expired (R162 §41)'),
      }),
    },
    async onWithdraw(tx, d) {
      return await closing('withdrawn', 'withdrawn', 'withdrawn by the applicant')(tx, d);
    },
  });
}
