import os from 'node:os';
import { z } from 'zod';

/** Hosts no citizen's phone can reach: the machine itself, or no address at all. */
const LOCAL_HOST = /^(localhost|.*\.localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1?\])$/i;
const isLocal = (url: string | undefined) =>
  !!url && URL.canParse(url) && LOCAL_HOST.test(new URL(url).hostname);

/** pino's levels, and `silent` for none (LOG_LEVEL; the bench's --log-level). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The one place that reads process.env. Everything configurable is validated here once, so a
 * typo in a variable fails at start with a clear message instead of misbehaving later.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    CHEGUAN_DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    /**
     * CPU scheduling of the embedded database's processes: `batch` (Linux SCHED_BATCH) keeps a
     * backend woken by a statement from preempting the server thread that sent it
     * (server/src/db/scheduling.ts); `normal` leaves the kernel's default. No effect with
     * DATABASE_URL.
     */
    CHEGUAN_DB_SCHEDULE: z.enum(['batch', 'normal']).default('batch'),
    /** Demo mode seeds the Zunyi network and demo accounts on an empty database. */
    CHEGUAN_DEMO: z.enum(['auto', 'off']).default('auto'),
    DEMO_PASSWORD: z.string().min(8).default('cheguan-demo'),
    /**
     * The jurisdiction (GB/T 2260 city code) a clean install serves; its public facts come from
     * server/reference/jurisdictions/<code>.json.
     */
    CHEGUAN_CITY: z
      .string()
      .regex(/^\d{4}00$/, 'must be a six-digit city code such as 520300')
      .default('520300'),
    /** Password of the administrator `admin` that the first start creates when CHEGUAN_DEMO=off. */
    CHEGUAN_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    /** Password for `cheguan user:create` when it is not given on stdin (--password-stdin). */
    CHEGUAN_USER_PASSWORD: z.string().optional(),
    /** Signs login and document tokens; when unset, the key file below holds the secret. */
    CHEGUAN_SECRET: z.string().min(32).optional(),
    /** Key file of the signing secret, outside the database (created, 0600, on first start). */
    CHEGUAN_SECRET_FILE: z.string().min(1).default('./cheguan-secret.key'),
    /** Ed25519 key of the audit checkpoints, outside the database (created on first start). */
    CHEGUAN_AUDIT_KEY_FILE: z.string().min(1).default('./cheguan-audit.key'),
    /** Where signed audit checkpoints are published as files (outside the data directory). */
    CHEGUAN_CHECKPOINT_DIR: z.string().min(1).default('./audit-checkpoints'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** Scheduled jobs (pg-boss) in this process; turn off for extra API-only processes. */
    CHEGUAN_JOBS: z.enum(['on', 'off']).default('on'),
    /**
     * Connections of each process's pool (the primary's and every worker's); `poolSize` below
     * when unset. At least two: a supervision run's write holds one while its anti-fraud
     * detectors work on another.
     */
    DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).optional(),
    /**
     * Shared connections of each process for the hot key look-ups outside transactions
     * (db/lanes.ts), on top of the pool; 0 sends them through the pool like everything else.
     */
    DB_READ_LANES: z.coerce.number().int().min(0).max(16).default(2),
    /**
     * HTTP worker processes (node:cluster) serving the same port over the same database: `1`
     * serves from the one process, `auto` starts one per CPU. The first process keeps the
     * embedded database, the migrations and the scheduled jobs.
     */
    CHEGUAN_WORKERS: z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(32)])
      .default(1),
    /**
     * The public address of the web app (e.g. https://cheguan.example.gov.cn): printed documents
     * carry a QR code of their verification link under it, which citizens open on their phones.
     */
    CHEGUAN_PUBLIC_URL: z
      .url({
        protocol: /^https?$/,
        message: 'must be an http(s) URL such as https://cheguan.example.gov.cn',
      })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  })
  // A printed verification link under localhost would lead a citizen's phone nowhere.
  .refine((env) => env.CHEGUAN_DEMO !== 'off' || !isLocal(env.CHEGUAN_PUBLIC_URL), {
    path: ['CHEGUAN_PUBLIC_URL'],
    message: 'must be the public address citizens reach, not localhost, when CHEGUAN_DEMO=off',
  });

export type Env = z.infer<typeof envSchema>;

/** How many HTTP processes CHEGUAN_WORKERS asks for. */
export const workerCount = (env: Pick<Env, 'CHEGUAN_WORKERS'>, cpus = os.availableParallelism()) =>
  env.CHEGUAN_WORKERS === 'auto' ? cpus : env.CHEGUAN_WORKERS;

/**
 * The connections of each process's pool: DB_POOL_SIZE, or else four per CPU of this machine
 * shared among the HTTP processes, from 4 to 32. Why so few: more backends at work than the
 * cores can run make each one dearer (the same B-tree pages, caches cold after each switch) —
 * on a 2-core machine, the mixed applications at 32 clients went 10–20 % faster with 6–10
 * connections than with 20–40, PostgreSQL's CPU per application 1.6 ms against 1.8–2.2 ms
 * (docs/BENCHMARKS.md, "A pool sized to the cores"). Requests beyond it wait for a connection
 * (up to db/database.ts's acquire timeout), as they would wait for a core. Past 32 one event
 * loop cannot keep them busy.
 */
export function poolSize(
  env: Pick<Env, 'DB_POOL_SIZE' | 'CHEGUAN_WORKERS'>,
  cpus = os.availableParallelism(),
) {
  const shared = Math.ceil((4 * cpus) / workerCount(env, cpus));
  return env.DB_POOL_SIZE ?? Math.min(32, Math.max(4, shared));
}

/** A configuration mistake: reported as its message alone, without a stack trace. */
export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * Advice for production (CHEGUAN_DEMO=off) without the public address: printed documents then
 * carry QR codes under the address the web app was opened at, which may be an intranet name a
 * citizen's phone cannot reach. Null when it is set, or in demo mode.
 */
export function missingPublicUrl(env: Pick<Env, 'CHEGUAN_DEMO' | 'CHEGUAN_PUBLIC_URL'>) {
  return env.CHEGUAN_DEMO === 'off' && !env.CHEGUAN_PUBLIC_URL
    ? 'CHEGUAN_PUBLIC_URL is not set: printed documents carry QR codes under the address the web app was opened at; set it (e.g. https://cheguan.example.gov.cn) so that citizens can verify them from their phones'
    : null;
}
