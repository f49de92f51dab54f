import { hasRole, type Actor } from '../platform/actor.ts';
import { forbidden } from '../platform/errors.ts';

/** Policy values and the working-day calendar are set by the city's administrators. */
export function requireCatalogEditor(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以修改政策和日历');
}
