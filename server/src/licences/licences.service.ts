import type { DbOrTx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import { requireLicenceReader } from './licences.policy.ts';
import { presentLicence } from './licences.presenter.ts';
import { findLicence, licenceCityOf, type LicenceRecord } from './licences.repository.ts';
import type { DriverPoints } from './points-port.ts';

export type { LicenceRecord } from './licences.repository.ts';

/** A person's licence wherever it is kept (the national directory names the city), or null. */
export async function licenceOf(db: DbOrTx, idNumber: string): Promise<LicenceRecord | null> {
  const city = await licenceCityOf(db, idNumber);
  return city ? await findLicence(db, city, idNumber) : null;
}

/** `GET /licences/{idNumber}`: the licence with its points cycle, for a reader allowed to see it. */
export async function licenceFor(
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
  points: DriverPoints,
) {
  const licence = await licenceOf(ctx.db, idNumber);
  if (!licence) throw notFound('驾驶证');
  requireLicenceReader(actor, licence);
  const today = beijingDate(ctx.clock.now());
  return presentLicence(licence, await points.cycle(ctx.db, licence, today), actor, today);
}
