import type { LicenceStatus } from '#shared/licences.ts';
import type { Rule } from '../applications/handler.ts';
import { lapsedOn } from '#shared/licences.ts';

/** Facts of a business on an existing licence: the applicant's licence as read today. */
export interface LicenceFileFacts {
  idNumber: string;
  /** The name the application gives for the applicant. */
  applicantName: string;
  today: string;
  licence: { status: LicenceStatus; validUntil: string | null; name: string } | null;
}

const R162 = '机动车驾驶证申领和使用规定';

/**
 * The checks every business on a licence starts with: it is on file, and not revoked, cancelled,
 * detained or suspended. `basis` is the article of the business itself (e.g. §63 for renewal).
 */
export function licenceFileRules(w: { basis: string; doZh: string; doEn: string }) {
  const found: Rule<LicenceFileFacts> = {
    code: 'LICENCE_NOT_FOUND',
    legalBasis: w.basis,
    check: (f) =>
      f.licence
        ? null
        : {
            message: `未查询到公民身份号码为 ${f.idNumber} 的机动车驾驶证档案`,
            remedy: '请核对身份证明；未取得驾驶证的，应申请初次领取驾驶证',
            messageEn: `No driving licence is on file for identity number ${f.idNumber}.`,
            remedyEn:
              'Check the identity document; a person without a licence must apply for a first licence.',
          },
  };
  const notRevoked: Rule<LicenceFileFacts> = {
    code: 'LICENCE_REVOKED',
    legalBasis: `${R162} 第七十九条`,
    requires: [found],
    check: (f) =>
      f.licence?.status === 'revoked'
        ? {
            message: '驾驶证已被吊销',
            remedy: `驾驶证被吊销的，不能${w.doZh}；禁驾期满后可重新申请驾驶证`,
            messageEn: 'The driving licence has been revoked.',
            remedyEn: `A revoked licence cannot be used to ${w.doEn}; apply for a new licence once the ban ends.`,
          }
        : null,
  };
  const notCancelled: Rule<LicenceFileFacts> = {
    code: 'LICENCE_CANCELLED',
    legalBasis: `${R162} 第七十九条`,
    requires: [found],
    check: (f) =>
      f.licence?.status === 'cancelled'
        ? {
            // The reason when the date alone gives it (effectiveLicenceStatus): not renewed in time.
            message: lapsedOn(f.licence.validUntil, f.today)
              ? `驾驶证有效期至 ${f.licence.validUntil}，超过有效期一年以上未换证，已被注销`
              : '驾驶证已被注销',
            remedy:
              '因逾期未换证被注销未超过二年的，可通过科目一考试恢复驾驶资格；其他情形请重新申请驾驶证',
            messageEn: lapsedOn(f.licence.validUntil, f.today)
              ? `The licence expired on ${f.licence.validUntil} and was not renewed within a year, so it is cancelled.`
              : 'The driving licence has been cancelled.',
            remedyEn:
              'If it was cancelled for not being renewed less than two years ago, pass subject 1 to restore it; otherwise apply for a new licence.',
          }
        : null,
  };
  const notDetained: Rule<LicenceFileFacts> = {
    code: 'LICENCE_DETAINED',
    legalBasis: `${R162} 第六十九条`,
    requires: [found],
    check: (f) =>
      f.licence?.status === 'full-score'
        ? {
            message: '驾驶证因累积记分满12分被扣留',
            remedy: '请先参加满分学习和考试，考试合格并缴清罚款后领回驾驶证',
            messageEn: 'The licence is detained because the driver reached 12 points.',
            remedyEn:
              'Attend the full-score study and exam first; the licence is returned once the exam is passed and fines are paid.',
          }
        : null,
  };
  const notSuspended: Rule<LicenceFileFacts> = {
    code: 'LICENCE_SUSPENDED',
    legalBasis: `${R162} 第六十九条`,
    requires: [found],
    check: (f) =>
      f.licence?.status === 'suspended'
        ? {
            message: '驾驶证处于暂扣期间',
            remedy: `请在暂扣期满、领回驾驶证后再${w.doZh}`,
            messageEn: 'The licence is suspended.',
            remedyEn: `Collect the licence once the suspension ends, then ${w.doEn}.`,
          }
        : null,
  };
  const nameMatches = applicantNameRule<LicenceFileFacts>({
    basis: w.basis,
    requires: [found],
    names: (f) => (f.licence ? { given: f.applicantName, registered: f.licence.name } : null),
  });
  return { found, notRevoked, notCancelled, notDetained, notSuspended, nameMatches };
}

/**
 * The applicant is the licence's holder by name as well as by number: business on a licence is
 * done on the holder's identity document (e.g. R162 §69, §63), so a number with another
 * person's name takes nobody's licence, points or penalty. The registered name is not shown:
 * the notice must not tell a stranger whose number it is. `names` is null when there is no
 * licence to compare with (another rule says so).
 */
export function applicantNameRule<F>(o: {
  basis: string;
  requires: readonly { code: string }[];
  names: (f: F) => { given: string; registered: string } | null;
  /** The record the name is registered on, when it is not the licence file. */
  record?: { zh: string; en: string };
}): Rule<F> {
  const record = o.record ?? { zh: '驾驶证档案', en: 'driving licence file' };
  return {
    code: 'APPLICANT_NAME_MISMATCH',
    legalBasis: o.basis,
    requires: o.requires,
    check: (f) => {
      const names = o.names(f);
      return !names || names.given === names.registered
        ? null
        : {
            message: `申请人姓名与该公民身份号码的${record.zh}登记姓名不一致`,
            remedy:
              '请核对申请人身份证明上的姓名；驾驶证业务须由持证人本人（或其委托的代理人）凭持证人的身份证明办理',
            messageEn: `The applicant's name does not match the name on the ${record.en} of this identity number.`,
            remedyEn:
              "Check the name on the applicant's identity document; licence business is done by the holder (or an agent the holder authorised) on the holder's identity document.",
          };
    },
  };
}
