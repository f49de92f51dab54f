import type { Rule } from '../applications/handler.ts';
import type { BusinessFile } from './vehicle-business.ts';
import { violationsHandled } from './vehicle-business.rules.ts';
import { vehicleFileRules } from './vehicle-file.rules.ts';
import {
  vehicleNotDeregistered,
  vehicleNotMovedOut,
  vehicleNotScrapDue,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

/** 检验合格标志 (R164 §§54–57; Cond §§16–17; the 2022 reform). */
export type InspectionMarkFacts = BusinessFile & {
  insuranceValidUntil: string;
  /** The validity the mark renews, and the first day it may be applied for. */
  dueOn: string | null;
  windowFrom: string | null;
  /** Exempt from a station inspection this time (years 2, 4, 8 of a small private car). */
  exempt: boolean;
  report: {
    no: string | null;
    found: boolean;
    result: 'pass' | 'fail' | null;
    finishedOn: string | null;
  };
};

const BASIS_54 = '机动车登记规定 第五十四条';
const file = vehicleFileRules({
  legalBasis: BASIS_54,
  doZh: '申领检验合格标志',
  doEn: 'Apply for the inspection mark',
});

const insured: Rule<InspectionMarkFacts> = {
  code: 'INSURANCE_EXPIRED',
  legalBasis: '道路交通安全法实施条例 第十七条',
  check: (f) =>
    f.insuranceValidUntil < f.today
      ? {
          message: `机动车交通事故责任强制保险已于 ${f.insuranceValidUntil} 到期`,
          remedy: '请续保交强险后再申领检验合格标志',
          messageEn: `The compulsory accident liability insurance expired on ${f.insuranceValidUntil}.`,
          remedyEn: 'Renew the compulsory insurance, then apply for the inspection mark again.',
        }
      : null,
};

const withinWindow: Rule<InspectionMarkFacts> = {
  code: 'TOO_EARLY_FOR_MARK',
  legalBasis: BASIS_54,
  requires: [file.registered],
  check: (f) =>
    f.windowFrom !== null && f.today < f.windowFrom
      ? {
          message: `检验有效期至 ${f.dueOn}，${f.windowFrom} 起方可申领检验合格标志`,
          remedy: `请于 ${f.windowFrom} 以后申请`,
          messageEn: `The inspection is valid until ${f.dueOn}; the mark may be applied for from ${f.windowFrom}.`,
          remedyEn: `Apply on or after ${f.windowFrom}.`,
        }
      : null,
};

const reportGiven: Rule<InspectionMarkFacts> = {
  code: 'INSPECTION_REQUIRED',
  legalBasis: '道路交通安全法实施条例 第十六条',
  requires: [file.registered],
  check: (f) =>
    !f.exempt && !f.report.no
      ? {
          message: '本检验周期该机动车须上线进行安全技术检验，未提交检验报告',
          remedy: '请先到机动车检验机构检验，再凭检验报告编号申领检验合格标志',
          messageEn:
            'This vehicle must be inspected at a station in this inspection period; no inspection report was given.',
          remedyEn:
            'Have it inspected at an inspection station first, then apply with the inspection report number.',
        }
      : null,
};

const reportFound: Rule<InspectionMarkFacts> = {
  code: 'INSPECTION_REPORT_NOT_FOUND',
  legalBasis: BASIS_54,
  requires: [reportGiven],
  check: (f) =>
    f.report.no && !f.report.found
      ? {
          message: `未查询到该车辆编号为 ${f.report.no} 的安全技术检验记录`,
          remedy: '请核对检验报告编号，或联系检验机构上传检验结果',
          messageEn: `No inspection record numbered ${f.report.no} was found for this vehicle.`,
          remedyEn:
            'Check the report number, or ask the inspection station to upload the inspection result.',
        }
      : null,
};

const reportPassed: Rule<InspectionMarkFacts> = {
  code: 'INSPECTION_NOT_PASSED',
  legalBasis: BASIS_54,
  requires: [reportFound],
  check: (f) =>
    f.report.result === 'fail'
      ? {
          message: `编号为 ${f.report.no} 的安全技术检验结论为不合格`,
          remedy: '请维修后复检，检验合格后再申领',
          messageEn: `Inspection report ${f.report.no} concluded that the vehicle failed.`,
          remedyEn: 'Have the vehicle repaired and inspected again, then apply once it passes.',
        }
      : null,
};

const reportCurrent: Rule<InspectionMarkFacts> = {
  code: 'INSPECTION_REPORT_OUTDATED',
  legalBasis: BASIS_54,
  requires: [reportPassed, withinWindow],
  check: (f) =>
    f.report.finishedOn && f.windowFrom && f.report.finishedOn < f.windowFrom
      ? {
          message: `检验报告（${f.report.finishedOn}）早于本次检验周期（${f.windowFrom} 起），不能用于申领`,
          remedy: '请在本检验周期内重新检验',
          messageEn: `The inspection (${f.report.finishedOn}) predates this inspection period (from ${f.windowFrom}).`,
          remedyEn: 'Have the vehicle inspected again within this period.',
        }
      : null,
};

export const INSPECTION_MARK_RULES: readonly Rule<InspectionMarkFacts>[] = [
  file.inJurisdiction,
  file.registered,
  file.applicantIsOwner,
  file.applicantNameMatches,
  vehicleNotMovedOut,
  vehicleNotStolen,
  vehicleNotSeized,
  vehicleNotDeregistered,
  vehicleNotScrapDue,
  violationsHandled(BASIS_54),
  insured,
  withinWindow,
  reportGiven,
  reportFound,
  reportPassed,
  reportCurrent,
];
