import type { LicenceClass } from '#shared/licences.ts';
import type { Rule } from '../applications/handler.ts';

/** Facts of a business that relies on a medical certificate (renewal, a first licence). */
export interface CertificateFacts {
  idNumber: string;
  today: string;
  certificateNo: string;
  certificate: {
    idNumber: string;
    conclusion: 'fit' | 'unfit';
    validUntil: string;
    classes: LicenceClass[] | null;
    used: boolean;
  } | null;
  /** The classes the certificate must cover. */
  classesNeeded: LicenceClass[];
}

const R162 = '机动车驾驶证申领和使用规定';

export const certificateFound: Rule<CertificateFacts> = {
  code: 'MEDICAL_CERTIFICATE_NOT_FOUND',
  legalBasis: `${R162} 第八十五条`,
  check: (f) =>
    f.certificate
      ? null
      : {
          message: `未查询到编号为 ${f.certificateNo} 的身体条件证明`,
          remedy: '请核对证明编号，或到县级以上医院、警医体检点进行身体检查',
          messageEn: `No medical certificate numbered ${f.certificateNo} was found.`,
          remedyEn:
            'Check the certificate number, or have a medical examination at a county-level or higher hospital or a police–hospital exam point.',
        },
};

export const certificateOwn: Rule<CertificateFacts> = {
  code: 'MEDICAL_CERTIFICATE_OTHER_PERSON',
  legalBasis: `${R162} 第八十五条`,
  requires: [certificateFound],
  check: (f) =>
    f.certificate && f.certificate.idNumber !== f.idNumber
      ? {
          message: '身体条件证明不是申请人本人的',
          remedy: '请提交申请人本人的身体条件证明',
          messageEn: 'The medical certificate is not the applicant’s own.',
          remedyEn: 'Submit the applicant’s own medical certificate.',
        }
      : null,
};

export const certificateValid: Rule<CertificateFacts> = {
  code: 'MEDICAL_CERTIFICATE_EXPIRED',
  legalBasis: `${R162} 第八十五条`,
  requires: [certificateOwn],
  check: (f) =>
    f.certificate && f.certificate.validUntil < f.today
      ? {
          message: `身体条件证明已于 ${f.certificate.validUntil} 过期`,
          remedy: '请重新进行身体检查，取得有效期内的身体条件证明',
          messageEn: `The medical certificate expired on ${f.certificate.validUntil}.`,
          remedyEn: 'Have a new medical examination to obtain a valid certificate.',
        }
      : null,
};

export const certificateUnused: Rule<CertificateFacts> = {
  code: 'MEDICAL_CERTIFICATE_USED',
  legalBasis: `${R162} 第八十五条`,
  requires: [certificateOwn],
  check: (f) =>
    f.certificate?.used
      ? {
          message: '该身体条件证明已用于办理其他业务',
          remedy: '一份身体条件证明只能用于一次业务，请重新进行身体检查',
          messageEn: 'This medical certificate has already been used for another business.',
          remedyEn: 'A certificate serves one business only; have a new medical examination.',
        }
      : null,
};

export const certificateFit: Rule<CertificateFacts> = {
  code: 'MEDICAL_UNFIT',
  legalBasis: `${R162} 第十四条`,
  requires: [certificateOwn],
  check: (f) =>
    f.certificate?.conclusion === 'unfit'
      ? {
          message: '身体条件证明的结论为不合格',
          remedy: '身体条件不符合驾驶许可条件的，不能办理；身体条件恢复后可重新体检',
          messageEn: 'The medical certificate concludes that the applicant is unfit.',
          remedyEn:
            'This business cannot be done while the physical conditions are not met; be examined again once they are.',
        }
      : null,
};

export const certificateCovers: Rule<CertificateFacts> = {
  code: 'MEDICAL_CLASSES_NOT_COVERED',
  legalBasis: `${R162} 第十四条`,
  requires: [certificateFit],
  check: (f) => {
    const missing = f.certificate?.classes
      ? f.classesNeeded.filter((c) => !f.certificate?.classes?.includes(c))
      : [];
    return missing.length
      ? {
          message: `身体条件证明不适用于 ${missing.join('、')} 准驾车型`,
          remedy: '请按所需准驾车型的身体条件重新体检',
          messageEn: `The medical certificate does not cover class ${missing.join(', ')}.`,
          remedyEn: 'Be examined again for the physical conditions of the classes needed.',
        }
      : null;
  },
};

export const CERTIFICATE_RULES: readonly Rule<CertificateFacts>[] = [
  certificateFound,
  certificateOwn,
  certificateValid,
  certificateUnused,
  certificateFit,
  certificateCovers,
];
