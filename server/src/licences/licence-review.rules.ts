import type { Rule } from '../applications/handler.ts';
import { licenceFileRules, type LicenceFileFacts } from './licence-file.rules.ts';

/** 驾驶证审验 (R162 §§72–73): A/B holders after a cycle with points, with study and a declaration. */
export type ReviewFacts = LicenceFileFacts & {
  large: boolean;
  lastCycle: { start: string; end: string; points: number } | null;
  reviewed: boolean;
  unhandled: number;
  studyHours: number;
  healthDeclared: boolean;
};

const R162 = '机动车驾驶证申领和使用规定';
/** R162 §73: the review's road-safety study lasts at least 3 hours. */
export const REVIEW_STUDY_HOURS = 3;

const file = licenceFileRules({
  basis: `${R162} 第七十二条`,
  doZh: '审验',
  doEn: 'have it reviewed',
});

export const reviewDue: Rule<ReviewFacts> = {
  code: 'REVIEW_NOT_REQUIRED',
  legalBasis: `${R162} 第七十二条`,
  requires: [file.found],
  check: (f) =>
    !f.large || !f.lastCycle || f.lastCycle.points === 0
      ? {
          message: '驾驶人无须审验：仅持有大中型客货车准驾车型、且上一记分周期有记分的，应当审验',
          remedy: '无需办理',
          messageEn:
            'No review is due: it is owed by holders of classes A1/A2/A3/B1/B2 after a cycle with points.',
          remedyEn: 'Nothing needs doing.',
        }
      : null,
};

export const notReviewed: Rule<ReviewFacts> = {
  code: 'REVIEW_ALREADY_DONE',
  legalBasis: `${R162} 第七十二条`,
  requires: [reviewDue],
  check: (f) =>
    f.reviewed
      ? {
          message: `记分周期 ${f.lastCycle?.start} 至 ${f.lastCycle?.end} 已审验`,
          remedy: '无需重复审验',
          messageEn: `The cycle ${f.lastCycle?.start} to ${f.lastCycle?.end} has already been reviewed.`,
          remedyEn: 'There is no need to review it again.',
        }
      : null,
};

export const violationsHandled: Rule<ReviewFacts> = {
  code: 'UNHANDLED_VIOLATIONS',
  legalBasis: `${R162} 第七十三条`,
  requires: [reviewDue],
  check: (f) =>
    f.unhandled > 0
      ? {
          message: `驾驶人名下机动车有 ${f.unhandled} 起交通违法行为未处理完毕，审验不予通过`,
          remedy: '请先处理完毕全部交通违法行为，再申请审验',
          messageEn: `The holder's vehicles have ${f.unhandled} unhandled violation record(s), so the review cannot pass.`,
          remedyEn: 'Have every violation handled first, then apply for the review.',
        }
      : null,
};

export const studied: Rule<ReviewFacts> = {
  code: 'STUDY_TOO_SHORT',
  legalBasis: `${R162} 第七十三条`,
  requires: [reviewDue],
  check: (f) =>
    f.studyHours < REVIEW_STUDY_HOURS
      ? {
          message: `审验教育学习 ${f.studyHours} 小时，不足 ${REVIEW_STUDY_HOURS} 小时`,
          remedy: `请参加不少于 ${REVIEW_STUDY_HOURS} 小时的道路交通安全法律法规学习`,
          messageEn: `${f.studyHours} hours of review study is less than the ${REVIEW_STUDY_HOURS} hours required.`,
          remedyEn: `Attend at least ${REVIEW_STUDY_HOURS} hours of road traffic safety study.`,
        }
      : null,
};

export const healthDeclared: Rule<ReviewFacts> = {
  code: 'HEALTH_NOT_DECLARED',
  legalBasis: `${R162} 第七十三条`,
  requires: [reviewDue],
  check: (f) =>
    f.healthDeclared
      ? null
      : {
          message: '未申报身体条件情况',
          remedy: '请如实申报身体条件情况',
          messageEn: 'The holder has not declared their physical condition.',
          remedyEn: 'Declare the physical condition truthfully.',
        },
};

export const LICENCE_REVIEW_RULES: readonly Rule<ReviewFacts>[] = [
  file.found,
  file.notRevoked,
  file.notCancelled,
  file.nameMatches,
  reviewDue,
  notReviewed,
  violationsHandled,
  studied,
  healthDeclared,
];
