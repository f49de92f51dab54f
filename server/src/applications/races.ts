import diagnostics from 'node:diagnostics_channel';
import { AppError } from '../platform/errors.ts';

/**
 * Unique keys on numbers a step checks free and then takes without holding them in between: a
 * plate number drawn at random (R164 §43) or asked for. Two windows that take the same number
 * at once both find it free; the second to write waits for the first and fails on the key when
 * it commits. Run again, the step sees the winner's row: it draws another number, or an asked
 * one is refused by the rules (PLATE_UNAVAILABLE), as if the two had come one after the other.
 */
const TAKEN_NUMBER_KEYS: ReadonlySet<string> = new Set(['vehicles_city_code_plate_key']);

/** How often a step runs in all before a lost race is answered with a conflict. */
const ATTEMPTS = 3;

/**
 * Whether a transaction failed only for running at the same time as another: a number taken
 * meanwhile, a deadlock, or a serialization failure. Nothing of it was stored (one transaction).
 */
export function lostRace(e: unknown): boolean {
  const { code, constraint } = (e ?? {}) as { code?: unknown; constraint?: unknown };
  if (code === '40001' || code === '40P01') return true;
  return code === '23505' && typeof constraint === 'string' && TAKEN_NUMBER_KEYS.has(constraint);
}

/** What `lostRaces` tells of each lost race: which run lost, why, and whether it was the last. */
export interface LostRaceNotice {
  attempt: number;
  code: string;
  constraint: string | null;
  /** No run is left: the client is answered with a conflict. */
  final: boolean;
}

/**
 * Every lost race, published for whoever counts them: the server's log and the bench, which
 * reports how often a step ran again (work a throughput figure does not show). Publishing
 * costs nothing while nobody subscribes.
 */
export const lostRaces = diagnostics.channel('cheguan:lost-race');

/**
 * Runs a use case's transaction, and again when it lost a race (`lostRace`); after the last
 * attempt the client is told to submit again (409) instead of an internal error.
 */
export async function retryingLostRaces<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!lostRace(e)) throw e;
      if (lostRaces.hasSubscribers) lostRaces.publish(noticeOf(e, attempt));
      if (attempt >= ATTEMPTS) {
        throw new AppError('CONFLICT', '与同时办理的另一笔业务冲突（如同一号码），请重新提交');
      }
    }
  }
}

function noticeOf(e: unknown, attempt: number): LostRaceNotice {
  const { code, constraint } = e as { code: string; constraint?: unknown };
  return {
    attempt,
    code,
    constraint: typeof constraint === 'string' ? constraint : null,
    final: attempt >= ATTEMPTS,
  };
}

/**
 * Writes each lost race to the server's log: a run again at `info`, a client answered with a
 * conflict at `warn` (many of those mean windows keep taking the same numbers). Returns the
 * unsubscription, for the server's close.
 */
export function logLostRaces(log: {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
}): () => void {
  const onNotice = (message: unknown) => {
    const notice = message as LostRaceNotice;
    if (notice.final) log.warn({ lostRace: notice }, 'a transaction lost its last race: conflict');
    else log.info({ lostRace: notice }, 'a transaction lost a race and runs again');
  };
  lostRaces.subscribe(onNotice);
  return () => lostRaces.unsubscribe(onNotice);
}
