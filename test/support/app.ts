import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import type { BusinessRegistry } from '../../server/src/applications/registry.ts';
import { createDb } from '../../server/src/db/database.ts';
import { loadEnv } from '../../server/src/env.ts';
import { buildApp } from '../../server/src/app/server.ts';
import type { AppContext } from '../../server/src/platform/context.ts';
import { CheckpointSigner, Signer } from '../../server/src/platform/signing.ts';
import type { Clock } from '../../server/src/platform/time.ts';
import type { SupervisionPorts } from '../../server/src/supervision/exam-port.ts';
import { vin } from './factories.ts';
import { cloneDatabase, dropDatabase, withDatabase } from './postgres.ts';

export const DEMO_PASSWORD = 'cheguan-demo';

/** Every demo account (CONTRACT.md "Demo accounts"). */
export const DEMO_ACCOUNTS = [
  'admin',
  'sup.city',
  'sup.county',
  'clerk.city',
  'clerk.county',
  'clerk.police',
  'clerk.dealer',
  'clerk.market',
  'clerk.bank',
  'clerk.insurer',
  'clerk.post',
  'clerk.hospital',
  'clerk.station',
  'clerk.exam',
] as const;

/** The file settings of a test app, for a CLI run against its database. */
export const fileEnv = (t: TestApp) => ({
  CHEGUAN_SECRET_FILE: t.ctx.env.CHEGUAN_SECRET_FILE,
  CHEGUAN_AUDIT_KEY_FILE: t.ctx.env.CHEGUAN_AUDIT_KEY_FILE,
  CHEGUAN_CHECKPOINT_DIR: t.ctx.env.CHEGUAN_CHECKPOINT_DIR,
});

/** Where a test's platform (or CLI) keeps its files: key files and published checkpoints. */
export const testFileEnv = (dir: string) => ({
  CHEGUAN_SECRET_FILE: path.join(dir, 'secret.key'),
  CHEGUAN_AUDIT_KEY_FILE: path.join(dir, 'audit.key'),
  CHEGUAN_CHECKPOINT_DIR: path.join(dir, 'checkpoints'),
});

/** One checkpoint key for the test run (generating one per test file would be slow for nothing). */
export const TEST_CHECKPOINT_SIGNER = new CheckpointSigner(CheckpointSigner.generatePem());

/** A clock the test sets: business dates matter (validity, SLA, policy effective dates). */
export class TestClock implements Clock {
  static readonly DEFAULT = '2026-11-26T10:00:00+08:00';
  private current = new Date(TestClock.DEFAULT);
  /** Called when the time changes: login tokens issued at another time may have expired. */
  onChange: () => void = () => undefined;
  now() {
    return new Date(this.current);
  }
  set(iso: string = TestClock.DEFAULT) {
    this.current = new Date(iso);
    this.onChange();
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: TestClock;
  databaseUrl: string;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole HTTP app over a fresh copy of the seeded template database; no network socket. */
export async function createTestApp(
  opts: {
    registry?: BusinessRegistry;
    supervisionPorts?: SupervisionPorts;
    /** The app's log lines at info, written here (none are written without it). */
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestApp> {
  const adminUrl = inject('pgAdminUrl');
  const name = await cloneDatabase(adminUrl, inject('templateDb'));
  const databaseUrl = withDatabase(adminUrl, name);
  const clock = new TestClock();
  // Files the platform writes (audit checkpoints, key files) go to a directory of this test.
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-files-'));
  const env = loadEnv(testFileEnv(files));
  const ctx: AppContext = {
    db: createDb(databaseUrl, 5),
    clock,
    checkpointSigner: TEST_CHECKPOINT_SIGNER,
    signer: new Signer(Buffer.from('test-secret-test-secret-test-secret!')),
    env,
  };
  const app = await buildApp(ctx, {
    registry: opts.registry,
    supervisionPorts: opts.supervisionPorts,
    crossCheckResponses: true,
    ...(opts.logStream ? { logLevel: 'info', logStream: opts.logStream } : {}),
  });
  const tokens = new Map<string, string>();
  clock.onChange = () => tokens.clear();
  return {
    app,
    ctx,
    clock,
    databaseUrl,
    async login(username, password = DEMO_PASSWORD) {
      const cached = tokens.get(username);
      if (cached && password === DEMO_PASSWORD) return cached;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200)
        throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const token = (res.json() as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    async close() {
      await app.close();
      await ctx.db.destroy();
      await dropDatabase(adminUrl, name);
      fs.rmSync(files, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Submits a valid first temporary plate for a new VIN (the common "some completed business"). */
export async function submitTempPlate(t: TestApp, clerk = 'clerk.dealer') {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: bearer(await t.login(clerk)),
    payload: {
      businessType: 'vehicle.temp-plate',
      applicant: { idNumber: '520302199003070015', name: '张三' },
      data: { vin: vin(), purpose: 'unregistered', days: 30, insuranceValidUntil: '2027-11-25' },
    },
  });
}

/** The sorted field paths of a 400 answer, for comparing against the expected bad fields. */
export function detailPaths(res: { json(): unknown }): string[] {
  const body = res.json() as { error: { details: { path: string }[] } };
  return body.error.details.map((d) => d.path).sort();
}
