import { CATALOG, OUTLET_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';
import type { RefusalItem } from '#shared/schemas/applications.ts';
import { audit } from '../audit/audit.service.ts';
import { implementedBusinessTypes } from '../catalog/catalog.service.ts';
import { announceChanges } from '../db/change-notices.ts';
import type { Db, DbOrTx, Tx } from '../db/database.ts';
import {
  jurisdictionOf,
  lockOutlet,
  markRestored,
  markSuspended,
  outletNames,
  outletStanding,
  requireOutletReadable,
  suspensionsOf,
} from '../network/network.service.ts';
import { scopeFilter, type Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { beijingInstant } from '../platform/time.ts';
import { requireDelegationAdmin, requireDelegationReader } from './delegation.policy.ts';
import {
  deleteGrant,
  findCategoryGrant,
  grantsOf,
  listGrants,
  upsertGrant,
  type GrantTarget,
} from './delegation.repository.ts';
import { decideForOutlet, suspensionBasisOf } from './delegation.rules.ts';
import { forgetOutletFacts, outletFacts, type OutletGuess } from './facts-cache.ts';
import { NO_ALTERNATIVES, whereElse, type Alternatives } from './places.service.ts';

/**
 * The delegation step of the pipeline (放): refusal items for this outlet and business type
 * today (empty = go on). `localSupervisionRule` is the jurisdiction's own rule, if it has one.
 */
export async function checkDelegation(
  db: Db,
  tx: Tx,
  input: {
    outletCode: string;
    businessType: string;
    today: string;
    agentPresent: boolean;
    localSupervisionRule?: string;
    /** The outlet's category and city as the caller knows them (read beside its standing). */
    outletGuess?: OutletGuess;
  },
): Promise<RefusalItem[]> {
  const facts = await outletFacts(db, tx, input.outletCode, input.outletGuess);
  if (!facts) throw notFound('网点');
  const { standing, grants } = facts;
  const decide = (alternatives: Alternatives) =>
    decideForOutlet(
      {
        standing,
        grants,
        code: input.businessType,
        today: input.today,
        agentPresent: input.agentPresent,
        suspensionBasis: suspensionBasisOf(input.localSupervisionRule),
      },
      alternatives,
    );
  // The common case passes without the extra queries that phrase the remedy.
  const items = decide(NO_ALTERNATIVES);
  if (!items.some((i) => i.code !== 'AGENT_NOT_ALLOWED')) return items;
  return decide(
    await whereElse(tx, {
      cityCode: standing.cityCode,
      countyCode: standing.countyCode,
      businessType: input.businessType,
      today: input.today,
      exceptOutletCode: input.outletCode,
    }),
  );
}

/**
 * What the actor's outlet may accept today, type by type, with the reason where it may not: the
 * workstation offers only these, so a clerk never learns it from a refusal notice.
 */
export async function businessTypesOfOutlet(ctx: AppContext, actor: Actor, today: string) {
  if (!actor.outlet) throw forbidden('只有网点工作人员有可受理的业务');
  const [implemented, standing, jurisdiction] = await Promise.all([
    implementedBusinessTypes(ctx.db),
    outletStanding(ctx.db, actor.outlet.code),
    jurisdictionOf(ctx.db, ctx.db, actor.cityCode),
  ]);
  if (!standing) throw notFound('网点');
  const grants = await grantsOf(ctx.db, standing);
  const suspensionBasis = suspensionBasisOf(jurisdiction.localRules.supervision);
  return {
    items: CATALOG.map((t) => {
      const facts = { standing, grants, code: t.code, today, agentPresent: false, suspensionBasis };
      const gap = decideForOutlet(facts, NO_ALTERNATIVES)[0];
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
          ? { code: gap.code, message: gap.message, messageEn: gap.messageEn }
          : available
            ? null
            : {
                code: 'NOT_IMPLEMENTED',
                message: `“${t.nameZh}”业务尚未开通`,
                messageEn: `"${t.nameEn}" is not available yet.`,
              },
      };
    }),
  };
}

/** Where a grant applies: one outlet of the actor's city, or a category of the actor's city. */
type GrantPlace = { outletCode: string } | { category: OutletCategory };

/** Locks the outlet of an outlet grant and checks it lies in the administrator's city. */
async function resolveTarget(tx: Tx, actor: Actor, place: GrantPlace) {
  if (!('outletCode' in place)) {
    return { target: { cityCode: actor.cityCode, category: place.category }, outlet: null };
  }
  const outlet = await lockOutlet(tx, place.outletCode);
  if (!outlet || outlet.cityCode !== actor.cityCode) throw notFound('网点');
  return { target: { outletCode: place.outletCode } as GrantTarget, outlet };
}

const auditTarget = (place: GrantPlace) =>
  'outletCode' in place
    ? { entityType: 'outlet', entityId: place.outletCode }
    : { entityType: 'outlet-category', entityId: place.category };

/**
 * Runs a change to what delegation decides with (grants, an outlet's standing) in one
 * transaction: announced in it to the other server processes, and forgotten here after it
 * commits (facts-cache.ts), so the outlet's next application decides with the change.
 */
async function changingDelegation<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(async (tx) => {
      const result = await work(tx);
      await announceChanges(tx, 'delegation');
      return result;
    });
  } finally {
    forgetOutletFacts(db);
  }
}

