import { hasRole, scopeFilter, type Actor } from '../platform/actor.ts';
import { forbidden, notFound } from '../platform/errors.ts';

/** Supervisors at the detachment (city scope) and administrators act for the whole city. */
const cityWide = (actor: Actor) =>
  hasRole(actor, 'admin') || (hasRole(actor, 'supervisor') && actor.scope.level === 'city');

/** Running the rules over a period: the detachment's supervisors and administrators. */
export function requireRunner(actor: Actor) {
  if (!cityWide(actor)) throw forbidden('只有支队监管人员和管理员可以运行监管规则');
}

/** Spot-check draws are made by the detachment (its witnesses' shares come in through it). */
export function requireDrawer(actor: Actor) {
  if (!cityWide(actor)) throw forbidden('只有支队监管人员和管理员可以组织抽查');
}

/** Migration from the legacy platform is an administrator's job. */
export function requireImporter(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以导入数据');
}

/**
 * Reading alerts and bulletins: administrators and supervisors, within their scope (a brigade
 * supervisor sees its county only). Clerks of outlets are the supervised, not the supervisors.
 */
export function supervisionScope(actor: Actor): { cityCode: string; countyCode?: string } {
  if (!hasRole(actor, 'admin', 'supervisor') || actor.scope.level === 'outlet') {
    throw forbidden('只有监管人员和管理员可以查看监管信息');
  }
  const { cityCode, countyCode } = scopeFilter(actor);
  return countyCode ? { cityCode, countyCode } : { cityCode };
}

/**
 * An alert of another city does not exist for the reader; another county's is not theirs: 403,
 * as CONTRACT.md answers one authenticated but not allowed (an alert's id is a random UUID, so
 * the answer tells nothing a brigade could guess its way to).
 */
export function requireAlertReadable(
  actor: Actor,
  alert: { city_code: string; county_code: string },
) {
  const scope = supervisionScope(actor);
  if (alert.city_code !== scope.cityCode) throw notFound('预警');
  if (scope.countyCode && alert.county_code !== scope.countyCode) {
    throw forbidden('该预警不在您的辖区内');
  }
}

/** Recordings are judged by supervisors of any level, each within its jurisdiction. */
export function requireReviewer(actor: Actor) {
  supervisionScope(actor);
  if (!hasRole(actor, 'supervisor')) throw forbidden('只有监管人员可以评定音视频');
}

/** Alerts are disposed of by supervisors (the role part of `requireDisposer`, the route's). */
export function requireDisposing(actor: Actor) {
  if (!hasRole(actor, 'supervisor')) throw forbidden('只有监管人员可以处置预警');
}

/**
 * Disposing of an alert: the detachment any alert of its city; a brigade the alerts routed to
 * it, short of sanctions (suspending or ending a delegation is the detachment's decision).
 */
export function requireDisposer(
  actor: Actor,
  alert: { city_code: string; county_code: string; level: string },
  action: string,
) {
  requireAlertReadable(actor, alert);
  requireDisposing(actor);
  if (actor.scope.level === 'city') return;
  if (alert.level !== 'brigade') throw forbidden('该预警由支队处置');
  if (action === 'suspend' || action === 'terminate') {
    throw forbidden('暂停或终止委托须由支队决定');
  }
}
