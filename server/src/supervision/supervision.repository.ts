import { sql, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { AlertDispositionsTable, AlertsTable, AlertStatus } from '../db/types.ts';

// ---- Runs ------------------------------------------------------------------------------------

export async function insertRun(
  tx: Tx,
  r: {
    cityCode: string;
    id: string;
    from: string;
    to: string;
    trigger: 'request' | 'job';
    startedBy: string;
    startedAt: Date;
    finishedAt: Date;
    policy: Record<string, unknown>;
    read: Record<string, number>;
    found: Record<string, unknown>;
    alerts: number;
    newAlerts: number;
  },
) {
  await tx
    .insertInto('supervision_runs')
    .values({
      city_code: r.cityCode,
      id: r.id,
      period_from: r.from,
      period_to: r.to,
      trigger: r.trigger,
      started_by: r.startedBy,
      started_at: r.startedAt,
      finished_at: r.finishedAt,
      policy: JSON.stringify(r.policy),
      read: JSON.stringify(r.read),
      found: JSON.stringify(r.found),
      alerts: r.alerts,
      new_alerts: r.newAlerts,
    })
    .execute();
}

// ---- Alerts ----------------------------------------------------------------------------------

/** The days of [from, to] the daily job has run over in a city (a run of that one day). */
export async function jobRunDays(db: DbOrTx, cityCode: string, from: string, to: string) {
  const rows = await db
    .selectFrom('supervision_runs')
    .select('period_from')
    .distinct()
    .where('city_code', '=', cityCode)
    .where('trigger', '=', 'job')
    .where('period_from', '>=', from)
    .where('period_from', '<=', to)
    .whereRef('period_to', '=', 'period_from')
    .execute();
  return rows.map((r) => r.period_from);
}

export type AlertRow = Selectable<AlertsTable>;
export type DispositionRow = Selectable<AlertDispositionsTable>;

/**
 * Alerts a run writes per statement: one JSON document each, of a few megabytes at most.
 */
const ALERT_BATCH = 5000;

export type NewAlert = Omit<AlertRow, 'evidence' | 'created_at' | 'updated_at'> & {
  evidence: Record<string, unknown>;
  at: Date;
};

/** Every column of an alert, with the type its JSON text is cast to. */
const ALERT_COLUMNS = {
  city_code: 'text',
  id: 'uuid',
  rule: 'text',
  severity: 'text',
  subject_kind: 'text',
  subject_id: 'text',
  subject_name: 'text',
  outlet_code: 'text',
  level: 'text',
  county_code: 'text',
  period_from: 'date',
  period_to: 'date',
  evidence: 'jsonb',
  status: 'text',
  deadline: 'date',
  run_id: 'uuid',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
} as const satisfies Record<keyof AlertRow, string>;
const ALERT_COLUMN_NAMES = Object.keys(ALERT_COLUMNS) as (keyof AlertRow)[];

/** Each column out of an alert's JSON array (`a`), at its place in `ALERT_COLUMN_NAMES`. */
const ALERT_VALUES = sql.join(
  ALERT_COLUMN_NAMES.map((c, i) =>
    c === 'evidence'
      ? sql`a -> ${sql.lit(i)}`
      : sql`(a ->> ${sql.lit(i)})::${sql.raw(ALERT_COLUMNS[c])}`,
  ),
);

/**
 * Inserts alerts, skipping any whose rule, subject and period already has one (the unique key):
 * returns the ids that went in, in the given order. The rows go as one JSON document, an array
 * of each alert's columns in order, read once as `jsonb`: a run's 1,433 alerts as one array
 * parameter per column (`unnest`) cost 80 ms of the server thread to write and escape
 * (every quote of the evidence escaped again inside the array literal) and 105–135 ms in all;
 * as one document, 13–20 ms and 65–75 ms (docs/BENCHMARKS.md).
 */
export async function insertAlertsOnce(tx: Tx, alerts: readonly NewAlert[]): Promise<string[]> {
  const inserted = new Set<string>();
  for (let i = 0; i < alerts.length; i += ALERT_BATCH) {
    const doc = JSON.stringify(
      alerts
        .slice(i, i + ALERT_BATCH)
        .map((a) =>
          ALERT_COLUMN_NAMES.map((c) => (c === 'created_at' || c === 'updated_at' ? a.at : a[c])),
        ),
    );
    const { rows } = await sql<{ id: string }>`
      INSERT INTO alerts (${sql.join(ALERT_COLUMN_NAMES.map((c) => sql.ref(c)))})
      SELECT ${ALERT_VALUES} FROM jsonb_array_elements(${doc}::jsonb) AS a
      ON CONFLICT (city_code, rule, subject_kind, subject_id, period_from, period_to) DO NOTHING
      RETURNING id`.execute(tx);
    for (const r of rows) inserted.add(r.id);
  }
  return alerts.filter((a) => inserted.has(a.id)).map((a) => a.id);
}

/** Inserts an alert unless the same rule, subject and period has one: returns whether it did. */
export async function insertAlertOnce(tx: Tx, a: NewAlert): Promise<boolean> {
  return (await insertAlertsOnce(tx, [a])).length > 0;
}

export interface AlertFilter {
  cityCode: string;
  countyCode?: string;
  status?: AlertStatus;
  rule?: string;
  level?: 'detachment' | 'brigade';
  from?: string;
  to?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** Alerts newest first, by keyset (created_at, id), within a city and optionally a county. */
export async function listAlerts(db: DbOrTx, f: AlertFilter) {
  let q = db.selectFrom('alerts').selectAll().where('city_code', '=', f.cityCode);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.rule) q = q.where('rule', '=', f.rule);
  if (f.level) q = q.where('level', '=', f.level);
  // Alerts whose period overlaps [from, to].
  if (f.from) q = q.where('period_to', '>=', f.from);
  if (f.to) q = q.where('period_from', '<=', f.to);
  if (f.after) {
    q = q.where(sql<boolean>`(created_at, id) < (${f.after.createdAt}, ${f.after.id}::uuid)`);
  }
  return await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function findAlert(db: DbOrTx, id: string) {
  return await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The other alerts of the same rule about the same subject whose period overlaps `a`'s, oldest
 * first (the alerts' unique key leads with these columns).
 */
export async function overlappingAlerts(db: DbOrTx, a: AlertRow) {
  return await db
    .selectFrom('alerts')
    .select(['id', 'period_from', 'period_to', 'status', 'created_at'])
    .where('city_code', '=', a.city_code)
    .where('rule', '=', a.rule)
    .where('subject_kind', '=', a.subject_kind)
    .where('subject_id', '=', a.subject_id)
    .where('period_from', '<=', a.period_to)
    .where('period_to', '>=', a.period_from)
    .where('id', '!=', a.id)
    .orderBy('created_at')
    .orderBy('id')
    .limit(50)
    .execute();
}

export async function lockAlert(tx: Tx, cityCode: string, id: string) {
  return await tx
    .selectFrom('alerts')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setAlertStatus(
  tx: Tx,
  a: { cityCode: string; id: string; status: AlertStatus; deadline: string | null; at: Date },
) {
  await tx
    .updateTable('alerts')
    .set({ status: a.status, deadline: a.deadline, updated_at: a.at })
    .where('city_code', '=', a.cityCode)
    .where('id', '=', a.id)
    .execute();
}

export async function insertDisposition(
  tx: Tx,
  d: {
    cityCode: string;
    alertId: string;
    action: DispositionRow['action'];
    note: string;
    deadline: string | null;
    effect: Record<string, unknown>;
    by: string;
    byName: string;
    at: Date;
  },
) {
  await tx
    .insertInto('alert_dispositions')
    .values({
      city_code: d.cityCode,
      alert_id: d.alertId,
      action: d.action,
      note: d.note,
      deadline: d.deadline,
      effect: JSON.stringify(d.effect),
      by_user: d.by,
      by_name: d.byName,
      at: d.at,
    })
    .execute();
}

export async function dispositionsOf(db: DbOrTx, cityCode: string, alertIds: string[]) {
  if (!alertIds.length) return [];
  return await db
    .selectFrom('alert_dispositions')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('alert_id', 'in', alertIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Assigned alerts of a city whose rectification deadline is before `today`, locked. */
export async function overdueAlerts(tx: Tx, cityCode: string, today: string) {
  return await tx
    .selectFrom('alerts')
    .select(['id', 'deadline'])
    .where('city_code', '=', cityCode)
    .where('status', '=', 'assigned')
    .where('deadline', '<', today)
    .forUpdate()
    .execute();
}

/** Alerts of a period by rule, severity and status; dispositions in it by action. */
export async function alertSummary(
  db: DbOrTx,
  f: { cityCode: string; countyCode?: string; from: string; to: string },
) {
  let q = db
    .selectFrom('alerts')
    .select(['rule', 'severity', 'status', sql<number>`count(*)::int`.as('n')])
    .where('city_code', '=', f.cityCode)
    .where('period_to', '>=', f.from)
    .where('period_from', '<=', f.to);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  return await q.groupBy(['rule', 'severity', 'status']).orderBy('rule').execute();
}

export async function dispositionSummary(
  db: DbOrTx,
  f: { cityCode: string; countyCode?: string; since: Date; until: Date },
) {
  let q = db
    .selectFrom('alert_dispositions as d')
    .innerJoin('alerts as a', (j) =>
      j.onRef('a.city_code', '=', 'd.city_code').onRef('a.id', '=', 'd.alert_id'),
    )
    .select(['d.action', sql<number>`count(*)::int`.as('n')])
    .where('d.city_code', '=', f.cityCode)
    .where('d.at', '>=', f.since)
    .where('d.at', '<', f.until);
  if (f.countyCode) q = q.where('a.county_code', '=', f.countyCode);
  return await q.groupBy('d.action').orderBy('d.action').execute();
}

/** Alerts about each outlet of a city since an instant, by severity (risk for the draw frame). */
export async function alertCountsByOutlet(db: DbOrTx, cityCode: string, since: Date) {
  return await db
    .selectFrom('alerts')
    .select([
      'outlet_code',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(*) FILTER (WHERE severity = 'high')::int`.as('high'),
    ])
    .where('city_code', '=', cityCode)
    .where('outlet_code', 'is not', null)
    .where('created_at', '>=', since)
    .groupBy('outlet_code')
    .execute();
}
