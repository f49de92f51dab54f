import { sql } from 'kysely';
import pg from 'pg';
import type { DbOrTx } from './database.ts';

/**
 * Change notices between the server processes on one database (node:cluster workers, an extra
 * API-only process, the CLI): a transaction that changes something a process caches announces
 * it, and PostgreSQL delivers the notice to every listener when — and only if — it commits.
 */
const CHANNEL = 'cheguan_changes';

export type ChangeTopic = 'user' | 'calendar' | 'delegation' | 'policy';
export interface ChangeNotice {
  topic: ChangeTopic;
  /** The changed row (a user's id); none for a whole table (the calendar, the grants, the policy). */
  key?: string;
}

const TOPICS: readonly string[] = [
  'user',
  'calendar',
  'delegation',
  'policy',
] satisfies ChangeTopic[];

/** Announces changes inside the transaction that makes them. */
export async function announceChanges(tx: DbOrTx, topic: ChangeTopic, keys: string[] = []) {
  const payloads = keys.length > 0 ? keys.map((k) => `${topic}:${k}`) : [topic];
  await sql`select pg_notify(${CHANNEL}, p) from unnest(${payloads}::text[]) as p`.execute(tx);
}

/** A notice from its payload; null for one this version does not know. */
export function parseNotice(payload: string | undefined): ChangeNotice | null {
  if (!payload) return null;
  const at = payload.indexOf(':');
  const topic = at < 0 ? payload : payload.slice(0, at);
  if (!TOPICS.includes(topic)) return null;
  return at < 0
    ? { topic: topic as ChangeTopic }
    : { topic: topic as ChangeTopic, key: payload.slice(at + 1) };
}

export interface ChangeListener {
  /** Settles once the first LISTEN is in place (never rejects: failures are retried). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const RECONNECT_MS = 1_000;

/**
 * Listens on its own connection for as long as the process runs. A lost connection is opened
 * again; notices sent meanwhile are lost, so `onReconnect` is called for the caller to forget
 * everything it caches. `onError` hears the first error of an outage only: the tries to connect
 * again, one a second, fail the same way until the database is back.
 */
export function listenForChanges(
  url: string,
  handlers: {
    onNotice: (notice: ChangeNotice) => void;
    onReconnect: () => void;
    onError: (e: Error) => void;
  },
): ChangeListener {
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let connects = 0;
  let failing = false;
  const failed = (e: Error) => {
    if (!closed && !failing) handlers.onError(e);
    failing = true;
  };
  let listening: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (listening = resolve));

  const retry = () => {
    client = null;
    if (!closed && !timer) timer = setTimeout(connect, RECONNECT_MS);
  };
  const connect = () => {
    timer = null;
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on('notification', (m) => {
      const notice = parseNotice(m.payload);
      if (notice) handlers.onNotice(notice);
    });
    c.on('error', (e) => {
      failed(e);
      void c.end().catch(() => undefined);
      retry();
    });
    // A connection the server closed without an error is lost just the same.
    c.on('end', () => {
      if (client === c) retry();
    });
    c.connect()
      .then(() => c.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        failing = false;
        if (connects++ > 0) handlers.onReconnect();
        listening();
      })
      .catch((e: Error) => {
        if (closed) return;
        failed(e);
        void c.end().catch(() => undefined);
        retry();
      });
  };
  connect();
  return {
    ready,
    async close() {
      closed = true;
      listening();
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
