import { hasRole, inScope, type Actor } from '../auth/actor.ts';
import { forbidden } from '../platform/errors.ts';

/** Only staff working at an outlet submit applications, and always for that outlet. */
export function requireSubmitter(actor: Actor): NonNullable<Actor['outlet']> {
  if (!hasRole(actor, 'clerk') || !actor.outlet) throw forbidden('只有网点窗口人员可以受理业务');
  return actor.outlet;
}

/** Reading an application: within the reader's data scope (outlet, county or city). */
export function requireReader(actor: Actor, app: { outletCode: string; countyCode: string }) {
  if (hasRole(actor, 'admin')) return;
  if (!hasRole(actor, 'clerk', 'supervisor') || !inScope(actor, app)) {
    throw forbidden('该业务不在您的数据权限范围内');
  }
}

/** The list filter a reader is confined to. */
export function listScope(actor: Actor): { outletCode?: string; countyCode?: string } {
  if (hasRole(actor, 'admin')) return {};
  if (!hasRole(actor, 'clerk', 'supervisor')) throw forbidden();
  if (actor.scope.level === 'outlet') return { outletCode: actor.scope.code };
  if (actor.scope.level === 'county') return { countyCode: actor.scope.code };
  return {};
}
