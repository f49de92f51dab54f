import os from 'node:os';
import { parseArgs } from 'node:util';
import { userCreateSchema, type UserCreate } from '#shared/schemas/users.ts';
import type { Db } from '../db/database.ts';
import type { Env } from '../env.ts';
import { AppError } from '../platform/errors.ts';
import { createStaffUser } from '../auth/users.service.ts';

export const USER_CREATE_USAGE = `  user:create      create a staff user (audited), validated like POST /api/v1/users:
                     --username NAME --display-name NAME --role clerk|supervisor|admin (repeatable)
                     and one of --outlet CODE | --county CODE | --city CODE;
                     the password on stdin with --password-stdin, or in CHEGUAN_USER_PASSWORD`;

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Flag names for the fields of the API body, so that errors name what the operator typed. */
const FLAG_OF: Record<string, string> = {
  username: '--username',
  displayName: '--display-name',
  roles: '--role',
  scope: '--outlet / --county / --city',
  password: 'password',
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The API's create body from the flags and the password. A password is never taken from argv:
 * it would stay in the shell history and be visible to every user in `ps`.
 */
export async function userCreateInput(argv: string[], env: Env): Promise<UserCreate> {
  if (argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new UsageError(
      'a password is not accepted on the command line (shell history, ps); pipe it to --password-stdin',
    );
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        role: { type: 'string', multiple: true },
        outlet: { type: 'string' },
        county: { type: 'string' },
        city: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const places = (['outlet', 'county', 'city'] as const).filter((l) => values[l] !== undefined);
  if (places.length !== 1) {
    throw new UsageError('give exactly one of --outlet CODE, --county CODE or --city CODE');
  }
  const level = places[0] as 'outlet' | 'county' | 'city';
  // A single trailing newline is the end of the line typed or echoed, not part of the password.
  const password = values['password-stdin']
    ? (await readStdin()).replace(/\r?\n$/, '')
    : env.CHEGUAN_USER_PASSWORD;
  if (password === undefined) {
    throw new UsageError(
      'give the password on stdin with --password-stdin (or in CHEGUAN_USER_PASSWORD)',
    );
  }
  const parsed = userCreateSchema.safeParse({
    username: values.username,
    displayName: values['display-name'],
    roles: values.role?.flatMap((r) => r.split(',')) ?? [],
    scope: { level, code: values[level] },
    password,
  });
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues
        .map((i) => `${FLAG_OF[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`)
        .join('\n'),
    );
  }
  return parsed.data;
}

function operator(): string {
  try {
    return os.userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

/** `cheguan user:create`: the same use case as the API, with the console operator as the actor. */
export async function userCreateCommand(db: Db, input: UserCreate): Promise<number> {
  try {
    const user = await createStaffUser(
      db,
      { kind: 'console', operator: operator() },
      input,
      new Date(),
    );
    const where = user.outletName ? `${user.outletName} (${user.outletCode})` : user.scope.code;
    console.log(
      `Created ${user.username} (${user.displayName}), ${user.roles.join(', ')} at ${where}.`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const details = (e.details ?? []).map((d) => `\n  ${d.path}: ${d.message}`).join('');
    console.error(`Cannot create the user: ${e.message}${details}`);
    return 1;
  }
}
