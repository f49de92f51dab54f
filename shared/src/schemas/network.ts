import { z } from 'zod';
import { OUTLET_CATEGORIES } from '../catalog.ts';

const period = z.object({ open: z.string(), close: z.string() });

/** Weekly hours of an outlet: weekdays, weekend sessions, holidays, extended hours. */
export const openingHoursSchema = z.object({
  weekdays: z.array(period),
  saturday: z.array(period),
  sunday: z.array(period),
  holidays: z.boolean(),
  extendedUntil: z.string().optional(),
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** One outlet in a list (CONTRACT.md "Network and delegation"). */
export const outletSchema = z.object({
  code: z.string(),
  name: z.string(),
  category: z.enum(OUTLET_CATEGORIES),
  parentCode: z.string().nullable(),
  status: z.enum(['active', 'suspended']),
  countyCode: z.string(),
  cityCode: z.string(),
  kindLabel: z.string().nullable(),
  address: z.string(),
  phone: z.string(),
  suspension: z.object({ reason: z.string(), since: z.string().nullable() }).nullable(),
});
export type Outlet = z.infer<typeof outletSchema>;

export const outletListSchema = z.object({
  items: z.array(outletSchema),
  /** Keyset pagination: pass as `after` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});

const agreementKindSchema = z.enum(['enterprise', 'bank', 'insurance', 'post', 'hospital']);

export const agreementSchema = z.object({
  code: z.string(),
  partnerName: z.string(),
  kind: agreementKindSchema,
  signedOn: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  businessTypes: z.array(z.string()),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const outletDetailSchema = outletSchema.extend({
  organisationCode: z.string(),
  hours: z.union([openingHoursSchema, z.object({})]),
  agreements: z.array(agreementSchema),
});
export type OutletDetail = z.infer<typeof outletDetailSchema>;

export const agreementListSchema = z.object({
  items: z.array(agreementSchema.extend({ outletCodes: z.array(z.string()) })),
  /** Keyset pagination: pass as `after` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});

export const networkSummarySchema = z.object({
  regions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      parentCode: z.string().nullable(),
    }),
  ),
  organisations: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['detachment', 'brigade']),
      countyCode: z.string().nullable(),
      parentCode: z.string().nullable(),
    }),
  ),
  counts: z.array(
    z.object({
      category: z.enum(OUTLET_CATEGORIES),
      countyCode: z.string(),
      total: z.number().int(),
      suspended: z.number().int(),
    }),
  ),
  /** The agreements with an outlet in the reader's scope, by kind (none: not listed). */
  agreements: z.array(z.object({ kind: agreementKindSchema, total: z.number().int() })),
});
export type NetworkSummary = z.infer<typeof networkSummarySchema>;

/**
 * The offices an installation serves (public: the login page names them), and the public
 * address its printed documents' verification links (QR codes) are built on; null in a demo
 * without one, where the web app uses the address it was opened at.
 */
export const installationSchema = z.object({
  publicUrl: z.string().nullable(),
  offices: z.array(
    z.object({
      cityCode: z.string(),
      officeName: z.string(),
      officeNameEn: z.string(),
    }),
  ),
});
export type Installation = z.infer<typeof installationSchema>;
