import { z } from 'zod';
import { codeText, freeText, nameText } from '#shared/schemas/text.ts';
import { OUTLET_CATEGORIES } from '#shared/catalog.ts';
import { contractPageQuery, phoneSchema } from '#shared/schemas/common.ts';

export const outletCodeSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, '网点代码只能包含字母、数字和连字符');

/**
 * The cooperation agreements, a page at a time in code order (`after`: the previous page's
 * `nextCursor`). A province's partners run to thousands; without `limit` a page is the largest
 * there is, which holds a city's.
 */
export const agreementListQuerySchema = z.object(contractPageQuery);

export const outletListQuerySchema = z.object({
  category: z.enum(OUTLET_CATEGORIES).optional(),
  county: z
    .string()
    .regex(/^\d{6}$/, '区县代码为6位数字')
    .optional(),
  status: z.enum(['active', 'suspended']).optional(),
  q: freeText(64).optional(),
  /** Keyset pagination: the `nextCursor` of the previous page. */
  after: outletCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const outletCodeParamsSchema = z.object({ code: outletCodeSchema });

/** Opening hours of an outlet; times are 'HH:MM'. */
export interface OpeningHours {
  weekdays: { open: string; close: string }[];
  saturday: { open: string; close: string }[];
  sunday: { open: string; close: string }[];
  holidays: boolean;
  extendedUntil?: string;
}

/** A whole network of one jurisdiction, as a new installation (or the demo) loads it. */
export interface NetworkInput {
  jurisdiction: {
    cityCode: string;
    name: string;
    nameEn: string;
    provinceAbbr: string;
    platePrefixes: string[];
    officeCode: string;
    officeName: string;
    officeNameEn: string;
    seatCountyCode: string;
    localRules: Record<string, string>;
  };
  counties: { code: string; name: string; nameEn: string }[];
  organisations: {
    code: string;
    name: string;
    kind: 'detachment' | 'brigade';
    countyCode: string | null;
    parentCode: string | null;
  }[];
  outlets: {
    code: string;
    name: string;
    category: (typeof OUTLET_CATEGORIES)[number];
    parentCode: string | null;
    countyCode: string;
    address: string;
    phone: string;
    organisationCode: string;
    hours: OpeningHours;
    kindLabel?: string;
  }[];
  agreements: {
    code: string;
    partnerName: string;
    kind: 'enterprise' | 'bank' | 'insurance' | 'post' | 'hospital';
    signedOn: string;
    validFrom: string;
    validUntil: string;
    businessTypes: string[];
    outletCodes: string[];
  }[];
}

/** One line of POST /api/v1/imports/outlets: an outlet of a new installation's network. */
export const outletImportSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, '网点编码为1至32位字母、数字或连字符'),
  name: nameText(100),
  category: z.enum(OUTLET_CATEGORIES, { message: '未知的网点类别' }),
  countyCode: z.string().regex(/^\d{6}$/, '区县代码为6位数字'),
  organisationCode: codeText(32),
  parentCode: codeText(32).nullish(),
  address: freeText(200).nullish(),
  phone: phoneSchema.nullish(),
  kindLabel: nameText(32).nullish(),
});
export type OutletImport = z.infer<typeof outletImportSchema>;
