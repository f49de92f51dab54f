import { businessTypeInfo } from '#shared/catalog.ts';
import type { RefusalItem } from '#shared/schemas/applications.ts';
import { AppError } from '../platform/errors.ts';
import type { OutletFacts } from './facts-cache.ts';

/**
 * The delegation step of the pipeline (放): may this outlet accept this business type today?
 * Pure: the service loads the facts, this decides, and the tests pin every path.
 */
export interface Validity {
  validFrom: string | null;
  validUntil: string | null;
}

export interface DelegationFacts {
  today: string;
  outlet: { status: 'active' | 'suspended'; suspensionReason: string | null };
  /**
   * What a suspension cites: the jurisdiction's local supervision rule where it has one (the
   * decision was taken under it), otherwise the national article.
   */
  suspensionBasis: string;
  businessType: { nameZh: string; nameEn: string; agentAllowed: boolean; agentRuleBasis?: string };
  /** The outlet's own grant row, which overrides its category (allow or deny). */
  outletGrant: (Validity & { effect: 'allow' | 'deny' }) | null;
  categoryGrant: Validity | null;
  /** Agreements ("4") the outlet operates under; empty for police windows. */
  agreements: (Validity & { businessTypes: string[] })[];
  businessTypeCode: string;
  agentPresent: boolean;
  /** Where the applicant can go instead, already phrased (用于 remedy). */
  alternatives: string;
  /** The same in English (for remedyEn); outlet names stay Chinese, they are proper names. */
  alternativesEn: string;
}

const inForce = (v: Validity, today: string) =>
  (v.validFrom === null || v.validFrom <= today) &&
  (v.validUntil === null || today <= v.validUntil);

/** R164 §69: registration service stations work under the office's supervision. */
export const NATIONAL_SUSPENSION_BASIS = '机动车登记规定 第六十九条';

/** The basis a suspension cites, given the jurisdiction's local supervision rule (if any). */
export const suspensionBasisOf = (localRule: string | undefined) =>
  localRule ? `${localRule}（暂停受理决定）` : NATIONAL_SUSPENSION_BASIS;
export const DELEGATION_BASIS = '机动车登记规定 第四条、第六十九条（登记服务站委托办理）';

/** Why the outlet holds no valid delegation (in Chinese and English), or null when it does. */
export function delegationGap(f: DelegationFacts): { message: string; messageEn: string } | null {
  const name = f.businessType.nameZh;
  const nameEn = f.businessType.nameEn;
  if (f.outletGrant) {
    if (f.outletGrant.effect === 'deny')
      return {
        message: `本网点的“${name}”业务授权已被收回`,
        messageEn: `This outlet's authorisation for "${nameEn}" has been withdrawn.`,
      };
    return inForce(f.outletGrant, f.today)
      ? null
      : {
          message: `本网点的“${name}”业务授权不在有效期内`,
          messageEn: `This outlet's authorisation for "${nameEn}" is not within its period of validity.`,
        };
  }
  if (!f.categoryGrant)
    return {
      message: `本网点未获授权受理“${name}”业务`,
      messageEn: `This outlet is not authorised to accept "${nameEn}" applications.`,
    };
  if (!inForce(f.categoryGrant, f.today))
    return {
      message: `本类网点的“${name}”业务授权不在有效期内`,
      messageEn: `The authorisation of outlets of this category for "${nameEn}" is not within its period of validity.`,
    };
  // A social outlet works under its cooperation agreement: the business must be in it, in force.
  if (f.agreements.length) {
    const covering = f.agreements.filter((a) => a.businessTypes.includes(f.businessTypeCode));
    if (!covering.length)
      return {
        message: `本网点的合作协议未包含“${name}”业务`,
        messageEn: `This outlet's cooperation agreement does not cover "${nameEn}".`,
      };
    if (!covering.some((a) => inForce(a, f.today)))
      return {
        message: `本网点的合作协议已过期，暂不能受理“${name}”业务`,
        messageEn: `This outlet's cooperation agreement has expired, so it cannot accept "${nameEn}" applications for now.`,
      };
  }
  return null;
}

export function decideDelegation(f: DelegationFacts): RefusalItem[] {
  const items: RefusalItem[] = [];
  if (f.outlet.status === 'suspended') {
    const reason = f.outlet.suspensionReason;
    items.push({
      code: 'OUTLET_SUSPENDED',
      message: `本网点已被暂停受理业务${reason ? `（原因：${reason}）` : ''}`,
      legalBasis: f.suspensionBasis,
      remedy: f.alternatives,
      messageEn: `This outlet has been suspended from accepting applications${reason ? ` (reason: ${reason})` : ''}.`,
      remedyEn: f.alternativesEn,
    });
  }
  const gap = delegationGap(f);
  if (gap) {
    items.push({
      code: 'NOT_DELEGATED',
      message: gap.message,
      legalBasis: DELEGATION_BASIS,
      remedy: f.alternatives,
      messageEn: gap.messageEn,
      remedyEn: f.alternativesEn,
    });
  }
  if (f.agentPresent && !f.businessType.agentAllowed) {
    items.push({
      code: 'AGENT_NOT_ALLOWED',
      message: `“${f.businessType.nameZh}”须由本人申请，不能由代理人代办`,
      legalBasis: f.businessType.agentRuleBasis ?? '',
      remedy: '请申请人本人携带身份证明到场办理',
      messageEn: `"${f.businessType.nameEn}" must be applied for by the applicant in person, not by a representative.`,
      remedyEn: 'The applicant must come in person with proof of identity.',
    });
  }
  return items;
}

/** The delegation rules over one outlet's standing and grants, for one business type. */
export function decideForOutlet(
  f: OutletFacts & {
    code: string;
    today: string;
    agentPresent: boolean;
    suspensionBasis: string;
  },
  { alternatives, alternativesEn }: Pick<DelegationFacts, 'alternatives' | 'alternativesEn'>,
): RefusalItem[] {
  const info = businessTypeInfo(f.code);
  if (!info) throw new AppError('VALIDATION_FAILED', '未知的业务类型');
  const grants = f.grants.filter((g) => g.business_type === f.code);
  const outletGrant = grants.find((g) => g.outlet_code !== null) ?? null;
  const categoryGrant = grants.find((g) => g.outlet_code === null) ?? null;
  return decideDelegation({
    today: f.today,
    suspensionBasis: f.suspensionBasis,
    outlet: { status: f.standing.status, suspensionReason: f.standing.suspensionReason },
    businessType: info,
    businessTypeCode: f.code,
    outletGrant: outletGrant
      ? {
          effect: outletGrant.effect,
          validFrom: outletGrant.valid_from,
          validUntil: outletGrant.valid_until,
        }
      : null,
    categoryGrant:
      categoryGrant && categoryGrant.effect === 'allow'
        ? { validFrom: categoryGrant.valid_from, validUntil: categoryGrant.valid_until }
        : null,
    agreements: f.standing.agreements,
    agentPresent: f.agentPresent,
    alternatives,
    alternativesEn,
  });
}
