import { z } from 'zod';
import { OUTLET_CATEGORIES } from '../catalog.ts';

/** The signed-in user (CONTRACT.md "Auth"), with what the web app shows about it. */
export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(['admin', 'clerk', 'supervisor', 'citizen'])),
  outletCode: z.string().nullable(),
  outletName: z.string().nullable(),
  outletCategory: z.enum(OUTLET_CATEGORIES).nullable(),
  scope: z.object({ level: z.enum(['outlet', 'county', 'city']), code: z.string() }),
  cityCode: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({ token: z.string(), user: userSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;
