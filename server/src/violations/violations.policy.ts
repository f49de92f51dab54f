import { POLICE_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';
import { hasRole, type Actor } from '../platform/actor.ts';
import { forbidden } from '../platform/errors.ts';

/** Outlets that handle violations (the police) or take fines (banks) read violation records. */
const VIOLATION_OUTLETS: readonly OutletCategory[] = [...POLICE_CATEGORIES, 'bank'];

/**
 * Reading violation lists: administrators and supervisors of the city (a county supervisor sees
 * its county's records), police windows and banks. Others read none.
 */
export function requireViolationReader(actor: Actor): { countyCode?: string } {
  if (hasRole(actor, 'admin')) return {};
  // A citizen reads its own records only (citizenViolationQuery narrows the query to them).
  if (hasRole(actor, 'citizen') && actor.citizenIdNumber) return {};
  if (hasRole(actor, 'supervisor')) {
    return actor.scope.level === 'county' ? { countyCode: actor.scope.code } : {};
  }
  if (hasRole(actor, 'clerk') && actor.outlet && VIOLATION_OUTLETS.includes(actor.outlet.category))
    return {};
  throw forbidden('无权查询交通违法记录');
}

/** Handling violations (and checking one before it is handled) is the police windows' work. */
export function requireHandler(actor: Actor) {
  if (
    !hasRole(actor, 'clerk') ||
    !actor.outlet ||
    !POLICE_CATEGORIES.includes(actor.outlet.category)
  ) {
    throw forbidden('只有公安交管窗口可以办理交通违法处理');
  }
}

/**
 * A citizen's violation query (the internet channel): its own identity number only, never a
 * plate or another person; staff queries pass unchanged.
 */
export function citizenViolationQuery<Q extends { idNumber?: string; plate?: string }>(
  actor: Actor,
  q: Q,
): Q {
  if (!hasRole(actor, 'citizen')) return q;
  if (q.plate || (q.idNumber && q.idNumber !== actor.citizenIdNumber)) {
    throw forbidden('只能查询本人的交通违法记录');
  }
  return { ...q, idNumber: actor.citizenIdNumber };
}
