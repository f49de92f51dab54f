import type { Rule } from '../applications/handler.ts';

/** 罚款缴纳 (Proc §60): a decided, unpaid fine, with the late fee so far. */
export interface FinePayFacts {
  violationId: string;
  violation: {
    status: 'unhandled' | 'handled' | 'paid';
    fine: number;
    /** The day of the penalty decision; null for a legacy record that came without it. */
    handledOn: string | null;
  } | null;
}

const PROC = '道路交通安全违法行为处理程序规定';

export const fineFound: Rule<FinePayFacts> = {
  code: 'VIOLATION_NOT_FOUND',
  legalBasis: `${PROC} 第十九条`,
  check: (f) =>
    f.violation
      ? null
      : {
          message: `未查询到编号为 ${f.violationId} 的交通违法记录`,
          remedy: '请核对违法记录编号，或凭处罚决定书到公安机关交通管理部门窗口查询',
          messageEn: `No traffic violation record numbered ${f.violationId} was found.`,
          remedyEn:
            'Check the record number, or bring the penalty decision to a traffic police window.',
        },
};

export const fineDecided: Rule<FinePayFacts> = {
  code: 'FINE_NOT_DECIDED',
  legalBasis: `${PROC} 第五十九条`,
  requires: [fineFound],
  check: (f) =>
    f.violation?.status === 'unhandled'
      ? {
          message: '该交通违法记录尚未处理，没有可缴纳的罚款',
          remedy: '请先由驾驶人办理交通违法处理，接受处罚决定后再缴纳罚款',
          messageEn: 'This violation has not been handled yet, so there is no fine to pay.',
          remedyEn:
            'The driver must first have the violation handled and receive the penalty decision; then pay the fine.',
        }
      : null,
};

export const fineUnpaid: Rule<FinePayFacts> = {
  code: 'FINE_ALREADY_PAID',
  legalBasis: `${PROC} 第六十条`,
  requires: [fineFound],
  check: (f) =>
    f.violation?.status === 'paid'
      ? {
          message: '该交通违法记录的罚款已缴纳',
          remedy: '无需重复缴纳；如需凭证，请查询缴款记录',
          messageEn: 'The fine for this violation has already been paid.',
          remedyEn: 'Nothing more is due; look up the payment record if a receipt is needed.',
        }
      : null,
};

export const fineDue: Rule<FinePayFacts> = {
  code: 'NO_FINE_DUE',
  legalBasis: `${PROC} 第六十条`,
  requires: [fineDecided, fineUnpaid],
  check: (f) =>
    f.violation?.fine === 0
      ? {
          message: '该交通违法行为未处以罚款，无需缴纳',
          remedy: '无需办理缴款',
          messageEn: 'No fine was imposed for this violation.',
          remedyEn: 'There is nothing to pay.',
        }
      : null,
};

/**
 * The payment period, and the late fee after it, run from the decision (Proc §60): a record
 * imported from the legacy platform as handled but without its decision day cannot say what is
 * due, so the payer is sent to a window where the decision is looked up.
 */
export const fineDecisionKnown: Rule<FinePayFacts> = {
  code: 'FINE_DECISION_DAY_UNKNOWN',
  legalBasis: `${PROC} 第六十条`,
  requires: [fineDecided, fineUnpaid],
  check: (f) =>
    f.violation?.status === 'handled' && f.violation.fine > 0 && !f.violation.handledOn
      ? {
          message: '该交通违法记录没有处罚决定日期（历史数据迁移），无法计算缴款期限和加处罚款',
          remedy:
            '请由作出处罚决定的公安机关交通管理部门补录处罚决定日期（导入时附 handledOn）后再缴纳',
          messageEn:
            'This record has no penalty decision date (migrated from the legacy platform), so the payment deadline and late fee cannot be worked out.',
          remedyEn:
            'The deciding traffic police office must first add the decision date (import the record with handledOn); then pay.',
        }
      : null,
};

export const FINE_PAY_RULES: readonly Rule<FinePayFacts>[] = [
  fineFound,
  fineDecided,
  fineUnpaid,
  fineDue,
  fineDecisionKnown,
];
