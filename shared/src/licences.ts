import { addCalendarDays, addMonths, addYears } from './dates.ts';
import { LICENCE_CLASSES } from './schemas/applications.ts';

/**
 * Driving licences as data (R162 = 机动车驾驶证申领和使用规定, as amended by R172): the classes
 * of 附件1 with what each also permits, who may apply for them and at what age, the registry
 * statuses and which registry events move a licence between them. Server and web app read the
 * same tables.
 */
export type LicenceClass = (typeof LICENCE_CLASSES)[number];
export { LICENCE_CLASSES };

export interface ClassInfo {
  nameZh: string;
  nameEn: string;
  /** The other classes a holder may drive (准予驾驶的其他准驾车型, 附件1). */
  alsoPermitted: readonly LicenceClass[];
  /** A1/A2/A3/B1/B2: longer 满分 study (R163 §18) and 审验 after a cycle with points (R162 §72). */
  large: boolean;
  /** Obtainable at a first application (R162 §16); the others only by adding a class (增驾). */
  firstTime: boolean;
  /** R162 §14(一) as rewritten by R172: minimum age, and maximum age at application (null: none). */
  minAge: number;
  maxAge: number | null;
  /** Subject 2 pass mark (R162 §38): 90 for large classes and C6, 80 for the others. */
  subject2PassMark: number;
}

const info = (
  nameZh: string,
  nameEn: string,
  alsoPermitted: LicenceClass[],
  o: { large?: boolean; firstTime: boolean; minAge: number; maxAge: number | null; mark?: number },
): ClassInfo => ({
  nameZh,
  nameEn,
  alsoPermitted,
  large: o.large ?? false,
  firstTime: o.firstTime,
  minAge: o.minAge,
  maxAge: o.maxAge,
  subject2PassMark: o.mark ?? (o.large ? 90 : 80),
});

const CAR = ['C2', 'C3', 'C4'] as LicenceClass[];

/** 附件1 (B2's list is unconfirmed ⚠ in regulations.md §3.1; it follows the published table). */
export const LICENCE_CLASS_INFO: Record<LicenceClass, ClassInfo> = {
  A1: info('大型客车', 'Large bus', ['A3', 'B1', 'B2', 'C1', ...CAR, 'M'], {
    large: true,
    firstTime: false,
    minAge: 22,
    maxAge: 63,
  }),
  A2: info('重型牵引挂车', 'Heavy tractor-trailer', ['B1', 'B2', 'C1', ...CAR, 'C6', 'M'], {
    large: true,
    firstTime: false,
    minAge: 22,
    maxAge: 63,
  }),
  A3: info('城市公交车', 'City bus', ['C1', ...CAR], {
    large: true,
    firstTime: true,
    minAge: 20,
    maxAge: 63,
  }),
  B1: info('中型客车', 'Medium bus', ['C1', ...CAR, 'M'], {
    large: true,
    firstTime: false,
    minAge: 20,
    maxAge: 63,
  }),
  B2: info('大型货车', 'Heavy truck', ['C1', ...CAR, 'M'], {
    large: true,
    firstTime: true,
    minAge: 20,
    maxAge: 63,
  }),
  C1: info('小型汽车', 'Small car', [...CAR], { firstTime: true, minAge: 18, maxAge: null }),
  C2: info('小型自动挡汽车', 'Small automatic car', [], {
    firstTime: true,
    minAge: 18,
    maxAge: null,
  }),
  C3: info('低速载货汽车', 'Low-speed truck', ['C4'], { firstTime: true, minAge: 18, maxAge: 63 }),
  C4: info('三轮汽车', 'Three-wheeled vehicle', [], { firstTime: true, minAge: 18, maxAge: 63 }),
  C5: info('残疾人专用小型自动挡载客汽车', 'Small automatic car for disabled drivers', [], {
    firstTime: true,
    minAge: 18,
    maxAge: null,
  }),
  C6: info('轻型牵引挂车', 'Light tractor-trailer', [], {
    firstTime: false,
    minAge: 20,
    maxAge: 70,
    mark: 90,
  }),
  D: info('普通三轮摩托车', 'Three-wheeled motorcycle', ['E', 'F'], {
    firstTime: true,
    minAge: 18,
    maxAge: 70,
  }),
  E: info('普通二轮摩托车', 'Two-wheeled motorcycle', ['F'], {
    firstTime: true,
    minAge: 18,
    maxAge: 70,
  }),
  F: info('轻便摩托车', 'Moped', [], { firstTime: true, minAge: 18, maxAge: null }),
  M: info('轮式专用机械车', 'Wheeled special machinery', [], {
    firstTime: true,
    minAge: 18,
    maxAge: 63,
  }),
  N: info('无轨电车', 'Trolleybus', [], { firstTime: true, minAge: 20, maxAge: 63 }),
  P: info('有轨电车', 'Tram', [], { firstTime: true, minAge: 20, maxAge: 63 }),
};

