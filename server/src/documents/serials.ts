import type { Db, Tx } from '../db/database.ts';
import { poolOf } from '../db/pipelined.ts';
import { sequenceReserveOf, type SequenceReserve } from '../db/sequence-reserve.ts';
import { drawSerials } from './documents.repository.ts';

/** The document serials (`document_serial`) a pool holds drawn ahead (db/sequence-reserve.ts). */
export const serialReserveOf = (db: Db): SequenceReserve =>
  sequenceReserveOf(db, 'document_serial', drawSerials);

/**
 * `count` serials drawn ahead for the pool of a step's transaction, in increasing order; null
 * when there are not so many at hand (the database then assigns them in the statement that
 * writes the documents).
 */
export function serialsAhead(tx: Tx, count: number): number[] | null {
  const db = poolOf(tx);
  return db ? serialReserveOf(db).take(count) : null;
}
