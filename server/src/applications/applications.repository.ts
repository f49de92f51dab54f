import { sql, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { ApplicationsTable } from '../db/types.ts';

export interface StoredApplication {
  id: string;
  businessType: string;
  outletCode: string;
  outletName: string;
  countyCode: string;
  channel: ApplicationsTable['channel'];
  actorUserId: string;
  applicant: { idNumber: string; name: string; phone: string | null };
  agent: unknown;
  data: unknown;
  status: ApplicationsTable['status'];
  result: Record<string, unknown> | null;
  refusal: { noticeNumber: string; verifyToken: string; items: unknown[] } | null;
  policy: unknown;
  idempotencyKey: string | null;
  requestHash: string;
  submittedAt: Date;
  completedAt: Date | null;
  slaDueOn: string | null;
}

type Row = Selectable<ApplicationsTable> & { outlet_name: string };

/** Applications with the name of their outlet, which notices and lists print. */
const withOutlet = (db: DbOrTx) =>
  db
    .selectFrom('applications')
    .innerJoin('outlets', 'outlets.code', 'applications.outlet_code')
    .selectAll('applications')
    .select('outlets.name as outlet_name');

const toStored = (r: Row): StoredApplication => ({
  id: r.id,
  businessType: r.business_type,
  outletCode: r.outlet_code,
  outletName: r.outlet_name,
  countyCode: r.county_code,
  channel: r.channel,
  actorUserId: r.actor_user_id,
  applicant: { idNumber: r.applicant_id_number, name: r.applicant_name, phone: r.applicant_phone },
  agent: r.agent,
  data: r.data,
  status: r.status,
  result: r.result as StoredApplication['result'],
  refusal: r.refusal as StoredApplication['refusal'],
  policy: r.policy,
  idempotencyKey: r.idempotency_key,
  requestHash: r.request_hash,
  submittedAt: r.submitted_at,
  completedAt: r.completed_at === null ? null : new Date(r.completed_at),
  slaDueOn: r.sla_due_on,
});

export async function insertApplication(
  tx: Tx,
  a: Omit<StoredApplication, 'refusal' | 'result' | 'outletName'> & {
    result: unknown;
    refusal: unknown;
  },
) {
  await tx
    .insertInto('applications')
    .values({
      id: a.id,
      business_type: a.businessType,
      outlet_code: a.outletCode,
      county_code: a.countyCode,
      channel: a.channel,
      actor_user_id: a.actorUserId,
      applicant_id_number: a.applicant.idNumber,
      applicant_name: a.applicant.name,
      applicant_phone: a.applicant.phone,
      agent: a.agent === null ? null : JSON.stringify(a.agent),
      data: JSON.stringify(a.data),
      status: a.status,
      result: a.result === null ? null : JSON.stringify(a.result),
      refusal: a.refusal === null ? null : JSON.stringify(a.refusal),
      policy: JSON.stringify(a.policy),
      idempotency_key: a.idempotencyKey,
      request_hash: a.requestHash,
      submitted_at: a.submittedAt,
      completed_at: a.completedAt,
      sla_due_on: a.slaDueOn,
    })
    .execute();
}

export async function findApplication(db: DbOrTx, id: string) {
  const row = await withOutlet(db).where('applications.id', '=', id).executeTakeFirst();
  return row ? toStored(row) : null;
}

export async function findByIdempotencyKey(db: DbOrTx, actorUserId: string, key: string) {
  const row = await withOutlet(db)
    .where('applications.actor_user_id', '=', actorUserId)
    .where('applications.idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? toStored(row) : null;
}

export interface ApplicationFilter {
  outletCode?: string;
  countyCode?: string;
  status?: string;
  businessType?: string;
  limit: number;
  offset: number;
}

export async function listApplications(db: DbOrTx, f: ApplicationFilter) {
  let query = withOutlet(db).select(sql<number>`count(*) over ()::int`.as('total'));
  if (f.outletCode) query = query.where('applications.outlet_code', '=', f.outletCode);
  if (f.countyCode) query = query.where('applications.county_code', '=', f.countyCode);
  if (f.status) query = query.where('applications.status', '=', f.status as Row['status']);
  if (f.businessType) query = query.where('applications.business_type', '=', f.businessType);
  const rows = await query
    .orderBy('applications.submitted_at', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { items: rows.map(toStored), total: rows[0]?.total ?? 0 };
}

/** Transaction-scoped lock on a subject (VIN, plate), so two windows cannot both pass the rules. */
export async function lockSubject(tx: Tx, key: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}
