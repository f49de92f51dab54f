import { z } from 'zod';
import { nameText } from './text.ts';

/**
 * Staff accounts and their roles (`/api/v1/users`, `cheguan user:create`): the request bodies,
 * validated the same way by the API, the CLI and the web form, and the answers.
 */
export const STAFF_ROLES = ['admin', 'clerk', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const SCOPE_LEVELS = ['outlet', 'county', 'city'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export const MIN_PASSWORD_LENGTH = 12;

/** Lower case so that `Admin` and `admin` cannot both exist; a letter first, so never a phone number. */
export const usernameSchema = z
  .string({ error: '请输入用户名' })
  .trim()
  .regex(
    /^[a-z][a-z0-9._-]{2,63}$/,
    '用户名为3至64位小写字母、数字、点、下划线或连字符，以字母开头',
  );

export const passwordSchema = z
  .string({ error: '请输入密码' })
  .min(MIN_PASSWORD_LENGTH, `密码至少${MIN_PASSWORD_LENGTH}位`)
  .max(256, '密码过长');

export const displayNameSchema = nameText(64);

/**
 * What a user works for and may see: an outlet (its clerks act for it), a county or the city.
 * `code` is the outlet code, the county code or the city code (GB/T 2260).
 */
export const scopeSchema = z.object({
  level: z.enum(SCOPE_LEVELS, { message: '数据权限级别应为 outlet、county 或 city' }),
  code: z.string().trim().min(1, '请选择网点、区县或城市').max(32),
});
export type Scope = z.infer<typeof scopeSchema>;

const rolesSchema = z
  .array(z.enum(STAFF_ROLES, { message: '角色应为 admin、clerk 或 supervisor' }))
  .min(1, '至少选择一个角色')
  .refine((roles) => new Set(roles).size === roles.length, '角色重复');

/** The scope levels each role works at: clerks serve at an outlet, administrators run a city. */
export const ROLE_SCOPE_LEVELS: Record<StaffRole, readonly ScopeLevel[]> = {
  clerk: ['outlet'],
  supervisor: ['county', 'city'],
  admin: ['city'],
};

/** The roles and levels by their Chinese names, as a refusal reads them to a person. */
const ROLE_NAMES_ZH: Record<StaffRole, string> = {
  admin: '管理员',
  clerk: '窗口人员',
  supervisor: '监管人员',
};
const SCOPE_LEVEL_NAMES_ZH: Record<ScopeLevel, string> = {
  outlet: '网点',
  county: '区县',
  city: '市',
};

function rolesFitScope(value: { roles: StaffRole[]; scope: Scope }, ctx: z.RefinementCtx) {
  const misfit = value.roles.filter((r) => !ROLE_SCOPE_LEVELS[r].includes(value.scope.level));
  if (misfit.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['scope', 'level'],
      message: `${misfit.map((r) => ROLE_NAMES_ZH[r]).join('、')}不能使用${SCOPE_LEVEL_NAMES_ZH[value.scope.level]}级数据权限（窗口人员为网点级，监管人员为区县或市级，管理员为市级）`,
    });
  }
}

const userFields = {
  displayName: displayNameSchema,
  roles: rolesSchema,
  scope: scopeSchema,
};

export const userCreateSchema = z
  .object({ username: usernameSchema, ...userFields, password: passwordSchema })
  .superRefine(rolesFitScope);
export type UserCreate = z.infer<typeof userCreateSchema>;

/** An edit replaces the name, the roles and the scope together (the username never changes). */
export const userUpdateSchema = z.object(userFields).superRefine(rolesFitScope);
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const passwordResetSchema = z.object({ password: passwordSchema });

export const staffUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  /** The outlet the user works at (outlet scope), with its name. */
  outletCode: z.string().nullable(),
  outletName: z.string().nullable(),
  scope: z.object({ level: z.enum(SCOPE_LEVELS), code: z.string() }),
  active: z.boolean(),
  createdAt: z.string(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

/** One page of users in username order; `nextCursor` is the `after` of the next page. */
export const userListSchema = z.object({
  items: z.array(staffUserSchema),
  nextCursor: z.string().nullable(),
});
export type UserList = z.infer<typeof userListSchema>;
