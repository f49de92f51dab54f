import type { Db, Tx } from '../db/database.ts';
import { sequenceReserveOf, valuesAhead, type SequenceReserve } from '../db/sequence-reserve.ts';

/** The sequence document numbers take their serial part from. */
const SERIALS = 'document_serial';

/** The document serials a pool holds drawn ahead (db/sequence-reserve.ts). */
export const serialReserveOf = (db: Db): SequenceReserve => sequenceReserveOf(db, SERIALS);

/** `count` document serials drawn ahead for a step's transaction, or null (`valuesAhead`). */
export const serialsAhead = (tx: Tx, count: number): number[] | null =>
  valuesAhead(tx, SERIALS, count);
