import type { RefusalItem } from '#shared/schemas/applications.ts';
import { businessTypeInfo } from '#shared/catalog.ts';
import { ONSITE_EVENT } from '#shared/lifecycles.ts';
import { ONSITE_ADVICE, ONSITE_LEGAL_BASIS, type OnsiteMark } from '#shared/schemas/onsite.ts';
import { audit } from '../audit/audit.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { inPersonPlaces } from '../delegation/places.service.ts';
import { outletSummary } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { beijingDate, beijingInstant } from '../platform/time.ts';
import { findApplication, lockApplication, updateState } from './applications.repository.ts';
import { applyEvent } from './lifecycle.service.ts';
import { requireOnsiteRequirer, requireOnsiteTurner } from './onsite.policy.ts';
import {
  insertOnsiteRequirement,
  onsiteRequirementOn,
  onsiteRequirementsOf,
  type OnsiteRequirementRow,
} from './onsite.repository.ts';
import type { BusinessRegistry } from './registry.ts';
import { newId } from '../platform/ids.ts';

/** The on-site mark an application turned on site carries in its result, if any. */
export function onsiteMarkOf(result: Record<string, unknown> | null): OnsiteMark | null {
  const mark = result?.onsite as OnsiteMark | undefined;
  return mark && typeof mark.advice === 'string' ? mark : null;
}

/**
 * `POST /applications/{id}/onsite`: a supervisor turns an open internet application to on-site
 * handling. It leaves the online flow as a withdrawal would (the business's own withdrawal
 * effects run, e.g. a meantime plate ends), closes as withdrawn and carries the advice to come to
 * a window; the reason stays with supervision (event data and audit), not shown to the person.
 */
export async function turnToOnsite(
  ctx: AppContext,
  registry: BusinessRegistry,
  actor: Actor,
  id: string,
  reason: string,
) {
  const found = await findApplication(ctx.db, id);
  if (!found) throw notFound('业务申请');
  requireOnsiteTurner(actor, found);
  if (found.channel !== 'internet') {
    throw new AppError('CONFLICT', '只有互联网渠道受理的业务可以转为现场办理');
  }
  const handler = registry.get(found.businessType);
  const outlet = await outletSummary(ctx.db, ctx.db, found.outletCode);
  if (!handler || !outlet) throw notFound('业务申请');
  return await ctx.db.transaction().execute(async (tx) => {
    const app = await lockApplication(tx, found.cityCode, found.id);
    if (!app) throw notFound('业务申请');
    const answer = await applyEvent(ctx, tx, handler, app, {
      code: ONSITE_EVENT,
      data: { reason },
      actor,
      outlet,
    });
    const now = ctx.clock.now();
    const where = await placesNear(tx, {
      cityCode: app.cityCode,
      idNumber: app.applicant.idNumber,
      businessType: app.businessType,
      today: beijingDate(now),
    });
    const onsite: OnsiteMark = {
      advice: `${ONSITE_ADVICE.zh}${where.alternatives}`,
      adviceEn: `${ONSITE_ADVICE.en} ${where.alternativesEn}`,
      legalBasis: ONSITE_LEGAL_BASIS,
      at: beijingInstant(now),
    };
    const application = { ...answer.application, result: { ...answer.application.result, onsite } };
    await updateState(tx, application);
    await audit(tx, actor, now, {
      action: 'application.turned-onsite',
      entityType: 'application',
      entityId: app.id,
      details: { businessType: app.businessType, reason, legalBasis: ONSITE_LEGAL_BASIS },
      event: 'application.turned-onsite',
    });
    return { application, event: answer.event };
  });
}

const present = (r: OnsiteRequirementRow) => ({
  id: r.id,
  idNumber: r.id_number,
  businessType: r.business_type,
  from: r.valid_from,
  until: r.valid_until,
  reason: r.reason,
  createdAt: beijingInstant(r.created_at),
});

/** `POST /onsite-requirements`: a person's internet business of a type must be done on site. */
export async function requireOnsite(
  ctx: AppContext,
  actor: Actor,
  input: { idNumber: string; businessType: string; from: string; until: string; reason: string },
) {
  requireOnsiteRequirer(actor);
  const now = ctx.clock.now();
  const row: OnsiteRequirementRow = {
    city_code: actor.cityCode,
    id: newId(),
    id_number: input.idNumber,
    business_type: input.businessType,
    valid_from: input.from,
    valid_until: input.until,
    reason: input.reason,
    created_by: actor.userId,
    created_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await insertOnsiteRequirement(tx, row);
    await audit(tx, actor, now, {
      action: 'onsite.required',
      entityType: 'onsite-requirement',
      entityId: row.id,
      details: {
        idNumber: input.idNumber,
        businessType: input.businessType,
        from: input.from,
        until: input.until,
        reason: input.reason,
      },
    });
  });
  return present(row);
}

/** `GET /onsite-requirements?idNumber=`: a person's requirements, for supervisors. */
export async function onsiteRequirementsFor(ctx: AppContext, actor: Actor, idNumber: string) {
  requireOnsiteRequirer(actor);
  return { items: (await onsiteRequirementsOf(ctx.db, actor.cityCode, idNumber)).map(present) };
}

/**
 * The pipeline's channel check: on the internet channel, a person supervision requires on site
 * for this business type today gets one 1331 item naming the article and the remedy.
 */
export async function onsiteRefusal(
  db: DbOrTx,
  f: { cityCode: string; idNumber: string; businessType: string; today: string },
): Promise<RefusalItem[]> {
  const found = await onsiteRequirementOn(db, { ...f, day: f.today });
  if (!found) return [];
  const info = businessTypeInfo(f.businessType);
  const where = await placesNear(db, f);
  return [
    {
      code: 'ONSITE_REQUIRED',
      message: `“${info?.nameZh ?? f.businessType}”业务须到窗口现场办理，不能通过互联网办理（至 ${found.valid_until}）`,
      legalBasis: ONSITE_LEGAL_BASIS,
      remedy: where.alternatives,
      messageEn: `"${info?.nameEn ?? f.businessType}" must be done on site, not online (until ${found.valid_until}).`,
      remedyEn: where.alternativesEn,
    },
  ];
}

/**
 * Where a person can do the business in person: near them, that is in the county of their
 * identity number (its first six digits), where the city has outlets there.
 */
function placesNear(
  db: DbOrTx,
  f: { cityCode: string; idNumber: string; businessType: string; today: string },
) {
  return inPersonPlaces(db, { ...f, countyCode: f.idNumber.slice(0, 6) });
}
