import type { Rule } from '../applications/handler.ts';
import type { LicenceFileFacts } from './licence-file.rules.ts';
import { licenceFileRules } from './licence-file.rules.ts';
import { CERTIFICATE_RULES, type CertificateFacts } from './medical-certificate.rules.ts';

/** 驾驶证有效期满换证 (R162 §§62–63): a renewal window around expiry and a valid medical. */
export type RenewFacts = LicenceFileFacts &
  CertificateFacts & {
    /**
     * First day a renewal is accepted; null for a long-term licence. (After its last day the
     * licence reads as cancelled, which `LICENCE_CANCELLED` refuses.)
     */
    window: { from: string } | null;
  };

const R162 = '机动车驾驶证申领和使用规定';
export const BASIS_63 = `${R162} 第六十三条`;

const file = licenceFileRules({ basis: BASIS_63, doZh: '换证', doEn: 'renew it' });

export const notLongTerm: Rule<RenewFacts> = {
  code: 'RENEWAL_NOT_NEEDED',
  legalBasis: `${R162} 第六十二条`,
  requires: [file.found],
  check: (f) =>
    f.licence && f.licence.validUntil === null
      ? {
          message: '驾驶证为长期有效，无需换证',
          remedy: '驾驶证损毁或信息变化的，请申请换领或补领',
          messageEn: 'The licence is valid for life (long-term) and needs no renewal.',
          remedyEn: 'If it is damaged or its details changed, apply for an exchange or a reissue.',
        }
      : null,
};

export const notTooEarly: Rule<RenewFacts> = {
  code: 'RENEWAL_TOO_EARLY',
  legalBasis: BASIS_63,
  requires: [notLongTerm],
  check: (f) =>
    f.window && f.today < f.window.from
      ? {
          message: `驾驶证有效期至 ${f.licence?.validUntil}，${f.window.from} 起方可申请换证`,
          remedy: `请于 ${f.window.from} 至有效期满前申请换证`,
          messageEn: `The licence is valid until ${f.licence?.validUntil}; renewal is accepted from ${f.window.from}.`,
          remedyEn: `Apply for renewal from ${f.window.from} on.`,
        }
      : null,
};

export const LICENCE_RENEW_RULES: readonly Rule<RenewFacts>[] = [
  file.found,
  file.notRevoked,
  file.notCancelled,
  file.notDetained,
  file.notSuspended,
  file.nameMatches,
  notLongTerm,
  notTooEarly,
  ...CERTIFICATE_RULES,
];
