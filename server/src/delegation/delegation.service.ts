import {
  businessTypeInfo,
  CATALOG,
  OUTLET_CATEGORY_NAMES_EN,
  OUTLET_CATEGORY_NAMES_ZH,
  type OutletCategory,
} from '#shared/catalog.ts';
import type { RefusalItem } from '#shared/schemas/applications.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/audit.service.ts';
import { implementedBusinessTypes } from '../catalog/catalog.service.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { beijingInstant } from '../platform/time.ts';
import { decideDelegation } from './delegation.rules.ts';
import { requireDelegationAdmin, requireDelegationReader } from './delegation.policy.ts';
import {
  categoriesOffering,
  closeSuspension,
  deleteGrant,
  delegationFacts,
  findCategoryGrant,
  listGrants,
  lockOutlet,
  openSuspension,
  outletsOffering,
  suspensionHistory,
  upsertGrant,
} from './delegation.repository.ts';

/**
 * "请到…办理": the categories that may accept it, and up to three outlets in the same county, in
 * Chinese and in English (outlet names are proper names and stay Chinese in both).
 */
async function whereElse(
  db: DbOrTx,
  businessType: string,
  countyCode: string,
  today: string,
): Promise<Alternatives> {
  const [categories, nearby] = await Promise.all([
    categoriesOffering(db, businessType),
    outletsOffering(db, businessType, countyCode, today),
  ]);
  if (!categories.length)
    return {
      alternatives: '该业务暂未向任何网点开放，请咨询车管所',
      alternativesEn:
        'This business is not yet open at any outlet; please ask the vehicle administration office.',
    };
  const names = (table: Record<OutletCategory, string>) =>
    categories.map((c) => table[c as OutletCategory] ?? c);
  const outlets = nearby.map((o) => o.name);
  const near = outlets.length ? `，就近可到：${outlets.join('、')}` : '';
  const nearEn = outlets.length ? ` Nearby outlets: ${outlets.join(', ')}.` : '';
  return {
    alternatives: `请到${names(OUTLET_CATEGORY_NAMES_ZH).join('、')}办理${near}`,
    alternativesEn: `Please apply at one of the following: ${names(OUTLET_CATEGORY_NAMES_EN).join(', ')}.${nearEn}`,
  };
}

interface Alternatives {
  alternatives: string;
  alternativesEn: string;
}

type OutletFacts = NonNullable<Awaited<ReturnType<typeof delegationFacts>>>;

/** The delegation rules over one outlet's facts for one business type. */
function decideFor(
  outlet: OutletFacts,
  code: string,
  today: string,
  agentPresent: boolean,
  { alternatives, alternativesEn }: Alternatives,
): RefusalItem[] {
  const info = businessTypeInfo(code);
  if (!info) throw new AppError('VALIDATION_FAILED', '未知的业务类型');
  const grants = outlet.grants.filter((g) => g.business_type === code);
  const outletGrant = grants.find((g) => g.outlet_code !== null) ?? null;
  const categoryGrant = grants.find((g) => g.outlet_code === null) ?? null;
  return decideDelegation({
    today,
    outlet: { status: outlet.status, suspensionReason: outlet.suspension_reason },
    businessType: info,
    businessTypeCode: code,
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
    agreements: outlet.agreements.map((a) => ({
      validFrom: a.valid_from,
      validUntil: a.valid_until,
      businessTypes: a.business_types,
    })),
    agentPresent,
    alternatives,
    alternativesEn,
  });
}

const NO_ALTERNATIVES: Alternatives = { alternatives: '', alternativesEn: '' };

/** The delegation step: refusal items for this outlet and business type today (empty = go on). */
export async function checkDelegation(
  tx: Tx,
  input: { outletCode: string; businessType: string; today: string; agentPresent: boolean },
): Promise<RefusalItem[]> {
  const outlet = await delegationFacts(tx, input.outletCode, input.businessType);
  if (!outlet) throw notFound('网点');
  const decide = (alternatives: Alternatives) =>
    decideFor(outlet, input.businessType, input.today, input.agentPresent, alternatives);
  // The common case passes without the extra queries that phrase the remedy.
  const items = decide(NO_ALTERNATIVES);
  if (!items.some((i) => i.code !== 'AGENT_NOT_ALLOWED')) return items;
  return decide(await whereElse(tx, input.businessType, outlet.county_code, input.today));
}

/**
 * What the actor's outlet may accept today, type by type, with the reason where it may not: the
 * workstation offers only these, so a clerk never learns it from a refusal notice.
 */
export async function businessTypesOfOutlet(db: DbOrTx, actor: Actor, today: string) {
  if (!actor.outlet) throw forbidden('只有网点工作人员有可受理的业务');
  const implemented = await implementedBusinessTypes(db);
  const outlet = await delegationFacts(db, actor.outlet.code);
  if (!outlet) throw notFound('网点');
  return {
    items: CATALOG.map((t) => {
      const gap = decideFor(outlet, t.code, today, false, NO_ALTERNATIVES)[0];
      const available = !gap && implemented.has(t.code);
      return {
        code: t.code,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        subject: t.subject,
        agentAllowed: t.agentAllowed,
        implemented: implemented.has(t.code),
        available,
        reason: gap
          ? { message: gap.message, messageEn: gap.messageEn }
          : available
            ? null
            : {
                message: `“${t.nameZh}”业务尚未开通`,
                messageEn: `"${t.nameEn}" is not available yet.`,
              },
      };
    }),
  };
}

