import { defineHandler } from '../applications/handler.ts';
import { channelOf } from '../applications/pipeline.ts';
import { lockedLicenceOf } from '../licences/licences.service.ts';
import { beijingInstant } from '../platform/time.ts';
import { releaseIfDue } from './full-score-release.ts';
import { settlePointEntry } from './points.repository.ts';
import { FINE_PAY_RULES, type FinePayFacts } from './fine-pay.rules.ts';
import { feeDueOn } from './violations.service.ts';
import { lockViolation, markPaid, type ViolationRecord } from './violations.repository.ts';

type LoadedFacts = FinePayFacts & {
  record: ViolationRecord | null;
  due: { deadline: string; lateFee: number } | null;
};

/**
 * 罚款缴纳 (Proc §60; RTSL §109): at banks, windows or online; the late fee is 3 % of the fine a
 * day after the deadline, never more than the fine. The payer may be anyone (a relative, a
 * company): the penalty stays the driver's.
 */
export const finePayHandler = defineHandler({
  type: 'fine.pay',
  policyKeys: ['fine.payment-days', 'fine.late-fee-percent'],
  lockKey: (data) => `violation:${data.violationId}`,
  async load(tx, d): Promise<LoadedFacts> {
    const record = await lockViolation(tx, d.jurisdiction.cityCode, d.data.violationId);
    return {
      violationId: d.data.violationId,
      violation: record,
      record,
      due: record ? await feeDueOn(tx, tx, record, d.today, d.policy) : null,
    };
  },
  rules: FINE_PAY_RULES,
  async apply(tx, d, facts: LoadedFacts, tools) {
    const v = facts.record;
    if (!v || !facts.due) throw new Error('effects ran for a fine that is not due');
    await markPaid(tx, {
      cityCode: v.cityCode,
      id: v.id,
      at: d.now,
      lateFee: facts.due.lateFee,
      applicationId: tools.applicationId,
      outletCode: d.outlet.code,
      channel: channelOf(d.outlet.category),
    });
    const driver = v.handledBy ? await lockedLicenceOf(tx, v.handledBy) : null;
    if (driver) {
      // Paid today: the points no longer carry over at the cycle's end (R163 §15).
      await settlePointEntry(tx, {
        cityCode: driver.cityCode,
        idNumber: driver.idNumber,
        violation: { cityCode: v.cityCode, id: v.id },
        on: d.today,
      });
      // The last unpaid fine of a driver whose full-score exams are passed ends the full score.
      await releaseIfDue(tx, driver, {
        today: d.today,
        now: d.now,
        applicationId: tools.applicationId,
        actor: d.actor?.displayName,
      });
    }
    return {
      status: 'completed',
      result: {
        fine: v.fine,
        lateFee: facts.due.lateFee,
        paidAt: beijingInstant(d.now),
        deadline: facts.due.deadline,
      },
      audit: {
        entityType: 'violation',
        entityId: v.id,
        details: { fine: v.fine, lateFee: facts.due.lateFee, deadline: facts.due.deadline },
      },
    };
  },
});
