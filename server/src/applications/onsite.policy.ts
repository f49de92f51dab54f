import { hasRole, inScope, type Actor } from '../platform/actor.ts';
import { forbidden, notFound } from '../platform/errors.ts';

/**
 * Turning an internet application to on-site handling: supervisors whose jurisdiction holds the
 * application (the detachment any of its city's, a brigade its county's). Another city's
 * application does not exist for them.
 */
export function requireOnsiteTurner(
  actor: Actor,
  app: { cityCode: string; countyCode: string; outletCode: string },
) {
  if (app.cityCode !== actor.cityCode) throw notFound('业务申请');
  if (!hasRole(actor, 'supervisor')) throw forbidden('只有监管人员可以将网上业务转为现场办理');
  if (!inScope(actor, app)) throw forbidden('该业务不在您的辖区内');
}

/**
 * Requiring a person's internet business to be done on site, and reading such requirements:
 * supervisors of the city (a person is the city's, not one county's).
 */
export function requireOnsiteRequirer(actor: Actor) {
  if (!hasRole(actor, 'supervisor')) throw forbidden('只有监管人员可以要求现场办理');
}