type GrantTarget = { outletCode: string } | { category: string };

export async function setGrant(
  ctx: AppContext,
  actor: Actor,
  target: GrantTarget,
  businessType: string,
  validity: { validFrom?: string | null; validUntil?: string | null },
) {
  requireDelegationAdmin(actor);
  await ctx.db.transaction().execute(async (tx) => {
    if ('outletCode' in target && !(await lockOutlet(tx, target.outletCode)))
      throw notFound('网点');
    const grant = {
      businessType,
      target,
      effect: 'allow' as const,
      validFrom: validity.validFrom ?? null,
      validUntil: validity.validUntil ?? null,
      createdBy: actor.username,
    };
    await upsertGrant(tx, grant);
    await audit(tx, actor, ctx.clock.now(), {
      action: 'grant.set',
      entityType: 'outletCode' in target ? 'outlet' : 'outlet-category',
      entityId: 'outletCode' in target ? target.outletCode : target.category,
      details: { businessType, validFrom: grant.validFrom, validUntil: grant.validUntil },
      event: 'delegation.changed',
    });
  });
}

/**
 * Withdraws a business type. For one outlet whose category holds the grant, that means an
 * outlet-level "deny" that overrides the category; otherwise the grant row goes.
 */
export async function withdrawGrant(
  ctx: AppContext,
  actor: Actor,
  target: GrantTarget,
  businessType: string,
) {
  requireDelegationAdmin(actor);
  await ctx.db.transaction().execute(async (tx) => {
    if ('outletCode' in target) {
      const outlet = await lockOutlet(tx, target.outletCode);
      if (!outlet) throw notFound('网点');
      const category = await findCategoryGrant(tx, businessType, outlet.category);
      if (category?.effect === 'allow') {
        await upsertGrant(tx, {
          businessType,
          target,
          effect: 'deny',
          validFrom: null,
          validUntil: null,
          createdBy: actor.username,
        });
      } else {
        await deleteGrant(tx, businessType, target);
      }
    } else {
      await deleteGrant(tx, businessType, target);
    }
    await audit(tx, actor, ctx.clock.now(), {
      action: 'grant.withdrawn',
      entityType: 'outletCode' in target ? 'outlet' : 'outlet-category',
      entityId: 'outletCode' in target ? target.outletCode : target.category,
      details: { businessType },
      event: 'delegation.changed',
    });
  });
}

export async function suspendOutlet(ctx: AppContext, actor: Actor, code: string, reason: string) {
  requireDelegationAdmin(actor);
  return await ctx.db.transaction().execute(async (tx) => {
    const outlet = await lockOutlet(tx, code);
    if (!outlet) throw notFound('网点');
    if (outlet.status === 'suspended') throw new AppError('CONFLICT', '该网点已处于暂停状态');
    await openSuspension(tx, code, reason, actor.username);
    await audit(tx, actor, ctx.clock.now(), {
      action: 'outlet.suspended',
      entityType: 'outlet',
      entityId: code,
      details: { reason },
      event: 'outlet.suspended',
    });
    return { code, status: 'suspended' as const, reason };
  });
}

export async function restoreOutlet(
  ctx: AppContext,
  actor: Actor,
  code: string,
  note: string | null,
) {
  requireDelegationAdmin(actor);
  return await ctx.db.transaction().execute(async (tx) => {
    const outlet = await lockOutlet(tx, code);
    if (!outlet) throw notFound('网点');
    if (outlet.status !== 'suspended') throw new AppError('CONFLICT', '该网点未被暂停');
    await closeSuspension(tx, code, actor.username, note);
    await audit(tx, actor, ctx.clock.now(), {
      action: 'outlet.restored',
      entityType: 'outlet',
      entityId: code,
      details: { note },
      event: 'outlet.restored',
    });
    return { code, status: 'active' as const };
  });
}

/** Business type × category, with every per-outlet override: the admin's delegation matrix. */
export async function delegationMatrix(db: DbOrTx, actor: Actor) {
  requireDelegationReader(actor);
  const rows = await listGrants(db);
  const present = (r: (typeof rows)[number]) => ({
    businessType: r.business_type,
    effect: r.effect,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    createdBy: r.created_by,
    createdAt: beijingInstant(r.created_at),
  });
  return {
    categoryGrants: rows
      .filter((r) => r.outlet_category)
      .map((r) => ({ category: r.outlet_category, ...present(r) })),
    outletOverrides: rows
      .filter((r) => r.outlet_code)
      .map((r) => ({
        outletCode: r.outlet_code,
        outletName: r.outlet_name,
        countyCode: r.county_code,
        ...present(r),
      })),
  };
}

export async function outletDelegation(db: DbOrTx, actor: Actor, code: string) {
  requireDelegationReader(actor);
  const [grants, suspensions] = await Promise.all([
    listGrants(db, code),
    suspensionHistory(db, code),
  ]);
  return {
    overrides: grants.map((g) => ({
      businessType: g.business_type,
      effect: g.effect,
      validFrom: g.valid_from,
      validUntil: g.valid_until,
    })),
    suspensions: suspensions.map((s) => ({
      reason: s.reason,
      suspendedBy: s.suspended_by,
      suspendedAt: beijingInstant(s.suspended_at),
      restoredBy: s.restored_by,
      restoredAt: s.restored_at ? beijingInstant(s.restored_at) : null,
      restoreNote: s.restore_note,
    })),
  };
}
