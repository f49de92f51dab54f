import { addYears } from '#shared/dates.ts';
import type { RevocationCause } from '#shared/licences.ts';

/**
 * Years a person whose licence was revoked (吊销) may not apply for one (R162 §15, §93), by the
 * cause; null for life. A cause the registry does not know bars as "other revocation": 2 years.
 */
const BAR_YEARS: Record<RevocationCause, number | null> = {
  'hit-and-run': null,
  'drunk-driving-operating': 10,
  'drunk-driving': 5,
  fraud: 3,
  other: 2,
};

const CAUSE_NAMES: Record<RevocationCause, { zh: string; en: string }> = {
  'hit-and-run': { zh: '造成交通事故后逃逸构成犯罪', en: 'a hit-and-run crime' },
  'drunk-driving-operating': {
    zh: '醉酒驾驶营运机动车',
    en: 'drunk driving of an operating vehicle',
  },
  'drunk-driving': { zh: '醉酒驾驶机动车', en: 'drunk driving' },
  fraud: { zh: '以欺骗、贿赂等不正当手段取得驾驶证', en: 'a licence obtained by fraud' },
  other: { zh: '其他违法行为', en: 'another offence' },
};

/** A revocation as licence.apply weighs it: its day, its cause (null: unknown) and its bar. */
export interface RevocationBar {
  revokedOn: string;
  cause: RevocationCause | null;
  years: number | null;
  /** The first day a new application may be made; null: never. */
  applyFrom: string | null;
  causeZh: string;
  causeEn: string;
}

export function revocationBar(revokedOn: string, cause: RevocationCause | null): RevocationBar {
  const years = BAR_YEARS[cause ?? 'other'];
  const name = cause ? CAUSE_NAMES[cause] : { zh: '原因不详', en: 'cause not on file' };
  return {
    revokedOn,
    cause,
    years,
    applyFrom: years === null ? null : addYears(revokedOn, years),
    causeZh: name.zh,
    causeEn: name.en,
  };
}
