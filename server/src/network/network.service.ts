import type { Actor } from '../auth/actor.ts';
import type { DbOrTx } from '../db/database.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import type { z } from 'zod';
import { networkReadScope } from './network.policy.ts';
import {
  agreementsOfOutlet,
  countOutlets,
  findOutlet,
  listAgreements,
  listOrganisations,
  listOutlets,
  listRegions,
} from './network.repository.ts';
import type { outletListQuerySchema } from './network.schema.ts';

type OutletRow = Awaited<ReturnType<typeof listOutlets>>[number];

const presentOutlet = (o: Omit<OutletRow, 'total'>) => ({
  code: o.code,
  name: o.name,
  category: o.category,
  parentCode: o.parent_code,
  status: o.status,
  countyCode: o.county_code,
  kindLabel: o.kind_label,
  address: o.address,
  phone: o.phone,
  suspension: o.suspension_reason
    ? { reason: o.suspension_reason, since: o.suspended_at?.toISOString() ?? null }
    : null,
});

export async function listOutletsFor(
  db: DbOrTx,
  actor: Actor,
  query: z.infer<typeof outletListQuerySchema>,
) {
  const scope = networkReadScope(actor);
  const rows = await listOutlets(db, {
    category: query.category,
    countyCode: query.county,
    status: query.status,
    q: query.q,
    scopeCounty: scope.county,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: rows.map(presentOutlet), total: rows[0]?.total ?? 0 };
}

const presentAgreement = (a: Awaited<ReturnType<typeof agreementsOfOutlet>>[number]) => ({
  code: a.code,
  partnerName: a.partner_name,
  kind: a.kind,
  signedOn: a.signed_on,
  validFrom: a.valid_from,
  validUntil: a.valid_until,
  businessTypes: a.business_types,
});

export async function getOutletFor(db: DbOrTx, actor: Actor, code: string) {
  const scope = networkReadScope(actor);
  const outlet = await findOutlet(db, code);
  if (!outlet) throw notFound('网点');
  if (scope.county && outlet.county_code !== scope.county) throw forbidden('该网点不在您的辖区内');
  const agreements = await agreementsOfOutlet(db, code);
  return {
    ...presentOutlet(outlet),
    organisationCode: outlet.organisation_code,
    hours: outlet.hours,
    agreements: agreements.map(presentAgreement),
  };
}

export async function networkSummaryFor(db: DbOrTx, actor: Actor) {
  const scope = networkReadScope(actor);
  const [counts, regions, organisations] = await Promise.all([
    countOutlets(db, scope.county),
    listRegions(db),
    listOrganisations(db),
  ]);
  return {
    regions: regions
      .filter((r) => !scope.county || r.code === scope.county || r.parent_code === null)
      .map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, parentCode: r.parent_code })),
    organisations: organisations
      .filter((o) => !scope.county || o.county_code === scope.county || o.kind === 'detachment')
      .map((o) => ({
        code: o.code,
        name: o.name,
        kind: o.kind,
        countyCode: o.county_code,
        parentCode: o.parent_code,
      })),
    counts: counts.map((c) => ({
      category: c.category,
      countyCode: c.county_code,
      total: c.total,
      suspended: c.suspended,
    })),
  };
}

export async function listAgreementsFor(db: DbOrTx, actor: Actor) {
  const scope = networkReadScope(actor);
  const rows = await listAgreements(db, scope.county);
  return {
    items: rows.map((a) => ({ ...presentAgreement(a), outletCodes: a.outlet_codes })),
  };
}
