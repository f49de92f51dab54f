import type { OutletCategory } from '#shared/catalog.ts';
import type { Db, DbOrTx } from '../db/database.ts';
import { outletStanding } from '../network/network.service.ts';
import { referenceCache } from '../platform/cache.ts';
import { grantsOf } from './delegation.repository.ts';

/**
 * An outlet's delegation facts — its standing (status, open suspension, agreements) and every
 * grant of it and of its category in its city — remembered for a few seconds per database
 * handle. The pipeline decides with them in every application, where reading them took two of a
 * 行驶证 reissue's nine statements, and they change a few times a year.
 *
 * The guarantee is the user cache's (auth/user-cache.ts): a change made through this process's
 * delegation service (a suspension or restoration, a grant set or withdrawn, a supervision
 * sanction) applies from the outlet's next application — the service forgets the facts after its
 * transaction commits, so an application that starts after the change was answered reads them
 * again. The same transaction announces the change (db/change-notices.ts), and every other server
 * process forgets when the notice arrives, milliseconds after the commit. A change by SQL by hand
 * applies within `FACTS_TTL_MS`. Validity dates are decided against each application's day.
 */
const FACTS_TTL_MS = 5_000;

type Standing = NonNullable<Awaited<ReturnType<typeof outletStanding>>>;
type Grant = Awaited<ReturnType<typeof grantsOf>>[number];
export interface OutletFacts {
  standing: Standing;
  grants: Grant[];
}

const facts = referenceCache<string, OutletFacts | null>(FACTS_TTL_MS);

/** Where the caller believes the outlet is (the acting clerk's outlet, as its user was read). */
export interface OutletGuess {
  category: OutletCategory;
  cityCode: string;
}

/**
 * The facts of an outlet, read on `tx` when not remembered for `db` (the pool handle the cache is
 * kept for; the read joins the caller's transaction, so a miss never waits for a second
 * connection). Null for an outlet that does not exist, which is not remembered. With `guess`,
 * a miss reads the grants of the guessed category and city beside the standing (one round trip
 * on a pipelined transaction, db/pipelined.ts), and again if the standing says otherwise.
 */
export async function outletFacts(
  db: Db,
  tx: DbOrTx,
  code: string,
  guess?: OutletGuess,
): Promise<OutletFacts | null> {
  const found = await facts.get(db, code, async () => {
    const [standing, guessed] = await Promise.all([
      outletStanding(tx, code),
      guess ? grantsOf(tx, { code, ...guess }) : null,
    ]);
    if (!standing) return null;
    const right =
      guessed && standing.category === guess?.category && standing.cityCode === guess.cityCode;
    return { standing, grants: right ? guessed : await grantsOf(tx, standing) };
  });
  if (!found) facts.forget(db, code);
  return found;
}

/** Forgets every outlet's facts for `db` (a look-up in flight is dropped with them). */
export function forgetOutletFacts(db: Db) {
  facts.forget(db);
}
