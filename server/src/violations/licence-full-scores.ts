import type { DbOrTx } from '../db/database.ts';
import type { LicenceRecord } from '../licences/licences.service.ts';
import { fullScoresOf } from './points.repository.ts';

/**
 * A licence's full scores (满分), oldest first: those reached from its first issue day. A licence
 * issued anew after a cancellation (licences.service.ts#issueClass) is a new licence, so the full
 * scores of the cancelled one, even one still studying, neither detain nor count against it (R162
 * §§17, 62; R163 §17); the driver file still lists them all.
 */
export async function licenceFullScores(db: DbOrTx, licence: LicenceRecord) {
  const records = await fullScoresOf(db, licence.cityCode, licence.idNumber);
  return records.filter((r) => r.reachedOn >= licence.firstIssuedOn);
}
