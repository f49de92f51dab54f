import { isMeasure, type OutletCategory } from '#shared/catalog.ts';
import { hasRole, inScope, scopeFilter, type Actor, type ActorOutlet } from '../platform/actor.ts';
import { forbidden } from '../platform/errors.ts';

/**
 * Whether the actor may submit any application at all, before its body is read (the route's
 * `config.allow`, SECURITY.md "Role before body"): staff at an outlet, a citizen, or a
 * detachment supervisor (a case's measures). Administrators and brigade supervisors never may,
 * and get 403 whatever they send; `requireSubmitterOf` then decides the request itself.
 */
export function requireSomeSubmitter(actor: Actor): void {
  if (hasRole(actor, 'clerk') && actor.outlet) return;
  if (hasRole(actor, 'citizen')) return;
  if (hasRole(actor, 'supervisor') && actor.scope.level === 'city') return;
  throw forbidden('只有网点窗口人员可以受理业务');
}

/**
 * Who submits: staff working at an outlet, always for that outlet; or a citizen through its
 * city's internet outlet, always for itself (CONTRACT.md "Internet channel"): the applicant must
 * be the account holder and no agent acts for a citizen online (a vehicle's business further
 * needs the holder to own it, which the business's own 1331 rules check).
 */
export function requireSubmitterOf(
  actor: Actor,
  request: {
    businessType?: string;
    applicant: { idNumber: string; name: string };
    agent?: unknown;
  },
): ActorOutlet {
  if (request.businessType && isMeasure(request.businessType))
    return requireMeasureSubmitter(actor);
  if (!hasRole(actor, 'citizen')) return requireSubmitter(actor);
  const outlet = actor.outlet;
  if (!outlet || outlet.category !== 'internet' || !actor.citizenIdNumber) {
    throw forbidden('该账号不能在网上办理业务');
  }
  if (
    request.applicant.idNumber.toUpperCase() !== actor.citizenIdNumber.toUpperCase() ||
    request.applicant.name !== actor.displayName
  ) {
    throw forbidden('网上只能办理本人的业务，申请人须为账号本人');
  }
  if (request.agent) throw forbidden('网上办理不能委托代理人');
  return outlet;
}

/**
 * A measure (anti-fraud case) is submitted by a supervisor of the detachment, acting at the city
 * office (the antifraud area places the supervisor there); never by a clerk or a citizen.
 */
function requireMeasureSubmitter(actor: Actor): ActorOutlet {
  const outlet = actor.outlet;
  if (
    !hasRole(actor, 'supervisor') ||
    actor.scope.level !== 'city' ||
    !outlet ||
    outlet.category !== 'city-office'
  ) {
    throw forbidden('措施只能由支队监管人员依案件提出');
  }
  return outlet;
}

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

/** Where an application lives and who applied, for deciding who may read it. */
interface ReadApplication {
  cityCode: string;
  outletCode: string;
  countyCode: string;
  applicant?: { idNumber: string };
}

/**
 * The vehicle administration offices over the place an application was taken in (SECURITY.md:
 * its outlet, the police offices of the jurisdiction, supervisors): the city office for the
 * whole city, a branch or county office for its own county, whose outlets (dealers, markets,
 * banks, police windows…) it supervises. A police window is over no outlet but itself.
 */
function officeOver(outlet: ActorOutlet, app: ReadApplication) {
  if (!OFFICES.includes(outlet.category) || outlet.cityCode !== app.cityCode) return false;
  return outlet.category === 'city-office' || outlet.countyCode === app.countyCode;
}

/**
 * Whether a staff member may read an application: within the data scope (its outlet, county or
 * city), or a clerk of an office over where it was taken in. A citizen reads only its
 * own (`requireReader`).
 */
export function mayReadApplication(actor: Actor, app: ReadApplication) {
  if (!hasRole(actor, 'clerk', 'supervisor', 'admin')) return false;
  if (inScope(actor, app)) return true;
  return hasRole(actor, 'clerk') && !!actor.outlet && officeOver(actor.outlet, app);
}

/** Reading an application: see mayReadApplication; a citizen its own. */
export function requireReader(actor: Actor, app: ReadApplication) {
  // A citizen reads its own applications (progress), wherever they were taken in.
  if (hasRole(actor, 'citizen')) {
    if (actor.citizenIdNumber && app.applicant?.idNumber === actor.citizenIdNumber) return;
    throw forbidden('只能查看本人的业务');
  }
  if (!mayReadApplication(actor, app)) {
    throw forbidden('该业务不在您的数据权限范围内');
  }
}

/** The list filter a reader is confined to. */
export function listScope(actor: Actor) {
  if (!hasRole(actor, 'admin', 'clerk', 'supervisor')) throw forbidden();
  return scopeFilter(actor);
}
