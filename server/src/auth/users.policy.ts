import { forbidden } from '../platform/errors.ts';
import { hasRole, type Actor } from '../platform/actor.ts';

/**
 * The city an administrator administers: its staff and its network. Administrators are
 * city-scoped (see ROLE_SCOPE_LEVELS); nobody else administers anything.
 */
export function administeredCity(actor: Actor): string {
  if (!hasRole(actor, 'admin') || actor.scope.level !== 'city') {
    throw forbidden('只有管理员可以执行此操作');
  }
  return actor.scope.code;
}

/** An administrator manages only the staff of its own city. */
export function requireUserInCity(actor: Actor, user: { city_code: string }) {
  if (user.city_code !== administeredCity(actor)) throw forbidden('该用户不在您管辖的城市内');
}
