/**
 * The statements one request sends, and their plans: `captureStatements` records the text and
 * parameters of every query the process's pg clients send while a request runs; `explainAll` runs
 * EXPLAIN (ANALYZE, BUFFERS) of each read with the same parameters on a connection of its own, in
 * a transaction that is rolled back (ANALYZE executes the statement).
 */
import pg from 'pg';

export interface CapturedStatement {
  text: string;
  values: unknown[];
}

type Query = (...args: unknown[]) => unknown;

export async function captureStatements(run: () => Promise<unknown>): Promise<CapturedStatement[]> {
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  const captured: CapturedStatement[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    const values =
      (Array.isArray(second) ? second : (first as { values?: unknown[] } | null)?.values) ?? [];
    if (text) captured.push({ text, values });
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  return captured;
}

/** What is worth a plan: reads and the reads inside CTEs, not transaction control or locks. */
const explainable = (text: string) =>
  /^\s*(select|with)\b/i.test(text) && !/pg_advisory|set_config|for update/i.test(text);

/** Identity numbers never go into a report, neither as parameters nor inside a plan. */
const masked = (v: unknown) =>
  typeof v === 'string' ? v.replace(/\d{17}[\dX]/g, '<idNumber>') : JSON.stringify(v);

export async function explainAll(databaseUrl: string, statements: CapturedStatement[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const out: string[] = [];
  try {
    for (const s of statements.filter((st) => explainable(st.text))) {
      await client.query('BEGIN READ ONLY');
      try {
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${s.text}`,
          s.values,
        );
        out.push(
          [
            '```sql',
            s.text.replace(/\s+/g, ' ').trim(),
            s.values.length ? `-- parameters: ${s.values.map(masked).join(', ')}` : '',
            '```',
            '```',
            plan.rows.map((r) => masked(r['QUERY PLAN'])).join('\n'),
            '```',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      } finally {
        await client.query('ROLLBACK');
      }
    }
  } finally {
    await client.end();
  }
  return out.join('\n\n');
}
