import type { RefusalItem } from '#shared/schemas/applications.ts';
import { policyForDecision } from '../catalog/catalog.service.ts';
import { dueDate } from '../catalog/working-days.ts';
import type { Tx } from '../db/database.ts';
import {
  endorseDocument,
  issueDocument,
  issueDocumentSet,
  reissueDocument,
  restoreVoidedDocuments,
  voidDocumentsOf,
  voidMortgageRecordsOf,
  type Paper,
} from '../documents/documents.service.ts';
import type { Jurisdiction } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { lockSubject, type Refusal } from './applications.repository.ts';
import type { Person, Step, StepOutlet } from './handler.ts';

/**
 * The machinery every step of every application shares, the submission and each lifecycle event
 * alike: the decision's context, policy in force, the subject lock, documents, refusal notices
 * and SLA dates, all in the step's one transaction.
 */
export interface StepPlace {
  applicationId: string;
  actor: Actor | null;
  outlet: StepOutlet;
  jurisdiction: Jurisdiction;
  applicant: Person;
  agent: Person | null;
  now: Date;
  today: string;
}

export function makeStep(ctx: AppContext, tx: Tx, p: StepPlace): Step {
  const common = (subject: string) => ({
    subject,
    applicationId: p.applicationId,
    cityCode: p.jurisdiction.cityCode,
    at: p.now,
    issuer: {
      office: p.jurisdiction.officeName,
      outlet: p.outlet.name,
      staff: p.actor?.displayName ?? null,
    },
  });
  const document = (kind: Paper, subject: string, number?: string) => ({
    ...common(subject),
    kind,
    number,
  });
  const issue = (kind: Paper, subject: string, number?: string) =>
    issueDocument(tx, ctx.signer, document(kind, subject, number));
  return {
    tx,
    base: {
      applicant: p.applicant,
      agent: p.agent,
      actor: p.actor,
      outlet: p.outlet,
      jurisdiction: p.jurisdiction,
      today: p.today,
      now: p.now,
    },
    tools: {
      applicationId: p.applicationId,
      issue,
      voidDocuments: (subject, kind, reason) =>
        voidDocumentsOf(tx, {
          cityCode: p.jurisdiction.cityCode,
          subject,
          kind,
          reason,
          at: p.now,
        }),
      restoreVoided: (subject, kind, numbers, reason) =>
        restoreVoidedDocuments(tx, {
          cityCode: p.jurisdiction.cityCode,
          subject,
          kind,
          numbers: [...numbers],
          reason,
        }),
      endorse: (subject, kind, endorsement, o) =>
        endorseDocument(tx, ctx.signer, {
          cityCode: p.jurisdiction.cityCode,
          subject,
          kind,
          endorsement: { ...endorsement, applicationId: p.applicationId },
          ...(o?.unlessLast ? { unlessLast: true } : {}),
        }),
      voidMortgageRecords: (vin, reason) =>
        voidMortgageRecordsOf(tx, {
          cityCode: p.jurisdiction.cityCode,
          subject: vin,
          reason,
          at: p.now,
        }),
      issueSet: (subject, issue, voiding = [], read) =>
        issueDocumentSet(tx, ctx.signer, common(subject), issue, voiding, read),
      reissue: (kind, subject, reason, read) =>
        reissueDocument(tx, ctx.signer, document(kind, subject), reason, read),
    },
    policy: (keys) => policyForDecision(ctx.db, tx, keys, p.today, p.jurisdiction.cityCode),
    lock: (key) => lockSubject(tx, `${p.jurisdiction.cityCode}:${key}`),
  };
}

/** A numbered refusal notice (一次性告知书) with every item, issued in the step's transaction. */
export async function issueNotice(
  step: Step,
  subject: string,
  items: RefusalItem[],
): Promise<Refusal> {
  const notice = await step.tools.issue('notice', subject);
  return { noticeNumber: notice.number, verifyToken: notice.verifyToken, items };
}

/** The working day by which something of `workingDays` started today is due (on the step's tx). */
export async function dueFrom(ctx: AppContext, step: Step, workingDays: number) {
  return await dueDate(ctx.db, step.tx, step.base.today, workingDays);
}
