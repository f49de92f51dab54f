import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DbOrTx } from '../db/database.ts';

/**
 * Everything the delegation step needs about one outlet and business type (or all of them), in
 * one statement: the outlet with its open suspension, its grants (own and category) and its
 * agreements.
 */
export async function delegationFacts(db: DbOrTx, outletCode: string, businessType?: string) {
  return await db
    .selectFrom('outlets as o')
    .leftJoin('outlet_suspensions as s', (j) =>
      j.onRef('s.outlet_code', '=', 'o.code').on('s.restored_at', 'is', null),
    )
    .select((eb) => [
      'o.code',
      'o.category',
      'o.county_code',
      'o.status',
      's.reason as suspension_reason',
      jsonArrayFrom(
        eb
          .selectFrom('grants as g')
          .select(['g.business_type', 'g.outlet_code', 'g.effect', 'g.valid_from', 'g.valid_until'])
          .$if(businessType !== undefined, (q) =>
            q.where('g.business_type', '=', businessType ?? ''),
          )
          .where((w) =>
            w.or([
              w('g.outlet_code', '=', w.ref('o.code')),
              w('g.outlet_category', '=', w.ref('o.category')),
            ]),
          ),
      ).as('grants'),
      jsonArrayFrom(
        eb
          .selectFrom('agreements as a')
          .innerJoin('agreement_outlets as ao', 'ao.agreement_code', 'a.code')
          .select(['a.valid_from', 'a.valid_until', 'a.business_types'])
          .whereRef('ao.outlet_code', '=', 'o.code'),
      ).as('agreements'),
    ])
    .where('o.code', '=', outletCode)
    .executeTakeFirst();
}

/** Active outlets that hold a category grant of the business type, nearest (same county) first. */
export async function outletsOffering(
  db: DbOrTx,
  businessType: string,
  countyCode: string,
  today: string,
) {
  return await db
    .selectFrom('outlets as o')
    .innerJoin('grants as g', (j) =>
      j.onRef('g.outlet_category', '=', 'o.category').on('g.business_type', '=', businessType),
    )
    .select(['o.code', 'o.name', 'o.category', 'o.county_code'])
    .where('o.status', '=', 'active')
    .where('g.effect', '=', 'allow')
    .where((eb) => eb.or([eb('g.valid_from', 'is', null), eb('g.valid_from', '<=', today)]))
    .where((eb) => eb.or([eb('g.valid_until', 'is', null), eb('g.valid_until', '>=', today)]))
    .where('o.county_code', '=', countyCode)
    .orderBy('o.category')
    .orderBy('o.code')
    .limit(3)
    .execute();
}

export async function categoriesOffering(db: DbOrTx, businessType: string) {
  const rows = await db
    .selectFrom('grants')
    .select('outlet_category')
    .where('business_type', '=', businessType)
    .where('outlet_category', 'is not', null)
    .where('effect', '=', 'allow')
    .execute();
  return rows.map((r) => r.outlet_category as string);
}

export async function upsertGrant(
  db: DbOrTx,
  g: {
    businessType: string;
    target: { outletCode: string } | { category: string };
    effect: 'allow' | 'deny';
    validFrom: string | null;
    validUntil: string | null;
    createdBy: string;
  },
) {
  const byOutlet = 'outletCode' in g.target;
  const values = {
    business_type: g.businessType,
    outlet_code: byOutlet ? (g.target as { outletCode: string }).outletCode : null,
    outlet_category: byOutlet ? null : (g.target as { category: string }).category,
    effect: g.effect,
    valid_from: g.validFrom,
    valid_until: g.validUntil,
    created_by: g.createdBy,
  };
  const set = {
    effect: g.effect,
    valid_from: g.validFrom,
    valid_until: g.validUntil,
    created_by: g.createdBy,
    created_at: new Date(),
  };
  await db
    .insertInto('grants')
    .values(values)
    .onConflict((oc) =>
      byOutlet
        ? oc
            .columns(['business_type', 'outlet_code'])
            .where('outlet_code', 'is not', null)
            .doUpdateSet(set)
        : oc
            .columns(['business_type', 'outlet_category'])
            .where('outlet_category', 'is not', null)
            .doUpdateSet(set),
    )
    .execute();
}

export async function deleteGrant(
  db: DbOrTx,
  businessType: string,
  target: { outletCode: string } | { category: string },
) {
  let query = db.deleteFrom('grants').where('business_type', '=', businessType);
  query =
    'outletCode' in target
      ? query.where('outlet_code', '=', target.outletCode)
      : query.where('outlet_category', '=', target.category);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findCategoryGrant(db: DbOrTx, businessType: string, category: string) {
  return await db
    .selectFrom('grants')
    .selectAll()
    .where('business_type', '=', businessType)
    .where('outlet_category', '=', category)
    .executeTakeFirst();
}

export async function listGrants(db: DbOrTx, outletCode?: string) {
  let query = db
    .selectFrom('grants as g')
    .leftJoin('outlets as o', 'o.code', 'g.outlet_code')
    .select([
      'g.business_type',
      'g.outlet_category',
      'g.outlet_code',
      'o.name as outlet_name',
      'o.county_code',
      'g.effect',
      'g.valid_from',
      'g.valid_until',
      'g.created_by',
      'g.created_at',
    ]);
  if (outletCode) query = query.where('g.outlet_code', '=', outletCode);
  return await query
    .orderBy('g.business_type')
    .orderBy('g.outlet_category')
    .orderBy('g.outlet_code')
    .execute();
}

export async function openSuspension(db: DbOrTx, outletCode: string, reason: string, by: string) {
  await db
    .insertInto('outlet_suspensions')
    .values({ outlet_code: outletCode, reason, suspended_by: by })
    .execute();
  await db
    .updateTable('outlets')
    .set({ status: 'suspended' })
    .where('code', '=', outletCode)
    .execute();
}

export async function closeSuspension(
  db: DbOrTx,
  outletCode: string,
  by: string,
  note: string | null,
) {
  await db
    .updateTable('outlet_suspensions')
    .set({ restored_at: new Date(), restored_by: by, restore_note: note })
    .where('outlet_code', '=', outletCode)
    .where('restored_at', 'is', null)
    .execute();
  await db
    .updateTable('outlets')
    .set({ status: 'active' })
    .where('code', '=', outletCode)
    .execute();
}

export async function suspensionHistory(db: DbOrTx, outletCode: string) {
  return await db
    .selectFrom('outlet_suspensions')
    .selectAll()
    .where('outlet_code', '=', outletCode)
    .orderBy('suspended_at', 'desc')
    .execute();
}

/** Locks the outlet row so concurrent suspend/restore requests apply one after the other. */
export async function lockOutlet(db: DbOrTx, code: string) {
  return await db
    .selectFrom('outlets')
    .select(['code', 'name', 'category', 'county_code', 'status'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}
