import type { Rule } from '../applications/handler.ts';
import { addDays } from '../platform/time.ts';
import {
  applicantIsOwner,
  applicantNameMatches,
  inJurisdiction,
  notMovedOut,
  notYetRegistered,
  outletScope,
  registeredHere,
  type TempPlateVehicleFacts,
} from './temp-plate-vehicle.rules.ts';
import {
  vehicleNotDeregistered,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

/**
 * Facts for 临时行驶车号牌 (R164 §§46–47). Validity is counted in calendar days including the
 * day of issue ("有效期" periods are natural days, holidays included).
 */
export interface TempPlateFacts extends TempPlateVehicleFacts {
  days: number;
  today: string;
  insuranceValidUntil: string;
  /** Policy values in force today; null when an administrator has not configured one. */
  maxDays: number | null;
  maxIssues: number | null;
  /** Whether this purpose has a cap on issues at all (unsold/unregistered and export do). */
  capped: boolean;
  /** ICV road tests: the end of the approved test period (§48). */
  approvalValidUntil: string | null;
  /** Temporary plates issued to the vehicle for this purpose. */
  issued: number;
  /** The last day of its latest temporary plate of any purpose. */
  latestUntil: string | null;
  /**
   * What each cap cites: the article, or the city's own policy where that set the value in force
   * (catalog policyBasesOn).
   */
  basis: { days: string; issues: string };
}

export const BASIS_47 = '机动车登记规定 第四十七条';

export const validUntilOf = (f: Pick<TempPlateFacts, 'today' | 'days'>) =>
  addDays(f.today, f.days - 1);

/** "1 day", "30 days"; "1 temporary plate", "2 temporary plates". */
const daysEn = (n: number) => (n === 1 ? '1 day' : `${n} days`);
const platesEn = (n: number) => (n === 1 ? '1 temporary plate' : `${n} temporary plates`);

const daysBetweenInclusive = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export const policyConfigured: Rule<TempPlateFacts> = {
  code: 'POLICY_NOT_CONFIGURED',
  legalBasis: BASIS_47,
  check: (f) =>
    f.maxDays === null || (f.capped && f.maxIssues === null)
      ? {
          message: '临时号牌核发政策参数未配置，暂不能受理',
          remedy: '请联系车管所管理员配置临时号牌有效天数和核发次数',
          messageEn:
            'The temporary plate policy has not been configured, so the application cannot be accepted for now.',
          remedyEn:
            'Ask a vehicle administration office administrator to configure the validity in days and the number of issues allowed for temporary plates.',
        }
      : null,
};

export const withinMaxDays: Rule<TempPlateFacts> = {
  code: 'TEMP_PLATE_DAYS_EXCEEDED',
  legalBasis: BASIS_47,
  requires: [policyConfigured],
  check: (f) =>
    f.maxDays !== null && f.days > f.maxDays
      ? {
          message: `申请的有效期 ${f.days} 天超过规定上限 ${f.maxDays} 天`,
          remedy: `请将有效期调整为不超过 ${f.maxDays} 天`,
          messageEn: `The requested validity of ${daysEn(f.days)} exceeds the maximum of ${daysEn(f.maxDays)}.`,
          remedyEn: `Shorten the validity to at most ${daysEn(f.maxDays)}.`,
          legalBasis: f.basis.days,
        }
      : null,
};

export const insuranceInForce: Rule<TempPlateFacts> = {
  code: 'INSURANCE_EXPIRED',
  legalBasis: BASIS_47,
  check: (f) =>
    f.insuranceValidUntil < f.today
      ? {
          message: `机动车交通事故责任强制保险已于 ${f.insuranceValidUntil} 到期`,
          remedy: '请先投保或续保交强险，再申请临时号牌',
          messageEn: `The compulsory motor vehicle accident liability insurance expired on ${f.insuranceValidUntil}.`,
          remedyEn:
            'Take out or renew the compulsory accident liability insurance first, then apply for the temporary plate.',
        }
      : null,
};

export const withinInsurance: Rule<TempPlateFacts> = {
  code: 'TEMP_PLATE_BEYOND_INSURANCE',
  legalBasis: BASIS_47,
  requires: [insuranceInForce],
  check: (f) =>
    validUntilOf(f) > f.insuranceValidUntil
      ? {
          message: `临时号牌有效期（至 ${validUntilOf(f)}）不得超过交强险有效期（至 ${f.insuranceValidUntil}）`,
          remedy: `请将有效期调整为不超过 ${daysBetweenInclusive(f.today, f.insuranceValidUntil)} 天，或续保交强险后再申请`,
          messageEn: `The temporary plate would be valid until ${validUntilOf(f)}, beyond the compulsory insurance, which is valid until ${f.insuranceValidUntil}.`,
          remedyEn: `Shorten the validity to at most ${daysEn(daysBetweenInclusive(f.today, f.insuranceValidUntil))}, or renew the compulsory insurance and apply again.`,
        }
      : null,
};

export const issuesLeft: Rule<TempPlateFacts> = {
  code: 'TEMP_PLATE_ISSUES_EXHAUSTED',
  legalBasis: BASIS_47,
  requires: [policyConfigured],
  check: (f) =>
    f.maxIssues !== null && f.issued >= f.maxIssues
      ? {
          message: `该车辆已核发${f.purpose === 'export' ? '出口' : ''}临时号牌 ${f.issued} 次，已达上限 ${f.maxIssues} 次`,
          remedy:
            f.purpose === 'export'
              ? '出口车辆临时号牌限核发一次，请在原号牌有效期内办理出口'
              : '请尽快办理注册登记，领取正式号牌',
          messageEn: `This vehicle has already been issued ${platesEn(f.issued)}${f.purpose === 'export' ? ' for export' : ''}; the limit is ${f.maxIssues}.`,
          remedyEn:
            f.purpose === 'export'
              ? 'Only one temporary plate is issued for an export vehicle; complete the export while the existing plate is still valid.'
              : 'Register the vehicle as soon as possible to obtain its permanent plates.',
          legalBasis: f.basis.issues,
        }
      : null,
};

/** One valid temporary plate at a time, whatever the purposes of the two. */
export const noValidTempPlate: Rule<TempPlateFacts> = {
  code: 'TEMP_PLATE_STILL_VALID',
  legalBasis: BASIS_47,
  check: (f) =>
    f.latestUntil !== null && f.latestUntil >= f.today
      ? {
          message: `该车辆已有有效期至 ${f.latestUntil} 的临时号牌`,
          remedy: '请在原临时号牌有效期届满后再申请',
          messageEn: `This vehicle already has a temporary plate valid until ${f.latestUntil}.`,
          remedyEn: 'Apply again once the current temporary plate has expired.',
        }
      : null,
};

export const withinApproval: Rule<TempPlateFacts> = {
  code: 'TEMP_PLATE_BEYOND_APPROVAL',
  legalBasis: '机动车登记规定 第四十八条',
  check: (f) => {
    if (f.purpose !== 'icv-road-test') return null;
    if (f.approvalValidUntil === null) {
      return {
        message: '智能网联汽车道路测试临时号牌须提供道路测试准予期限',
        remedy: '请提交道路测试安全性自我声明及准予期限后再申请',
        messageEn:
          'A temporary plate for an intelligent connected vehicle road test needs the end of the approved test period.',
        remedyEn: 'Apply again with the approved road-test period.',
      };
    }
    return validUntilOf(f) > f.approvalValidUntil
      ? {
          message: `临时号牌有效期（至 ${validUntilOf(f)}）不得超过道路测试准予期限（至 ${f.approvalValidUntil}）`,
          remedy: `请将有效期调整为不超过 ${daysBetweenInclusive(f.today, f.approvalValidUntil)} 天`,
          messageEn: `The temporary plate would be valid until ${validUntilOf(f)}, beyond the approved test period, which ends on ${f.approvalValidUntil}.`,
          remedyEn: `Shorten the validity to at most ${daysEn(daysBetweenInclusive(f.today, f.approvalValidUntil))}.`,
        }
      : null;
  },
};

export const TEMP_PLATE_RULES: readonly Rule<TempPlateFacts>[] = [
  policyConfigured,
  withinMaxDays,
  insuranceInForce,
  withinInsurance,
  issuesLeft,
  noValidTempPlate,
  outletScope,
  notYetRegistered,
  inJurisdiction,
  registeredHere,
  applicantIsOwner,
  applicantNameMatches,
  notMovedOut,
  vehicleNotDeregistered,
  vehicleNotStolen,
  vehicleNotSeized,
  withinApproval,
];
