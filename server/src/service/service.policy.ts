import { hasRole, inScope, scopeFilter, type Actor } from '../platform/actor.ts';
import { forbidden, notFound } from '../platform/errors.ts';

interface Placed {
  cityCode: string;
  countyCode: string;
  outletCode: string;
}

/** Another city's record does not exist for the actor. */
export function requireSameCity(actor: Actor, place: { cityCode: string }, what: string) {
  if (place.cityCode !== actor.cityCode) throw notFound(what);
}

/** The role part of `raterOf`, asked before the body: a citizen, or a clerk at a window. */
export function requireRating(actor: Actor) {
  if (!hasRole(actor, 'citizen', 'clerk')) {
    throw forbidden('只有申请人或受理网点的评价器可以评价');
  }
}

/**
 * Who rates a finished application: its applicant through the internet channel, or the rating
 * device at the window of the outlet that handled it (a clerk of that outlet).
 */
export function raterOf(
  actor: Actor,
  app: Placed & { applicant: { idNumber: string } },
): 'citizen' | 'device' {
  if (hasRole(actor, 'citizen')) {
    if (actor.citizenIdNumber && actor.citizenIdNumber === app.applicant.idNumber) return 'citizen';
    throw forbidden('只能评价本人办理的业务');
  }
  if (hasRole(actor, 'clerk') && actor.outlet?.code === app.outletCode) return 'device';
  throw forbidden('只有申请人或受理网点的评价器可以评价');
}

/**
 * Service quality (call-backs, handling times, SLA breaches) is read by the outlet's clerks
 * (their outlet's), supervisors (their jurisdiction's) and administrators (their city's);
 * citizens see none.
 */
export function serviceScope(actor: Actor): {
  cityCode: string;
  countyCode?: string;
  outletCode?: string;
} {
  if (hasRole(actor, 'admin', 'supervisor')) return scopeFilter(actor);
  if (hasRole(actor, 'clerk') && actor.outlet) {
    return { cityCode: actor.cityCode, outletCode: actor.outlet.code };
  }
  throw forbidden('无权查看服务质量信息');
}

/** Whether a placed record (an outlet, a call-back) lies inside a service scope. */
export function inServiceScope(scope: ReturnType<typeof serviceScope>, place: Placed) {
  return (
    place.cityCode === scope.cityCode &&
    (!scope.countyCode || place.countyCode === scope.countyCode) &&
    (!scope.outletCode || place.outletCode === scope.outletCode)
  );
}

/**
 * A service-quality reading narrowed to one outlet: the outlet must lie in the reader's scope
 * (another city's does not exist for it).
 */
export function narrowToOutlet(actor: Actor, outlet: Placed) {
  const scope = serviceScope(actor);
  requireSameCity(actor, outlet, '网点');
  if (!inServiceScope(scope, outlet)) throw forbidden('该网点不在您的数据权限范围内');
  return { ...scope, outletCode: outlet.outletCode };
}

/** Escalating SLA breaches on demand: supervisors and administrators, within their scope. */
export function requireEscalator(actor: Actor) {
  if (!hasRole(actor, 'admin', 'supervisor')) {
    throw forbidden('只有监管人员和管理员可以上报超期业务');
  }
  return scopeFilter(actor);
}

/** The role part of reading service quality (`serviceScope`), asked before any record is read. */
export function requireServiceReader(actor: Actor) {
  serviceScope(actor);
}

/**
 * Recording a call-back's outcome: whoever may read it. Another outlet's or county's is 403, as
 * CONTRACT.md answers one authenticated but not allowed (its id is a random UUID: the answer
 * tells nothing one could guess one's way to); another city's does not exist for the reader.
 */
export function requireCallbackRecorder(actor: Actor, cb: Placed) {
  requireSameCity(actor, cb, '回访');
  if (!inServiceScope(serviceScope(actor), cb)) throw forbidden('该回访不在您的数据权限范围内');
}

/** Opening hours are set by the city's administrators. */
export function requireHoursAdmin(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以设置网点办公时间');
}

/** Rotation is drawn by administrators and supervisors, for outlets in their jurisdiction. */
export function requireRosterDrawer(actor: Actor, outlet: Placed) {
  requireRosterDrawing(actor);
  if (!inScope(actor, outlet)) throw forbidden('该网点不在您的辖区内');
}

/** The role part of `requireRosterDrawer`, asked before the outlet is looked up (the route's). */
export function requireRosterDrawing(actor: Actor) {
  if (!hasRole(actor, 'admin', 'supervisor')) {
    throw forbidden('只有管理员和监管人员可以组织轮岗抽签');
  }
}

/**
 * Recording a rectification: the outlet that owes it (its clerks) or the city's administrators;
 * supervisors follow it up but do not write the outlet's answer for it. Another outlet's or
 * county's is 403, like a call-back's; another city's does not exist for the reader.
 */
export function requireRectifier(actor: Actor, r: Placed) {
  requireSameCity(actor, r, '整改');
  if (!inServiceScope(serviceScope(actor), r)) throw forbidden('该整改不在您的数据权限范围内');
  if (hasRole(actor, 'admin')) return;
  if (hasRole(actor, 'clerk') && actor.outlet?.code === r.outletCode) return;
  throw forbidden('只有被评价网点的工作人员可以登记整改情况');
}
