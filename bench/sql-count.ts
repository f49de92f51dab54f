import pg from 'pg';
import { BUSINESS_TYPE, buildRequest, type WorkloadSpec } from './workloads.ts';

/**
 * Counts SQL statements sent by every pg client of this process (the server's pool included),
 * and the round trips they took: the pool's clients send what comes in one turn of the event
 * loop in one socket write (db/client.ts) — a transaction's BEGIN and statements written behind
 * with the statement after them, reads sent together — so a round trip is a client's first
 * statement of a turn. A counter increment per query; no timing.
 */
export const sqlCounter: { statements: number; roundTrips: number; trace: string[] | null } = {
  statements: 0,
  roundTrips: 0,
  trace: null,
};
/** The round trips counted before the traced application's. */
let traceTrips = 0;
/** Clients that sent a statement in this turn of the event loop. */
const sentThisTurn = new WeakSet<object>();

export function countStatements() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const query = typeof first === 'string' ? null : (first as { text?: unknown; name?: unknown });
    const text = query ? query.text : first;
    sqlCounter.statements++;
    const newTrip = !sentThisTurn.has(this as object);
    if (newTrip) {
      sentThisTurn.add(this as object);
      sqlCounter.roundTrips++;
      process.nextTick(() => sentThisTurn.delete(this as object));
    }
    if (sqlCounter.trace) {
      // A named statement (db/prepared.ts) is parsed and planned once per connection; a
      // statement that starts a round trip is marked with the count of them so far.
      const named = typeof query?.name === 'string' ? '[named] ' : '';
      const trip = newTrip ? `(trip ${sqlCounter.roundTrips - traceTrips}) ` : '';
      sqlCounter.trace.push(
        trip +
          named +
          String(text ?? first)
            .replace(/\s+/g, ' ')
            .trim(),
      );
    }
    return original.apply(this, args);
  };
}

/**
 * Submits two applications outside any measurement and prints every statement the second caused,
 * each round trip's first marked: the first fills the caches (the user, the outlet's facts, the
 * policy) as the measured phases find them.
 */
export async function traceOne(base: string, spec: WorkloadSpec) {
  await submit(base, buildRequest(spec, 0));
  traceTrips = sqlCounter.roundTrips;
  sqlCounter.trace = [];
  const { status, text } = await submit(base, buildRequest(spec, 1));
  const trace = sqlCounter.trace;
  sqlCounter.trace = null;
  console.log(
    `\nSQL of one ${BUSINESS_TYPE[spec.name]} application (HTTP ${status}): ${trace.length} statements`,
  );
  trace.forEach((t, i) =>
    console.log(`  ${String(i + 1).padStart(2)}. ${t.length > 160 ? `${t.slice(0, 157)}…` : t}`),
  );
  if (status !== 201) console.log(`  answer: ${text.slice(0, 600)}`);
}

/** POSTs one of the bench's requests and reads its whole answer. */
async function submit(base: string, request: { token: string; body: string; path: string }) {
  const res = await fetch(`${base}${request.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
    body: request.body,
  });
  return { status: res.status, text: await res.text() };
}
