import { z } from 'zod';
import { OUTLET_CATEGORIES } from '../catalog.ts';

const grant = z.object({
  businessType: z.string(),
  effect: z.enum(['allow', 'deny']),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});

/** Business type × outlet category of the reader's city, and per-outlet overrides. */
export const delegationMatrixSchema = z.object({
  categoryGrants: z.array(grant.extend({ category: z.enum(OUTLET_CATEGORIES) })),
  outletOverrides: z.array(
    grant.extend({ outletCode: z.string(), outletName: z.string(), countyCode: z.string() }),
  ),
});
export type DelegationMatrix = z.infer<typeof delegationMatrixSchema>;

export const outletDelegationSchema = z.object({
  overrides: z.array(
    z.object({
      businessType: z.string(),
      effect: z.enum(['allow', 'deny']),
      validFrom: z.string().nullable(),
      validUntil: z.string().nullable(),
    }),
  ),
  suspensions: z.array(
    z.object({
      reason: z.string(),
      suspendedBy: z.string(),
      suspendedAt: z.string(),
      restoredBy: z.string().nullable(),
      restoredAt: z.string().nullable(),
      restoreNote: z.string().nullable(),
    }),
  ),
});
export type OutletDelegation = z.infer<typeof outletDelegationSchema>;

export const suspensionResponseSchema = z.object({
  code: z.string(),
  status: z.enum(['active', 'suspended']),
  reason: z.string().optional(),
});

/** What the clerk's outlet may accept today (GET /me/business-types). */
export const outletBusinessTypesSchema = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      subject: z.enum(['vehicle', 'licence', 'violation', 'person']),
      agentAllowed: z.boolean(),
      implemented: z.boolean(),
      available: z.boolean(),
      /** Why not: its refusal code (e.g. NOT_DELEGATED, OUTLET_SUSPENDED) and words. */
      reason: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
    }),
  ),
});
export type OutletBusinessTypes = z.infer<typeof outletBusinessTypesSchema>;
