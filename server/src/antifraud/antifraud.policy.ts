import { hasRole, type Actor } from '../platform/actor.ts';
import { forbidden } from '../platform/errors.ts';

/** Migration from the legacy platform is an administrator's job. */
export function requireImporter(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以导入数据');
}

/**
 * Findings and cases are supervisors' work: the detachment (city scope) sees the whole city, a
 * brigade (county scope) its county. Administrators run the platform, not investigations, and
 * clerks are the supervised: both are refused.
 */
export function fraudScope(actor: Actor): { cityCode: string; countyCode?: string } {
  if (!hasRole(actor, 'supervisor') || actor.scope.level === 'outlet') {
    throw forbidden('只有监管人员可以查看反欺诈线索和案件');
  }
  return actor.scope.level === 'county'
    ? { cityCode: actor.cityCode, countyCode: actor.scope.code }
    : { cityCode: actor.cityCode };
}

/**
 * Full identity numbers only for the detachment's supervisors: they open the cases that act on
 * a person (measures through the pipeline, transfer to criminal investigation) and need the
 * number in full to do so. A brigade's supervisors see members masked (520302********0110) and
 * ask the detachment to act.
 */
export const seesFullIdentities = (actor: Actor) =>
  hasRole(actor, 'supervisor') && actor.scope.level === 'city';

/** Whether a case or finding of a county is inside the reader's scope. */
export function inFraudScope(actor: Actor, countyCode: string) {
  const scope = fraudScope(actor);
  return !scope.countyCode || scope.countyCode === countyCode;
}

/** Measures against a person are the detachment's decision. */
export function requireMeasureTaker(actor: Actor) {
  if (!seesFullIdentities(actor)) throw forbidden('对人员采取措施须由支队决定');
}
