import type { ViolationResponse } from '#shared/schemas/violations.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { PolicyValues } from '../catalog/policy-keys.ts';
import { dueDate } from '../catalog/working-days.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { idFor } from '../licences/licences.presenter.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { addDays, beijingDate, beijingInstant } from '../platform/time.ts';
import { vehiclesOwnedBy } from '../vehicles/vehicles.service.ts';
import { lateFeeOn } from './late-fee.ts';
import { citizenViolationQuery, requireViolationReader } from './violations.policy.ts';
import {
  codeDescriptions,
  handledOnPlatformPage,
  insertViolations,
  listViolations,
  type ViolationRecord,
  type ViolationStatus,
  unhandledOfPlates,
} from './violations.repository.ts';

/**
 * The last day to pay a fine decided on `handledOn`: the payment period in natural days, moved to
 * the next working day when it ends on a holiday (民法典 第二百零三条).
 */
/**
 * Unhandled violation records of one plate in a city: vehicle business that must see them
 * handled first (R164 §§18, 25, 39, 54) reads this through its port.
 */
export async function unhandledViolationsOfPlate(
  db: DbOrTx,
  q: { cityCode: string; plate: string },
): Promise<number> {
  return (await unhandledOfPlates(db, q.cityCode, [q.plate])).length;
}

export async function paymentDeadline(owner: object, db: DbOrTx, handledOn: string, days: number) {
  return await dueDate(owner, db, addDays(handledOn, days - 1), 1);
}

export type FinePolicy = PolicyValues<'fine.payment-days' | 'fine.late-fee-percent'>;

/** The fine policy in force in a city on a day. */
export async function finePolicyOn(db: DbOrTx, day: string, cityCode: string): Promise<FinePolicy> {
  return (await policyIn(db, ['fine.payment-days', 'fine.late-fee-percent'], day, cityCode)).values;
}

/**
 * What paying a handled, unpaid fine costs on a day (Proc §60); null once paid or unhandled.
 * Without a configured value the statute's own applies (15 days, 3 % a day).
 */
export async function feeDueOn(
  owner: object,
  db: DbOrTx,
  v: Pick<ViolationRecord, 'status' | 'handledOn' | 'fine'>,
  day: string,
  policy: FinePolicy,
) {
  if (v.status !== 'handled' || !v.handledOn) return null;
  const deadline = await paymentDeadline(owner, db, v.handledOn, policy['fine.payment-days'] ?? 15);
  return { deadline, ...lateFeeOn(v.fine, deadline, day, policy['fine.late-fee-percent'] ?? 3) };
}

const encodeCursor = (v: ViolationRecord) =>
  Buffer.from(`${v.occurredAt.toISOString()}|${v.id}`).toString('base64url');

function decodeCursor(cursor: string) {
  const text = Buffer.from(cursor, 'base64url').toString();
  const cut = text.indexOf('|');
  const occurredAt = new Date(text.slice(0, cut));
  const id = text.slice(cut + 1);
  if (cut < 0 || !id || Number.isNaN(occurredAt.getTime())) {
    throw invalid([{ path: 'query.after', message: '分页游标无效' }]);
  }
  return { occurredAt, id };
}

/**
 * `GET /violations?idNumber=` (the records of the vehicles a person owns and those the person
 * took the points for) or `?plate=`, newest first by keyset, in the reader's city and scope.
 */
export async function listViolationsFor(
  ctx: AppContext,
  actor: Actor,
  query: {
    idNumber?: string;
    plate?: string;
    status?: ViolationStatus;
    after?: string;
    limit: number;
  },
) {
  const scope = requireViolationReader(actor);
  const q = citizenViolationQuery(actor, query);
  const cityCode = actor.cityCode;
  const plates = q.plate
    ? [q.plate]
    : (await vehiclesOwnedBy(ctx.db, cityCode, q.idNumber ?? '')).flatMap((v) =>
        v.plate ? [v.plate] : [],
      );
  const rows = await listViolations(ctx.db, {
    cityCode,
    ...scope,
    plates,
    handledBy: q.idNumber ?? null,
    status: q.status,
    after: q.after ? decodeCursor(q.after) : undefined,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const descriptions = await codeDescriptions(
    ctx.db,
    [...new Set(items.map((v) => v.code))],
    cityCode,
  );
  const today = beijingDate(ctx.clock.now());
  const policy = await finePolicyOn(ctx.db, today, cityCode);
  const presented: ViolationResponse[] = [];
  for (const v of items) {
    const due = await feeDueOn(ctx.db, ctx.db, v, today, policy);
    presented.push({
      id: v.id,
      plate: v.plate,
      code: v.code,
      description: descriptions.get(v.code) ?? null,
      occurredAt: beijingInstant(v.occurredAt),
      points: v.points,
      fine: v.fine,
      status: v.status,
      handledBy: v.handledBy ? idFor(v.handledBy, actor) : null,
      handledOn: v.handledOn,
      lateFee: due ? due.lateFee : v.lateFee,
      paidAt: v.paidAt ? beijingInstant(v.paidAt) : null,
    });
  }
  const last = items.at(-1);
  return {
    items: presented,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

/** Records seeded as they are (the demo), in the caller's transaction. */
export async function registerImportedViolations(
  tx: Tx,
  rows: Parameters<typeof insertViolations>[1],
) {
  return await insertViolations(tx, rows);
}

/** One record handled on the platform: who took whose points, where, by whom and how. */
export interface PlatformHandling {
  violationId: string;
  applicationId: string;
  plate: string;
  points: number;
  /** The county the record belongs to (where it happened). */
  countyCode: string;
  driver: string;
  /** The owner when it was handled; null when the registry did not know the vehicle. */
  owner: string | null;
  at: Date;
  outletCode: string | null;
  /** The platform user who took it in (null online). */
  userId: string | null;
  channel: string;
  phone: string | null;
}

/**
 * What anti-fraud reads of the platform's own violation handling (never the table): records
 * handled in [since, until), a bounded page after the last one's key.
 */
export async function platformHandlings(
  db: DbOrTx,
  f: {
    cityCode: string;
    since: Date;
    until: Date;
    after?: { at: Date; id: string };
    limit: number;
  },
): Promise<PlatformHandling[]> {
  const rows = await handledOnPlatformPage(db, f);
  return rows.map((r) => ({
    violationId: r.id,
    applicationId: r.handled_application_id!,
    plate: r.plate,
    points: r.points,
    countyCode: r.county_code,
    driver: r.handled_by!,
    owner: r.owner_id_number,
    at: r.handled_at!,
    outletCode: r.handled_outlet_code,
    userId: r.handled_user_id,
    channel: r.handled_channel!,
    phone: r.handled_phone,
  }));
}
