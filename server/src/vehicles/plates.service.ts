import { hasRole, type Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import { jurisdictionOf } from '../network/network.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { randomPlates, type VehicleType } from './plate-numbers.ts';
import { unavailablePlates } from './plates.repository.ts';

/** Free numbers of a layout under a prefix: drawn at random, those not free dropped. */
export async function freePlates(
  db: DbOrTx,
  f: { cityCode: string; prefix: string; vehicleType: VehicleType; count: number; today: string },
) {
  const found: string[] = [];
  // A few rounds at most: in a young numbering almost every draw is free.
  for (let round = 0; round < 5 && found.length < f.count; round++) {
    const drawn = randomPlates(f.prefix, f.vehicleType, (f.count - found.length) * 2).filter(
      (p) => !found.includes(p),
    );
    const taken = await unavailablePlates(db, f.cityCode, drawn, f.today);
    found.push(...drawn.filter((p) => !taken.has(p)).slice(0, f.count - found.length));
  }
  return found;
}

/**
 * `GET /plates/candidates`: random free numbers (R164 §43) for a registration clerk or an
 * administrator of the city. Showing them holds nothing: a number is held only by the
 * registration that takes it, while that application is open.
 */
export async function plateCandidates(
  ctx: AppContext,
  actor: Actor,
  q: { vehicleType: VehicleType; count: number },
) {
  if (!hasRole(actor, 'admin', 'clerk')) throw forbidden();
  const jurisdiction = await jurisdictionOf(ctx.db, ctx.db, actor.cityCode);
  const prefix = jurisdiction.platePrefixes[0];
  if (!prefix) return { items: [] };
  const today = beijingDate(ctx.clock.now());
  return {
    items: await freePlates(ctx.db, { cityCode: actor.cityCode, prefix, ...q, today }),
  };
}
