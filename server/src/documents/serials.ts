import type { Db } from '../db/database.ts';
import { drawSerials } from './documents.repository.ts';

/** Serials drawn at once when the reserve runs low: a block lasts a busy office a second or so. */
const BLOCK = 64;
/** The reserve is topped up when fewer than this many serials are left. */
const LOW = 16;

/**
 * Document serials (`document_serial`) drawn ahead, a block at a time, so that a document's
 * number is known before its row is written and the row can go behind (written with the step's
 * next statement) instead of waiting in a round trip of its own for the number the database
 * assigned. The sequence still hands every serial out once, to one process: numbers stay unique
 * across HTTP workers and restarts. What a process holds when it stops is never printed (a gap,
 * as after any rolled-back step), and numbers of two processes interleave out of issue order;
 * nothing reads an order into them (documents are listed by their time of issue).
 *
 * Drawing is never awaited by a step: a step that finds the reserve empty takes the database's
 * serial in its own statement, as before, and the block is drawn beside it on the pool. A step
 * never holds its connection while waiting for another one.
 */
export class SerialReserve {
  #serials: number[] = [];
  #drawing = false;

  constructor(private readonly db: Db) {}

  /** `count` serials in increasing order, or null when the reserve has fewer (then it is topped up). */
  take(count: number): number[] | null {
    if (this.#serials.length - count < LOW) this.#topUp();
    if (this.#serials.length < count) return null;
    return this.#serials.splice(0, count);
  }

  #topUp() {
    if (this.#drawing) return;
    this.#drawing = true;
    drawSerials(this.db, BLOCK)
      .then((drawn) => {
        this.#serials.push(...drawn);
      })
      // A draw that fails (the pool closing, the database gone) leaves the reserve as it was:
      // steps take the database's serials meanwhile, and the next take tries again.
      .catch(() => undefined)
      .finally(() => {
        this.#drawing = false;
      });
  }
}

const reserves = new WeakMap<Db, SerialReserve>();

/** The reserve of a pool (one per process and database). */
export function serialReserveOf(db: Db): SerialReserve {
  let reserve = reserves.get(db);
  if (!reserve) {
    reserve = new SerialReserve(db);
    reserves.set(db, reserve);
  }
  return reserve;
}
