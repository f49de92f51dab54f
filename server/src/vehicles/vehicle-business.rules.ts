import { businessTypeInfo } from '#shared/catalog.ts';
import type { Rule } from '../applications/handler.ts';
import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
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
 * §§21, 29: no transfer, use-nature change or move-out within a year of the scrapping age. A
 * vehicle already past it (by age, or recorded scrap-due) is refused for that by
 * VEHICLE_SCRAP_DUE, which every such business lists: one cause, one item.
 */
export const notNearScrap = (
  legalBasis: string,
  doZh: string,
  doEn: string,
): Rule<ScrapFacts & { vehicle: { status: VehicleStatus } | null }> => ({
  code: 'NEAR_SCRAP_AGE',
  legalBasis,
  check: (f) =>
    f.scrapYearFrom === null ||
    f.today < f.scrapYearFrom ||
    dueForScrap({ ...f, status: f.vehicle?.status })
      ? null
      : {
          message: `该机动车距强制报废期（${f.scrapDueOn}）不足一年，不能${doZh}`,
          remedy: '请在报废期满前继续使用，期满后交售报废机动车回收企业并办理注销登记',
          messageEn: `This vehicle reaches its mandatory scrapping age on ${f.scrapDueOn}, less than a year from now, so it cannot ${doEn}.`,
          remedyEn:
            'Keep using it until then, and hand it to a licensed recycling company and deregister it when it is due.',
        },
});

/** Who stands for a mortgagee in an application (R164 §§26, 31–35). */
export interface MortgageeTakingPart {
  orgCode: string;
  /**
   * A bank outlet acting for itself (§35), the mortgagee's representative at a window, or the
   * mortgagee named by its code in the application a staff outlet takes (`named`): what
   * CONTRACT.md gives a transfer (`mortgageeOrgCode?`) and a mortgage (`mortgageeOrgCode`) for it.
   */
  by: 'own-outlet' | 'representative' | 'named';
}

export interface MortgageeFacts {
  mortgage: { mortgageeOrgCode: string; contractNo: string } | null;
  /** The mortgagee taking part in this application, or null when none does. */
  mortgageeTakingPart: MortgageeTakingPart | null;
}

/**
 * The mortgagee taking part: a bank outlet is the mortgagee acting for itself (it stands for no
 * other); elsewhere a representative recorded at the window, with the code of the mortgagee it
 * stands for, and not the applicant; or, at a staff outlet (not the internet channel), the
 * mortgagee named by its code alone (`named`), which only the business whose contract fields name
 * the mortgagee accepts (`mortgageeJoins`' `namedJoins`).
 */
export function mortgageeTakingPart(d: {
  outlet: { category: string; code: string };
  applicant: { idNumber: string };
  data: { mortgageeOrgCode?: string; mortgageeRepresentative?: { idNumber: string } };
}): MortgageeTakingPart | null {
  if (d.outlet.category === 'bank') return { orgCode: d.outlet.code, by: 'own-outlet' };
  const representative = d.data.mortgageeRepresentative;
  if (!d.data.mortgageeOrgCode) return null;
  if (representative) {
    return representative.idNumber !== d.applicant.idNumber
      ? { orgCode: d.data.mortgageeOrgCode, by: 'representative' }
      : null;
  }
  return d.outlet.category === 'internet'
    ? null
    : { orgCode: d.data.mortgageeOrgCode, by: 'named' };
}

/**
 * §§26, 31–33: the mortgagee applies jointly. The notice names no mortgagee: the code of the one
 * on file is not told to an applicant who has not shown to be it. Its remedy sends the applicant
 * to a bank outlet only for the business a bank takes (`bankTakes`: the mortgage and its release);
 * otherwise the mortgagee's representative attends where the business is taken.
 */