/**
 * For a caller that changes delegation inside its own transaction (`suspendOutletIn`,
 * `withdrawOutletGrantsIn`): call after it commits, as `changingDelegation` does.
 */
export function delegationChanged(db: Db) {
  forgetOutletFacts(db);
}

export async function setGrant(
  ctx: AppContext,
  actor: Actor,
  place: GrantPlace,
  businessType: string,
  validity: { validFrom?: string | null; validUntil?: string | null },
) {
  requireDelegationAdmin(actor);
  await changingDelegation(ctx.db, async (tx) => {
    const { target } = await resolveTarget(tx, actor, place);
    const grant = {
      cityCode: actor.cityCode,
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
      ...auditTarget(place),
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
  place: GrantPlace,
  businessType: string,
) {
  requireDelegationAdmin(actor);
  await changingDelegation(ctx.db, async (tx) => {
    const { target, outlet } = await resolveTarget(tx, actor, place);
    const category = outlet
      ? await findCategoryGrant(tx, {
          cityCode: outlet.cityCode,
          businessType,
          category: outlet.category,
        })
      : undefined;
    if (category?.effect === 'allow') {
      await upsertGrant(tx, {
        cityCode: actor.cityCode,
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
    await audit(tx, actor, ctx.clock.now(), {
      action: 'grant.withdrawn',
      ...auditTarget(place),
      details: { businessType },
      event: 'delegation.changed',
    });
  });
}

/** Locks an outlet of the administrator's city, or answers 404. */
async function lockOwnOutlet(tx: Tx, actor: Actor, code: string) {
  const outlet = await lockOutlet(tx, code);
  if (!outlet || outlet.cityCode !== actor.cityCode) throw notFound('网点');
  return outlet;
}

export async function suspendOutlet(ctx: AppContext, actor: Actor, code: string, reason: string) {
  requireDelegationAdmin(actor);
  return await changingDelegation(ctx.db, (tx) =>
    suspendOutletIn(tx, actor, ctx.clock.now(), code, reason),
  );
}

/**
 * Suspends an outlet of the actor's city inside the caller's transaction, with the audit record
 * of a suspension: the administrator's use case above, and a supervision sanction (暂停委托),
 * whose caller has authorised it. Takes effect with the outlet's next application: the caller
 * calls `delegationChanged` after its transaction commits.
 */
export async function suspendOutletIn(
  tx: Tx,
  actor: Actor,
  at: Date,
  code: string,
  reason: string,
) {
  const outlet = await lockOwnOutlet(tx, actor, code);
  if (outlet.status === 'suspended') throw new AppError('CONFLICT', '该网点已处于暂停状态');
  await markSuspended(tx, { code, reason, by: actor.username, at });
  await announceChanges(tx, 'delegation');
  await audit(tx, actor, at, {
    action: 'outlet.suspended',
    entityType: 'outlet',
    entityId: code,
    details: { reason },
    event: 'outlet.suspended',
  });
  return { code, status: 'suspended' as const, reason };
}

/**
 * Withdraws every business type an outlet of the actor's city may accept (终止委托), inside the
 * caller's transaction: an outlet-level "deny" over each allowing grant, one audit record per
 * type as `withdrawGrant` writes; the caller calls `delegationChanged` after its transaction
 * commits. Returns the types withdrawn.
 */
export async function withdrawOutletGrantsIn(tx: Tx, actor: Actor, at: Date, code: string) {
  const outlet = await lockOwnOutlet(tx, actor, code);
  const grants = await grantsOf(tx, outlet);
  const denied = new Set(
    grants.filter((g) => g.outlet_code !== null && g.effect === 'deny').map((g) => g.business_type),
  );
  const types = [...new Set(grants.filter((g) => g.effect === 'allow').map((g) => g.business_type))]
    .filter((t) => !denied.has(t))
    .sort();
  if (types.length) await announceChanges(tx, 'delegation');
  for (const businessType of types) {
    await upsertGrant(tx, {
      cityCode: outlet.cityCode,
      businessType,
      target: { outletCode: code },
      effect: 'deny',
      validFrom: null,
      validUntil: null,
      createdBy: actor.username,
    });
    await audit(tx, actor, at, {
      action: 'grant.withdrawn',
      entityType: 'outlet',
      entityId: code,
      details: { businessType },
      event: 'delegation.changed',
    });
  }
  return types;
}

export async function restoreOutlet(
  ctx: AppContext,
  actor: Actor,
  code: string,
  note: string | null,
) {
  requireDelegationAdmin(actor);
  return await changingDelegation(ctx.db, async (tx) => {
    const outlet = await lockOwnOutlet(tx, actor, code);
    if (outlet.status !== 'suspended') throw new AppError('CONFLICT', '该网点未被暂停');
    const at = ctx.clock.now();
    await markRestored(tx, { code, by: actor.username, note, at });
    await audit(tx, actor, at, {
      action: 'outlet.restored',
      entityType: 'outlet',
      entityId: code,
      details: { note },
      event: 'outlet.restored',
    });
    return { code, status: 'active' as const };
  });
}

const presentGrant = (r: Awaited<ReturnType<typeof listGrants>>[number]) => ({
  businessType: r.business_type,
  effect: r.effect,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  createdBy: r.created_by,
  createdAt: beijingInstant(r.created_at),
});

/**
 * Business type × category of the reader's city, with the per-outlet overrides the reader's
 * scope covers (a county supervisor sees its county's): the delegation matrix.
 */
export async function delegationMatrix(db: DbOrTx, actor: Actor) {
  requireDelegationReader(actor);
  const scope = scopeFilter(actor);
  const rows = await listGrants(db, { cityCode: scope.cityCode });
  const names = await outletNames(
    db,
    rows.flatMap((r) => (r.outlet_code ? [r.outlet_code] : [])),
  );
  return {
    categoryGrants: rows.flatMap((r) =>
      r.outlet_category ? [{ category: r.outlet_category, ...presentGrant(r) }] : [],
    ),
    outletOverrides: rows.flatMap((r) => {
      const outlet = r.outlet_code ? names.get(r.outlet_code) : undefined;
      if (!r.outlet_code || !outlet) return [];
      if (scope.countyCode && outlet.countyCode !== scope.countyCode) return [];
      return [
        {
          outletCode: r.outlet_code,
          outletName: outlet.name,
          countyCode: outlet.countyCode,
          ...presentGrant(r),
        },
      ];
    }),
  };
}

/** One outlet's overrides and suspension history, for readers whose scope covers the outlet. */
export async function outletDelegation(db: DbOrTx, actor: Actor, code: string) {
  requireDelegationReader(actor);
  await requireOutletReadable(db, actor, code);
  const [grants, suspensions] = await Promise.all([
    listGrants(db, { cityCode: actor.cityCode, outletCode: code }),
    suspensionsOf(db, code),
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

/** Grants every installation starts a city with (the reform's defaults), in the caller's tx. */
export async function seedCategoryGrants(
  tx: Tx,
  cityCode: string,
  grants: Readonly<Record<OutletCategory, readonly string[]>>,
) {
  for (const category of OUTLET_CATEGORIES) {
    for (const businessType of grants[category]) {
      await upsertGrant(tx, {
        cityCode,
        businessType,
        target: { cityCode, category },
        effect: 'allow',
        validFrom: null,
        validUntil: null,
        createdBy: 'system',
      });
    }
  }
}
