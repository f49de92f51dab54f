import type { Rule } from '../applications/handler.ts';

/**
 * §26(6): a vehicle whose inspection has expired is transferred all the same, with a passed
 * inspection of this vehicle and compulsory insurance in force. Each thing wrong with what was
 * presented is its own item, as for the inspection mark (a report not found, another vehicle's,
 * failed; insurance missing or expired), so the applicant learns what to bring.
 */
export interface ExpiredInspectionFacts {
  today: string;
  inspectionValidUntil: string | null;
  inspection: {
    reportNo: string | null;
    found: boolean;
    /** The report is of this vehicle (its VIN or its plate). */
    ofThisVehicle: boolean;
    result: 'pass' | 'fail' | null;
  };
  insuranceValidUntil: string | null;
}

const BASIS_26 = '机动车登记规定 第二十六条';

const expired = (f: ExpiredInspectionFacts) =>
  f.inspectionValidUntil !== null && f.inspectionValidUntil < f.today;

/** The rules, each after `registered` (the vehicle on file, whose inspection is read). */
export function expiredInspectionRules(registered: { code: string }) {
  const reportGiven: Rule<ExpiredInspectionFacts> = {
    code: 'INSPECTION_REQUIRED',
    legalBasis: BASIS_26,
    requires: [registered],
    check: (f) =>
      expired(f) && !f.inspection.reportNo
        ? {
            message: `该机动车检验有效期已于 ${f.inspectionValidUntil} 届满，须提交机动车安全技术检验合格证明`,
            remedy: '请先到机动车检验机构检验，再携带检验报告编号申请',
            messageEn: `The vehicle's inspection validity ended on ${f.inspectionValidUntil}; a passed inspection report is required.`,
            remedyEn:
              'Have the vehicle inspected at an inspection station first, then apply with the inspection report number.',
          }
        : null,
  };
  const reportFound: Rule<ExpiredInspectionFacts> = {
    code: 'INSPECTION_REPORT_NOT_FOUND',
    legalBasis: BASIS_26,
    requires: [reportGiven],
    check: (f) =>
      expired(f) && f.inspection.reportNo && !f.inspection.found
        ? {
            message: `未查询到编号为 ${f.inspection.reportNo} 的安全技术检验记录`,
            remedy: '请核对检验报告编号，或联系检验机构上传检验结果',
            messageEn: `No inspection record numbered ${f.inspection.reportNo} was found.`,
            remedyEn:
              'Check the report number, or ask the inspection station to upload the inspection result.',
          }
        : null,
  };
  const reportOfThisVehicle: Rule<ExpiredInspectionFacts> = {
    code: 'INSPECTION_REPORT_NOT_THIS_VEHICLE',
    legalBasis: BASIS_26,
    requires: [reportFound],
    check: (f) =>
      expired(f) && !f.inspection.ofThisVehicle
        ? {
            message: `编号为 ${f.inspection.reportNo} 的安全技术检验记录不是该机动车的检验记录`,
            remedy: '请提交该机动车本身的检验报告编号',
            messageEn: `Inspection record ${f.inspection.reportNo} is not a record of this vehicle.`,
            remedyEn: "Give the number of this vehicle's own inspection report.",
          }
        : null,
  };
  const reportPassed: Rule<ExpiredInspectionFacts> = {
    code: 'INSPECTION_NOT_PASSED',
    legalBasis: BASIS_26,
    requires: [reportOfThisVehicle],
    check: (f) =>
      expired(f) && f.inspection.result !== 'pass'
        ? {
            message: `编号为 ${f.inspection.reportNo} 的安全技术检验结论为不合格`,
            remedy: '请维修后复检，检验合格后再申请',
            messageEn: `Inspection report ${f.inspection.reportNo} concluded that the vehicle failed.`,
            remedyEn: 'Have the vehicle repaired and inspected again, then apply once it passes.',
          }
        : null,
  };
  const insuranceGiven: Rule<ExpiredInspectionFacts> = {
    code: 'INSURANCE_REQUIRED',
    legalBasis: BASIS_26,
    requires: [registered],
    check: (f) =>
      expired(f) && f.insuranceValidUntil === null
        ? {
            message: `该机动车检验有效期已于 ${f.inspectionValidUntil} 届满，须提交有效的机动车交通事故责任强制保险凭证`,
            remedy: '请投保交强险后，填写保险有效期再申请',
            messageEn: `The vehicle's inspection validity ended on ${f.inspectionValidUntil}; proof of compulsory accident liability insurance in force is required.`,
            remedyEn: 'Take out the compulsory insurance, then apply again with its end date.',
          }
        : null,
  };
  const insuranceInForce: Rule<ExpiredInspectionFacts> = {
    code: 'INSURANCE_EXPIRED',
    legalBasis: BASIS_26,
    requires: [insuranceGiven],
    check: (f) =>
      expired(f) && f.insuranceValidUntil !== null && f.insuranceValidUntil < f.today
        ? {
            message: `机动车交通事故责任强制保险已于 ${f.insuranceValidUntil} 到期`,
            remedy: '请续保交强险后再申请',
            messageEn: `The compulsory accident liability insurance expired on ${f.insuranceValidUntil}.`,
            remedyEn: 'Renew the compulsory insurance, then apply again.',
          }
        : null,
  };
  return [
    reportGiven,
    reportFound,
    reportOfThisVehicle,
    reportPassed,
    insuranceGiven,
    insuranceInForce,
  ];
}