/** Every class a set of licence classes allows driving, the classes themselves included. */
export function permittedClasses(classes: readonly LicenceClass[]): LicenceClass[] {
  const all = new Set<LicenceClass>(classes);
  for (const c of classes) for (const p of LICENCE_CLASS_INFO[c].alsoPermitted) all.add(p);
  return LICENCE_CLASSES.filter((c) => all.has(c));
}

export const hasLargeClass = (classes: readonly LicenceClass[]) =>
  classes.some((c) => LICENCE_CLASS_INFO[c].large);

/** 满分: 12 points in a cycle detain the licence (R163 §17). */
export const FULL_SCORE = 12;

/** R162 §65 as amended by R172: classes no longer driven from 63, and from 70. */
export const DROPPED_AT_63: readonly LicenceClass[] = ['A1', 'A2', 'A3', 'B1', 'B2', 'M', 'N', 'P'];
export const DROPPED_AT_70: readonly LicenceClass[] = ['C3', 'C4', 'C6', 'D', 'E'];

/**
 * The classes a holder keeps at an age (R162 §65): from 63 the large classes are exchanged for
 * a small car (C1; an A2 holder may keep C6), from 70 C3/C4/C6/D/E are dropped and a motorcycle
 * holder keeps F. `extendedUntil63Classes` are classes whose extension (≤ 3 years) is in force.
 */
export function classesAtAge(
  classes: readonly LicenceClass[],
  age: number,
  extended: readonly LicenceClass[] = [],
): { classes: LicenceClass[]; dropped: LicenceClass[]; added: LicenceClass[] } {
  const kept = new Set<LicenceClass>(classes);
  const added = new Set<LicenceClass>();
  if (age >= 63) {
    for (const c of DROPPED_AT_63) {
      if (!kept.has(c) || extended.includes(c)) continue;
      kept.delete(c);
      if (c !== 'M' && c !== 'N' && c !== 'P' && !kept.has('C1') && !kept.has('C2'))
        added.add('C1');
      if (c === 'A2') added.add('C6');
    }
  }
  if (age >= 70) {
    for (const c of DROPPED_AT_70) {
      if (!kept.has(c) && !added.has(c)) continue;
      if ((c === 'D' || c === 'E') && !kept.has('F')) added.add('F');
      kept.delete(c);
      added.delete(c);
    }
  }
  for (const c of added) kept.add(c);
  const result = LICENCE_CLASSES.filter((c) => kept.has(c));
  return {
    classes: result,
    dropped: classes.filter((c) => !kept.has(c)),
    added: result.filter((c) => !classes.includes(c)),
  };
}

/** Registry status of a licence (CONTRACT.md "Registries"). */
export const LICENCE_STATUSES = [
  'valid',
  'full-score',
  'suspended',
  'revoked',
  'cancelled',
  'expired',
] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const LICENCE_STATUS_NAMES: Record<LicenceStatus, { zh: string; en: string }> = {
  valid: { zh: '正常', en: 'Valid' },
  'full-score': { zh: '满分（扣留）', en: 'Full score (detained)' },
  suspended: { zh: '暂扣', en: 'Suspended' },
  revoked: { zh: '吊销', en: 'Revoked' },
  cancelled: { zh: '注销', en: 'Cancelled' },
  expired: { zh: '超过有效期', en: 'Expired' },
};

/**
 * Why a licence was revoked (吊销), as far as the bar on a new application depends on it (R162 §15,
 * §93): a hit-and-run crime, drunk driving of an operating vehicle, drunk driving, a licence
 * obtained by fraud, or any other cause.
 */
export const REVOCATION_CAUSES = [
  'hit-and-run',
  'drunk-driving-operating',
  'drunk-driving',
  'fraud',
  'other',
] as const;
export type RevocationCause = (typeof REVOCATION_CAUSES)[number];

/**
 * The licence status as a lifecycle: which registry event moves a licence from which stored
 * status to which. `expired` is never stored: it is a valid licence read after its validity
 * (see effectiveLicenceStatus). Handlers ask this before they write a status.
 */
