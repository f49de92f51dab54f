import { hasRole, type Actor } from '../auth/actor.ts';
import { forbidden } from '../platform/errors.ts';

/**
 * Reading the network: administrators see all of it, supervisors their scope (a county
 * supervisor only its county). Window clerks work at one outlet and have no use for the map.
 */
export function networkReadScope(actor: Actor): { county?: string } {
  if (hasRole(actor, 'admin')) return {};
  if (hasRole(actor, 'supervisor')) {
    return actor.scope.level === 'county' ? { county: actor.scope.code } : {};
  }
  throw forbidden('只有管理员和监管人员可以查看服务网络');
}