export const mortgageeJoins = <F extends MortgageeFacts>(o: {
  legalBasis: string;
  /** The mortgagee that must take part, or null when none must. */
  mortgageeOf: (f: F) => string | null;
  bankTakes: boolean;
  /**
   * Whether the mortgagee named by its code at a staff outlet joins: yes for a transfer (§26,
   * whose mortgage moves over to the same mortgagee) and a new mortgage (§31, in the mortgagee's
   * favour), the fields CONTRACT.md gives them; not for what would cost the mortgagee its
   * security (a release, §33; a new certificate, §32), which needs its outlet or representative.
   */
  namedJoins?: boolean;
}): Rule<F> => ({
  code: 'MORTGAGEE_NOT_CO_APPLYING',
  legalBasis: o.legalBasis,
  check: (f) => {
    const mortgagee = o.mortgageeOf(f);
    const part = f.mortgageeTakingPart;
    const joins = part?.orgCode === mortgagee && (part.by !== 'named' || o.namedJoins === true);
    if (mortgagee === null || joins) return null;
    const atBank = f.mortgageeTakingPart?.by === 'own-outlet';
    if (o.namedJoins && !atBank) {
      return {
        message:
          '须由抵押权人共同申请，本次申请没有该抵押的抵押权人参与（未注明或注明的抵押权人代码不符）',
        remedy: o.bankTakes
          ? '请与抵押权人共同申请，在申请中注明抵押权人代码（或登记其到场代表）；或到抵押权人本身的银行网点办理'
          : '请与抵押权人共同申请，在申请中注明抵押权人代码（或登记其到场代表）',
        messageEn:
          "The mortgagee must apply jointly; the mortgagee of this vehicle's mortgage takes no part in this application (no mortgagee code given, or another one).",
        remedyEn: o.bankTakes
          ? "Apply together with the mortgagee, giving its code (or recording its attending representative), or apply at the mortgagee's own bank outlet."
          : 'Apply together with the mortgagee, giving its code (or recording its attending representative).',
      };
    }
    return {
      message: atBank
        ? '须由抵押权人共同申请，本银行网点不是该抵押的抵押权人'
        : '须由抵押权人共同申请，本次申请没有抵押权人参与（须其代表到场，仅填写抵押权人代码不视为共同申请）',
      remedy: o.bankTakes
        ? '请由抵押权人派代表到场，登记代表身份信息和抵押权人代码后共同申请；或到抵押权人本身的银行网点办理'
        : '请由抵押权人派代表到车管所或其他受理本业务的网点，登记代表身份信息和抵押权人代码后共同申请',
      messageEn: atBank
        ? 'The mortgagee must apply jointly; this bank outlet is not the mortgagee.'
        : "The mortgagee must apply jointly; the mortgagee takes no part in this application (its representative must attend; typing the mortgagee's code is not applying jointly).",
      remedyEn: o.bankTakes
        ? "Have the mortgagee's representative attend and record their identity and the mortgagee's code, or apply at the mortgagee's own bank outlet."
        : "Have the mortgagee's representative attend at the vehicle administration office or another outlet that takes this business, with their identity and the mortgagee's code recorded.",
    };
  },
});

/** §§26, 32: while a mortgage stands, its mortgagee applies jointly. */
export const mortgageeCoApplies = (
  legalBasis: string,
  bankTakes = false,
  namedJoins = false,
): Rule<MortgageeFacts> =>
  mortgageeJoins({
    legalBasis,
    bankTakes,
    namedJoins,
    mortgageeOf: (f) => f.mortgage?.mortgageeOrgCode ?? null,
  });

const namesOf = (types: readonly string[], lang: 'nameZh' | 'nameEn') =>
  types.map((t) => businessTypeInfo(t)?.[lang] ?? t);

/** Business of the vehicle still in progress at its office (the business types). */
export interface InProgressFacts {
  inProgress: readonly string[];
}

/**
 * What the office has in hand for the vehicle (a plate being made, with its temporary plate out)
 * is finished or withdrawn before a business that takes the plates back: a move-out (§18), a
 * transfer (§26) or a deregistration (§37). Otherwise the plate would be made for a number the
 * vehicle no longer carries, and the temporary plate would stay valid for a vehicle that moved,
 * changed hands or no longer exists.
 */
export const noBusinessInProgress = <F extends InProgressFacts>(o: {
  legalBasis: string;
  /** What cannot be done meanwhile, and what to apply for afterwards. */
  doZh: string;
  applyZh: string;
  doEn: string;
  applyEn: string;
  /** The file's `registered` rule of the business: nothing to ask without a vehicle. */
  requires: readonly { code: string }[];
}): Rule<F> => ({
  code: 'BUSINESS_IN_PROGRESS',
  legalBasis: o.legalBasis,
  requires: o.requires,
  check: (f) =>
    f.inProgress.length
      ? {
          message: `该机动车尚有正在办理的业务（${namesOf(f.inProgress, 'nameZh').join('、')}），办结或撤回前不能${o.doZh}`,
          remedy: `请待正在办理的业务办结（如领取补领的号牌）或撤回后，再${o.applyZh}`,
          messageEn: `This vehicle has business still in progress (${namesOf(f.inProgress, 'nameEn').join(', ')}); it cannot ${o.doEn} until that is completed or withdrawn.`,
          remedyEn: `Complete the business in progress (e.g. collect the replacement plates) or withdraw it, then ${o.applyEn} again.`,
        }
      : null,
});