export const LICENCE_EVENTS = {
  /** 满分: detained until the education exam is passed and fines are paid (R163 §17, §23) */
  'reach-full-score': { from: ['valid'], to: 'full-score' },
  'release-full-score': { from: ['full-score'], to: 'valid' },
  /** 暂扣 (e.g. drink driving, RTSL §91) and its end */
  suspend: { from: ['valid', 'full-score'], to: 'suspended' },
  'end-suspension': { from: ['suspended'], to: 'valid' },
  /** 吊销 */
  revoke: { from: ['valid', 'full-score', 'suspended'], to: 'revoked' },
  /** 注销 (R162 §79): every class gone, or the holder's request, or overdue */
  cancel: { from: ['valid', 'full-score', 'suspended'], to: 'cancelled' },
  /** 恢复驾驶资格 (R162 §79 ¶3) by passing subject 1 within 2 years */
  restore: { from: ['cancelled'], to: 'valid' },
  /**
   * 初次申领 after a cancellation or a revocation (once its bar is over, R162 §15): 注销 and 吊销
   * end the licence, and a new application's exams passed issue a new one in its place (new
   * first-issue day, term and probation, R162 §§13, 60, 76)
   */
  'issue-anew': { from: ['cancelled', 'revoked'], to: 'valid' },
  /** 换证 and 补证 keep a valid licence valid */
  renew: { from: ['valid'], to: 'valid' },
  /** 增驾: a class added after its exams (R162 §17) */
  'add-class': { from: ['valid'], to: 'valid' },
} as const satisfies Record<string, { from: readonly LicenceStatus[]; to: LicenceStatus }>;
export type LicenceEvent = keyof typeof LICENCE_EVENTS;

export function nextLicenceStatus(from: LicenceStatus, event: LicenceEvent): LicenceStatus | null {
  const rule = LICENCE_EVENTS[event];
  return (rule.from as readonly LicenceStatus[]).includes(from) ? rule.to : null;
}

/**
 * The last day a licence past its validity may still be renewed: a year after it (R162 §63,
 * §79 第一款第八项). From the next day the licence is cancelled.
 */
export const lastRenewalDay = (validUntil: string) => addMonths(validUntil, 12);

/** R162 §79 第一款第八项: 超过机动车驾驶证有效期一年以上未换证 (a long-term licence never is). */
export const lapsedOn = (validUntil: string | null, today: string) =>
  validUntil !== null && today > lastRenewalDay(validUntil);

/**
 * R162 §79 第三款: a licence cancelled for being more than a year overdue is restored (恢复驾驶资格)
 * by passing subject 1 within two years of its cancellation (the day after its last renewal day).
 * The last day for it.
 */
export const lastRestorationDay = (validUntil: string) =>
  addCalendarDays(addYears(addCalendarDays(lastRenewalDay(validUntil), 1), 2), -1);

/**
 * A licence's status on a day, as every reader and rule of the driver business sees it: a stored
 * `valid` licence past its validity is `expired`, and a year after that it is `cancelled` (注销,
 * R162 §79 第一款第八项). Read from the validity, never written: the law cancels it on that day,
 * so a job writing it later would leave it valid in between, and the read of `GET /licences/{id}`
 * stays one round trip. A status the registry stored (detained, suspended, revoked, cancelled)
 * stands as stored; long-term licences never expire.
 */
export function effectiveLicenceStatus(
  stored: LicenceStatus,
  validUntil: string | null,
  today: string,
): LicenceStatus {
  if (stored !== 'valid' || validUntil === null || validUntil >= today) return stored;
  return lapsedOn(validUntil, today) ? 'cancelled' : 'expired';
}

/** Validity terms (R162 §13, §62): 6 years, then 10 years, then long-term (长期). */
export const VALIDITY_TERMS = ['6y', '10y', 'long-term'] as const;
export type ValidityTerm = (typeof VALIDITY_TERMS)[number];

/**
 * The term of a renewed licence (R162 §62): one step up when no cycle of the expiring term
 * reached 12 points, the same term otherwise.
 */
export function nextValidityTerm(current: ValidityTerm, hadFullScore: boolean): ValidityTerm {
  if (hadFullScore || current === 'long-term') return current;
  return current === '6y' ? '10y' : 'long-term';
}

export const TERM_YEARS: Record<Exclude<ValidityTerm, 'long-term'>, number> = {
  '6y': 6,
  '10y': 10,
};
