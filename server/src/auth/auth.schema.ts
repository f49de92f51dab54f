import { z } from 'zod';

export const loginBodySchema = z.object({
  username: z
    .string()
    .trim()
    .min(1, '请输入用户名')
    .max(64)
    .regex(/^[A-Za-z0-9._@-]+$/, '用户名只能包含字母、数字和 . _ @ -'),
  password: z.string().min(1, '请输入密码').max(256),
});
