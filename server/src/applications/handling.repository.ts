import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';

/** Where a handling-time read is confined: a city, and a county or an outlet within it. */
export interface HandlingScope {
  cityCode: string;
  countyCode?: string;
  outletCode?: string;
  businessType?: string;
}

/** The first instant after an application's due day (Beijing): completing from then is late. */
const afterDueDay = sql<Date>`((sla_due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * Per outlet and business type, the seconds from acceptance to completion of the applications
 * completed in [from, to) that had an SLA (accepted, not refused at the counter), and how many
 * of them were completed after their due day. Served by applications_completed.
 */
export async function completionDurations(db: DbOrTx, f: HandlingScope & { from: Date; to: Date }) {
  let q = db
    .selectFrom('applications')
    .select([
      'outlet_code',
      'business_type',
      sql<number[]>`array_agg(extract(epoch FROM completed_at - submitted_at)::float8)`.as(
        'seconds',
      ),
      sql<string>`count(*) FILTER (WHERE completed_at >= ${afterDueDay})`.as('late'),
    ])
    .where('city_code', '=', f.cityCode)
    .where('status', '=', 'completed')
    .where('completed_at', '>=', f.from)
    .where('completed_at', '<', f.to)
    .where('sla_due_on', 'is not', null);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  if (f.outletCode) q = q.where('outlet_code', '=', f.outletCode);
  if (f.businessType) q = q.where('business_type', '=', f.businessType);
  return await q
    .groupBy(['outlet_code', 'business_type'])
    .orderBy('outlet_code')
    .orderBy('business_type')
    .execute();
}

export interface BreachRow {
  id: string;
  city_code: string;
  outlet_code: string;
  county_code: string;
  business_type: string;
  status: string;
  submitted_at: Date;
  completed_at: Date | string | null;
  sla_due_on: string;
}

type BreachKind = 'open-overdue' | 'completed-late';

interface BreachFilter extends HandlingScope {
  fromDue: string;
  toDue: string;
  today: string;
  after?: { dueOn: string; id: string };
  limit: number;
}

/** One kind's page, read along its own index (applications_open_due, applications_completed_late). */
async function breachPageOf(db: DbOrTx, kind: BreachKind, f: BreachFilter): Promise<BreachRow[]> {
  let q = db
    .selectFrom('applications')
    .select([
      'id',
      'city_code',
      'outlet_code',
      'county_code',
      'business_type',
      'status',
      'submitted_at',
      'completed_at',
      sql<string>`sla_due_on`.as('sla_due_on'),
    ])
    .where('city_code', '=', f.cityCode)
    .where('sla_due_on', '>=', f.fromDue)
    .where('sla_due_on', '<=', f.toDue);
  q =
    kind === 'open-overdue'
      ? q.where('status', '=', 'accepted').where('sla_due_on', '<', f.today)
      : q.where('status', '=', 'completed').where(sql`completed_at`, '>=', afterDueDay);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  if (f.outletCode) q = q.where('outlet_code', '=', f.outletCode);
  if (f.businessType) q = q.where('business_type', '=', f.businessType);
  if (f.after) {
    q = q.where(sql<boolean>`(sla_due_on, id) > (${f.after.dueOn}::date, ${f.after.id}::uuid)`);
  }
  return await q.orderBy('sla_due_on').orderBy('id').limit(f.limit).execute();
}

const byDueThenId = (a: BreachRow, b: BreachRow) =>
  a.sla_due_on < b.sla_due_on ? -1 : a.sla_due_on > b.sla_due_on ? 1 : a.id < b.id ? -1 : 1;

/**
 * A page of the applications due in [fromDue, toDue] that breached their SLA as of `today`:
 * open after their due day, or completed after it; by due day then id (keyset, never OFFSET).
 * Both kinds together are two pages merged: one query with an OR of the two read every
 * application of the period (a sequential scan of a city-year), each kind alone reads a page.
 */
export async function breachPage(
  db: DbOrTx,
  f: BreachFilter & { kind?: BreachKind },
): Promise<BreachRow[]> {
  if (f.kind) return await breachPageOf(db, f.kind, f);
  const open = await breachPageOf(db, 'open-overdue', f);
  const late = await breachPageOf(db, 'completed-late', f);
  return [...open, ...late].sort(byDueThenId).slice(0, f.limit);
}
