import type { Rule } from '../applications/handler.ts';
import { licenceFileRules, type LicenceFileFacts } from './licence-file.rules.ts';

/** 驾驶证补证 (R162 §69): any office, ID only; never while detained, suspended or revoked. */
export type ReissueFacts = LicenceFileFacts;

const R162 = '机动车驾驶证申领和使用规定';
const file = licenceFileRules({
  basis: `${R162} 第六十九条`,
  doZh: '补领驾驶证',
  doEn: 'have it reissued',
});

export const notExpired: Rule<ReissueFacts> = {
  code: 'LICENCE_EXPIRED',
  legalBasis: `${R162} 第六十三条`,
  // A year past its validity the licence is cancelled: renewal is no longer the remedy.
  requires: [file.notCancelled],
  check: (f) =>
    f.licence?.validUntil && f.licence.validUntil < f.today
      ? {
          message: `驾驶证已于 ${f.licence.validUntil} 超过有效期`,
          remedy: '超过有效期的驾驶证请申请有效期满换证，同时领取新证',
          messageEn: `The licence expired on ${f.licence.validUntil}.`,
          remedyEn: 'Apply for renewal instead; the new licence replaces the lost one.',
        }
      : null,
};

export const LICENCE_REISSUE_RULES: readonly Rule<ReissueFacts>[] = [
  file.found,
  file.notRevoked,
  file.notCancelled,
  file.notDetained,
  file.notSuspended,
  file.nameMatches,
  notExpired,
];
