import { hasRole, inScope, type Actor } from '../auth/actor.ts';
import { forbidden } from '../platform/errors.ts';

/** Staff read the registry; a county supervisor only the vehicles of its county. */
export function requireVehicleReader(actor: Actor, vehicle: { countyCode: string }) {
  if (hasRole(actor, 'admin', 'clerk')) return;
  if (hasRole(actor, 'supervisor') && inScope(actor, vehicle)) return;
  throw forbidden('该车辆不在您的数据权限范围内');
}

/** Migration from the legacy platform is an administrator's job. */
export function requireImporter(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以导入数据');
}
