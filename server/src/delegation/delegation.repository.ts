import type { OutletCategory } from '#shared/catalog.ts';
import { compiledQuery } from '../db/compiled-query.ts';
import type { DbOrTx } from '../db/database.ts';

/** A grant's target: one outlet, or every outlet of a category in a city. */
export type GrantTarget = { outletCode: string } | { cityCode: string; category: OutletCategory };

type GrantOutlet = { code: string; category: OutletCategory; cityCode: string };

// The pipeline reads it whenever an outlet's delegation facts are not remembered: compiled once.
const grantsQuery = compiledQuery((db, v: GrantOutlet) =>
  db
    .selectFrom('grants as g')
    .select(['g.business_type', 'g.outlet_code', 'g.effect', 'g.valid_from', 'g.valid_until'])
    .where((w) =>
      w.or([
        w('g.outlet_code', '=', v.code),
        w.and([w('g.city_code', '=', v.cityCode), w('g.outlet_category', '=', v.category)]),
      ]),
    ),
);

/** The grants of one outlet and of its category in its city. */
export async function grantsOf(db: DbOrTx, outlet: GrantOutlet) {
  return await grantsQuery(db, outlet);
}

/**
 * Where a business type is granted in a city today: the categories holding an allowing grant in
 * force, and the outlets holding one of their own (ordered by code).
 */
export async function grantsInForce(
  db: DbOrTx,
  f: { cityCode: string; businessType: string; today: string },
) {
  const rows = await db
    .selectFrom('grants')
    .select(['outlet_category', 'outlet_code'])
    .where('city_code', '=', f.cityCode)
    .where('business_type', '=', f.businessType)
    .where('effect', '=', 'allow')
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', f.today)]))
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', f.today)]))
    .orderBy('outlet_code')
    .execute();
  return {
    categories: rows.flatMap((r) => (r.outlet_category ? [r.outlet_category] : [])),
    outlets: rows.flatMap((r) => (r.outlet_code ? [r.outlet_code] : [])),
  };
}

export async function upsertGrant(
  db: DbOrTx,
  g: {
    cityCode: string;
    businessType: string;
    target: GrantTarget;
    effect: 'allow' | 'deny';
    validFrom: string | null;
    validUntil: string | null;
    createdBy: string;
  },
) {
  const values = {
    city_code: g.cityCode,
    business_type: g.businessType,
    outlet_code: 'outletCode' in g.target ? g.target.outletCode : null,
    outlet_category: 'category' in g.target ? g.target.category : null,
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
      'outletCode' in g.target
        ? oc
            .columns(['business_type', 'outlet_code'])
            .where('outlet_code', 'is not', null)
            .doUpdateSet(set)
        : oc
            .columns(['city_code', 'business_type', 'outlet_category'])
            .where('outlet_category', 'is not', null)
            .doUpdateSet(set),
    )
    .execute();
}

export async function deleteGrant(db: DbOrTx, businessType: string, target: GrantTarget) {
  let query = db.deleteFrom('grants').where('business_type', '=', businessType);
  query =
    'outletCode' in target
      ? query.where('outlet_code', '=', target.outletCode)
      : query
          .where('city_code', '=', target.cityCode)
          .where('outlet_category', '=', target.category);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findCategoryGrant(
  db: DbOrTx,
  f: { cityCode: string; businessType: string; category: OutletCategory },
) {
  return await db
    .selectFrom('grants')
    .selectAll()
    .where('city_code', '=', f.cityCode)
    .where('business_type', '=', f.businessType)
    .where('outlet_category', '=', f.category)
    .executeTakeFirst();
}

/** A city's grants (or one outlet's), in a stable order. */
export async function listGrants(db: DbOrTx, f: { cityCode: string; outletCode?: string }) {
  let query = db
    .selectFrom('grants as g')
    .select([
      'g.business_type',
      'g.outlet_category',
      'g.outlet_code',
      'g.effect',
      'g.valid_from',
      'g.valid_until',
      'g.created_by',
      'g.created_at',
    ])
    .where('g.city_code', '=', f.cityCode);
  if (f.outletCode) query = query.where('g.outlet_code', '=', f.outletCode);
  return await query
    .orderBy('g.business_type')
    .orderBy('g.outlet_category')
    .orderBy('g.outlet_code')
    .execute();
}
