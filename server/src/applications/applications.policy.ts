import type { OutletCategory } from '#shared/catalog.ts';
import { hasRole, inScope, scopeFilter, type Actor, type ActorOutlet } from '../platform/actor.ts';
import { forbidden } from '../platform/errors.ts';

/** Only staff working at an outlet submit applications, and always for that outlet. */
export function requireSubmitter(actor: Actor): ActorOutlet {
  if (!hasRole(actor, 'clerk') || !actor.outlet) throw forbidden('只有网点窗口人员可以受理业务');
  return actor.outlet;
}

/** The offices that may finish any application of their city (a plate made, a stage recorded). */
const OFFICES: readonly OutletCategory[] = ['city-office', 'branch-office', 'county-office'];

/**
 * Who may move an accepted application on: a clerk of the outlet that took it in, or a clerk of
 * one of the city's offices, never another city's staff.
 */
export function requireStepTaker(
  actor: Actor,
  app: { cityCode: string; outletCode: string },
): ActorOutlet {
  const outlet = requireSubmitter(actor);
  if (!mayTakeSteps(actor, app)) {
    throw forbidden('只有受理网点或车管所窗口可以办理该业务的后续环节');
  }
  return outlet;
}

/** Whether the actor may move the application on (see requireStepTaker). */
export function mayTakeSteps(actor: Actor, app: { cityCode: string; outletCode: string }) {
  const outlet = hasRole(actor, 'clerk') ? actor.outlet : null;
  if (!outlet) return false;
  const office = outlet.cityCode === app.cityCode && OFFICES.includes(outlet.category);
  return outlet.code === app.outletCode || office;
}

/** Reading an application: within the reader's data scope (outlet, county or city). */
export function requireReader(
  actor: Actor,
  app: { cityCode: string; outletCode: string; countyCode: string },
) {
  if (!hasRole(actor, 'clerk', 'supervisor', 'admin') || !inScope(actor, app)) {
    throw forbidden('该业务不在您的数据权限范围内');
  }
}

/** The list filter a reader is confined to. */
export function listScope(actor: Actor) {
  if (!hasRole(actor, 'admin', 'clerk', 'supervisor')) throw forbidden();
  return scopeFilter(actor);
}
