import pg from 'pg';
import { ridesAlong } from '../server/src/db/client.ts';
import { BUSINESS_TYPE, buildRequest, type WorkloadSpec } from './workloads.ts';

/**
 * Counts SQL statements sent by every pg client of this process (the server's pool included),
 * and the round trips they took: the pool's clients send a transaction's BEGIN, and a statement
 * written behind, in one write with the statement after it (db/client.ts), so each adds a
 * statement and no round trip. A counter increment per query; no timing.
 */
export const sqlCounter: { statements: number; roundTrips: number; trace: string[] | null } = {
  statements: 0,
  roundTrips: 0,
  trace: null,
};
export function countStatements() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const query = typeof first === 'string' ? null : (first as { text?: unknown; name?: unknown });
    const text = query ? query.text : first;
    sqlCounter.statements++;
    if (typeof text !== 'string' || !ridesAlong(text)) sqlCounter.roundTrips++;
    if (sqlCounter.trace) {
      // A named statement (db/prepared.ts) is parsed and planned once per connection.
      const named = typeof query?.name === 'string' ? '[named] ' : '';
      sqlCounter.trace.push(
        named +
          String(text ?? first)
            .replace(/\s+/g, ' ')
            .trim(),
      );
    }
    return original.apply(this, args);
  };
}

/** Submits one application outside any measurement and prints every statement it caused. */
export async function traceOne(base: string, spec: WorkloadSpec) {
  const { token, body, path } = buildRequest(spec, 0);
  sqlCounter.trace = [];
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await res.text();
  const trace = sqlCounter.trace;
  sqlCounter.trace = null;
  console.log(
    `\nSQL of one ${BUSINESS_TYPE[spec.name]} application (HTTP ${res.status}): ${trace.length} statements`,
  );
  trace.forEach((t, i) =>
    console.log(`  ${String(i + 1).padStart(2)}. ${t.length > 160 ? `${t.slice(0, 157)}…` : t}`),
  );
  if (res.status !== 201) console.log(`  answer: ${text.slice(0, 600)}`);
}
