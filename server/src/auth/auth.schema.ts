import { z } from 'zod';
import { parseIdNumber } from '#shared/validators/index.ts';

/**
 * A citizen's identity number is stored as registration wrote it (GB 11643: upper-case X,
 * half-width digits), and registration takes it typed with a lower-case x, full-width digits or
 * spaces; login takes it the same way. A staff username starts with a letter, so no staff name
 * is ever read as an identity number.
 */
const loginName = (s: string) => {
  const id = parseIdNumber(s);
  return id.ok ? id.value.idNumber : s;
};

export const loginBodySchema = z.object({
  username: z
    .string()
    .trim()
    .min(1, '请输入用户名')
    .max(64)
    .overwrite(loginName)
    .regex(/^[A-Za-z0-9._@-]+$/, '用户名只能包含字母、数字和 . _ @ -'),
  password: z.string().min(1, '请输入密码').max(256),
});
