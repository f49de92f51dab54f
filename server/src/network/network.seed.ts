import type { Tx } from '../db/database.ts';
import type { DemoNetwork } from '../demo/zunyi-types.ts';

const CATEGORY_ORDER = ['city-office', 'branch-office', 'county-office', 'internet'];

/** Writes a whole network (regions first, then parents before children) in the caller's transaction. */
export async function insertNetwork(
  tx: Tx,
  city: { code: string; name: string; nameEn: string },
  counties: { code: string; name: string; nameEn: string }[],
  network: DemoNetwork,
) {
  await tx
    .insertInto('regions')
    .values([
      { code: city.code, name: city.name, name_en: city.nameEn, parent_code: null },
      ...counties.map((c) => ({
        code: c.code,
        name: c.name,
        name_en: c.nameEn,
        parent_code: city.code,
      })),
    ])
    .execute();
  const orgs = [...network.organisations].sort(
    (a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null),
  );
  await tx
    .insertInto('organisations')
    .values(
      orgs.map((o) => ({
        code: o.code,
        name: o.name,
        kind: o.kind,
        county_code: o.countyCode,
        parent_code: o.parentCode,
      })),
    )
    .execute();
  const rank = (c: string) => {
    const i = CATEGORY_ORDER.indexOf(c);
    return i === -1 ? CATEGORY_ORDER.length : i;
  };
  const outlets = [...network.outlets].sort((a, b) => rank(a.category) - rank(b.category));
  for (let i = 0; i < outlets.length; i += 200) {
    await tx
      .insertInto('outlets')
      .values(
        outlets.slice(i, i + 200).map((o) => ({
          code: o.code,
          name: o.name,
          category: o.category,
          kind_label: o.kindLabel ?? null,
          parent_code: o.parentCode,
          county_code: o.countyCode,
          organisation_code: o.organisationCode,
          address: o.address,
          phone: o.phone,
          hours: JSON.stringify(o.hours),
        })),
      )
      .execute();
  }
  await tx
    .insertInto('agreements')
    .values(
      network.agreements.map((a) => ({
        code: a.code,
        partner_name: a.partnerName,
        kind: a.kind,
        signed_on: a.signedOn,
        valid_from: a.validFrom,
        valid_until: a.validUntil,
        business_types: a.businessTypes,
      })),
    )
    .execute();
  const links = network.agreements.flatMap((a) =>
    a.outletCodes.map((o) => ({ agreement_code: a.code, outlet_code: o })),
  );
  for (let i = 0; i < links.length; i += 500) {
    await tx
      .insertInto('agreement_outlets')
      .values(links.slice(i, i + 500))
      .execute();
  }
}
