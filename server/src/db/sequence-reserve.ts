import type { Db, Tx } from './database.ts';
import { poolOf } from './pipelined.ts';
import { drawSequence } from './sequence-reserve.sql.ts';

/** Values drawn at once when a reserve runs low: a block lasts a busy office a second or so. */
const BLOCK = 64;
/** A reserve is topped up when fewer than this many values are left. */
const LOW = 16;

/**
 * Values of a sequence drawn ahead, a block at a time, so that a row's number (a document's
 * serial, a vehicle's id) is known before the row is written and the row can go behind (written
 * with the step's next statement) instead of waiting in a round trip of its own for the value
 * the database assigns. The sequence still hands every value out once, to one process: values
 * stay unique across HTTP workers and restarts. What a process holds when it stops is never used
 * (a gap, as after any rolled-back step), and values of two processes interleave out of the
 * order of use; nothing reads an order into them.
 *
 * Drawing is never awaited by a step: a step that finds the reserve short takes the database's
 * value in its own statement, as before, and the block is drawn beside it on the pool. A step
 * never holds its connection while it waits for another one.
 */
export class SequenceReserve {
  #values: number[] = [];
  #drawing = false;

  /** `draw(n)`: n fresh values of the sequence in increasing order. */
  constructor(private readonly draw: (count: number) => Promise<number[]>) {}

  /** `count` values in increasing order, or null when the reserve has fewer (then it is topped up). */
  take(count: number): number[] | null {
    if (this.#values.length - count < LOW) this.#topUp();
    if (this.#values.length < count) return null;
    return this.#values.splice(0, count);
  }

  #topUp() {
    if (this.#drawing) return;
    this.#drawing = true;
    this.draw(BLOCK)
      .then((drawn) => {
        this.#values.push(...drawn);
      })
      // A draw that fails (the pool closing, the database gone) leaves the reserve as it was:
      // steps take the database's values meanwhile, and the next take tries again.
      .catch(() => undefined)
      .finally(() => {
        this.#drawing = false;
      });
  }
}

const reserves = new WeakMap<Db, Map<string, SequenceReserve>>();

/** The reserve of a sequence for a pool (one per process and database). */
export function sequenceReserveOf(db: Db, sequence: string): SequenceReserve {
  let ofPool = reserves.get(db);
  if (!ofPool) {
    ofPool = new Map();
    reserves.set(db, ofPool);
  }
  let reserve = ofPool.get(sequence);
  if (!reserve) {
    reserve = new SequenceReserve((count) => drawSequence(db, sequence, count));
    ofPool.set(sequence, reserve);
  }
  return reserve;
}

/**
 * `count` values of a sequence drawn ahead for the pool a step's transaction came from
 * (`poolOf`: transactions of `inPipelinedTransaction`), in increasing order; null when the
 * reserve has fewer, or for any other transaction: the database then assigns them in the
 * statement that writes the rows.
 */
export function valuesAhead(tx: Tx, sequence: string, count: number): number[] | null {
  const db = poolOf(tx);
  return db ? sequenceReserveOf(db, sequence).take(count) : null;
}
