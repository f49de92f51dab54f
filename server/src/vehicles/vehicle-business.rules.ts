import type { Rule } from '../applications/handler.ts';
import { dueForScrap } from './vehicle-age.ts';

/**
 * Preconditions several vehicle businesses share, each worded once and cited with the article
 * of the business that asks it.
 */
export interface ViolationFacts {
  plate: string;
  unhandledViolations: number;
}

export const violationsHandled = (legalBasis: string): Rule<ViolationFacts> => ({
  code: 'VIOLATIONS_UNHANDLED',
  legalBasis,
  check: (f) =>
    f.unhandledViolations > 0
      ? {
          message: `号牌号码 ${f.plate} 的机动车有 ${f.unhandledViolations} 条交通违法记录未处理完毕`,
          remedy: '请先处理完该车的交通违法行为和交通事故，再申请本业务',
          messageEn: `The vehicle with plate number ${f.plate} has ${f.unhandledViolations} traffic violation record(s) not yet dealt with.`,
          remedyEn:
            "Have the vehicle's traffic violations and accidents dealt with first, then apply again.",
        }
      : null,
});

export interface ScrapFacts {
  today: string;
  /** The day the vehicle reaches its mandatory scrapping age; null when none applies by age. */
  scrapDueOn: string | null;
  /** One year before that day. */
  scrapYearFrom: string | null;
}

/**
 * §§21, 29: no transfer, use-nature change or move-out within a year of the scrapping age, nor
 * after it (a vehicle years past it is told so, not that the day is near).
 */
export const notNearScrap = (legalBasis: string, doZh: string, doEn: string): Rule<ScrapFacts> => ({
  code: 'NEAR_SCRAP_AGE',
  legalBasis,
  check: (f) => {
    if (f.scrapYearFrom === null || f.today < f.scrapYearFrom) return null;
    return dueForScrap(f)
      ? {
          message: `该机动车已于 ${f.scrapDueOn} 达到强制报废期，不能${doZh}`,
          remedy: '请将机动车交售报废机动车回收企业，并办理注销登记',
          messageEn: `This vehicle reached its mandatory scrapping age on ${f.scrapDueOn}, so it cannot ${doEn}.`,
          remedyEn:
            'Hand the vehicle over to a licensed end-of-life vehicle recycling company and have it deregistered.',
        }
      : {
          message: `该机动车距强制报废期（${f.scrapDueOn}）不足一年，不能${doZh}`,
          remedy: '请在报废期满前继续使用，期满后交售报废机动车回收企业并办理注销登记',
          messageEn: `This vehicle reaches its mandatory scrapping age on ${f.scrapDueOn}, less than a year from now, so it cannot ${doEn}.`,
          remedyEn:
            'Keep using it until then, and hand it to a licensed recycling company and deregister it when it is due.',
        };
  },
});

export interface MortgageeFacts {
  mortgage: { mortgageeOrgCode: string; contractNo: string } | null;
  /** The mortgagee taking part: the bank outlet itself, or the code the applicant presented. */
  mortgageePresent: string | null;
}

/** §§26, 32: while a mortgage stands, the mortgagee applies jointly. */
export const mortgageeCoApplies = (legalBasis: string): Rule<MortgageeFacts> => ({
  code: 'MORTGAGEE_NOT_CO_APPLYING',
  legalBasis,
  check: (f) =>
    f.mortgage && f.mortgageePresent !== f.mortgage.mortgageeOrgCode
      ? {
          message: `该机动车处于抵押登记期间，须由抵押权人（${f.mortgage.mortgageeOrgCode}）共同申请`,
          remedy:
            '请与抵押权人共同申请（在抵押权人的银行网点办理，或提交抵押权人代码并由其代表到场）',
          messageEn: `This vehicle is mortgaged; the mortgagee (${f.mortgage.mortgageeOrgCode}) must apply jointly.`,
          remedyEn:
            "Apply together with the mortgagee: at the mortgagee's bank outlet, or with the mortgagee's code and its representative present.",
        }
      : null,
});
