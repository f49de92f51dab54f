import { z } from 'zod';
import { usernameSchema } from '#shared/schemas/users.ts';

export const usernameParamsSchema = z.object({ username: usernameSchema });

export const userListQuerySchema = z.object({
  /** Keyset cursor: the last username of the previous page. */
  after: z.string().max(64).optional(),
  q: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
