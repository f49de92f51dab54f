import { hasRole, scopeFilter, type Actor } from '../platform/actor.ts';
import { forbidden } from '../platform/errors.ts';

/**
 * Reading the network: administrators and supervisors see their jurisdiction, a county-level
 * supervisor only its county. Window clerks work at one outlet and have no use for the map.
 */
export function networkReadScope(actor: Actor): { cityCode: string; countyCode?: string } {
  if (!hasRole(actor, 'admin', 'supervisor')) {
    throw forbidden('只有管理员和监管人员可以查看服务网络');
  }
  const { cityCode, countyCode } = scopeFilter(actor);
  return countyCode ? { cityCode, countyCode } : { cityCode };
}

/** Loading a city's network is its administrator's job; returns the administered city. */
export function requireNetworkAdmin(actor: Actor): string {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以导入网点');
  return actor.cityCode;
}
