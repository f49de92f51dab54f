import cluster from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadEnv, missingPublicUrl, workerCount, type Env } from './env.ts';
import { buildApp } from './app/server.ts';
import { DataDirInUseError } from './db/embedded.ts';
import { startJobs } from './jobs/jobs.ts';
import { BootstrapError } from './app/bootstrap.ts';
import { seedDemoActivity } from './app/demo-activity.ts';
import { demoActivityPending } from './demo/demo.seed.ts';
import { startPlatform, type Platform } from './app/start.ts';
import { REGISTRY, SUPERVISION_PORTS } from './app/registry.ts';
import { StartupTimer } from './app/startup-timer.ts';
import { serveAsWorker, startWorkers, type WorkerPool } from './app/cluster.ts';
import { forgetOnChanges, isServerShutdown } from './app/change-listener.ts';

type Jobs = Awaited<ReturnType<typeof startJobs>>;

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

function banner(env: Env, platform: Platform): string {
  const where = platform.embedded
    ? `embedded PostgreSQL in ${path.resolve(env.CHEGUAN_DATA_DIR)}`
    : 'DATABASE_URL';
  const login =
    env.CHEGUAN_DEMO === 'off'
      ? `Mode   production (CHEGUAN_DEMO=off)${platform.adminCreated ? ': administrator "admin" created' : ''}
  Login  admin, with the password of CHEGUAN_ADMIN_PASSWORD at the first start; more staff under
         人员管理 (Staff) or \`npx cheguan user:create\``
      : `Mode   demo (CHEGUAN_DEMO=auto)${platform.demoSeeded ? ': demo network created' : ''}
  Login  admin / clerk.city / clerk.dealer / sup.county …  password: DEMO_PASSWORD (default cheguan-demo)`;
  return `
  Cheguan 车管 is running — database: ${where}
  ${login}
  Open   http://localhost:${env.PORT}/
  API    http://localhost:${env.PORT}/api/openapi.json
`;
}

async function main() {
  const timer = new StartupTimer();
  const env = loadEnv();
  if (cluster.isWorker) return await serveAsWorker(env, WEB_DIR);
  // CONTRACT.md "Running": a clean install starts with the administrator's password alone. Without
  // the public address the papers' QR codes use the address the web app was opened at.
  const missing = missingPublicUrl(env);
  if (missing) console.warn(`Warning: ${missing}`);
  let closing = false;
  const platform = await startPlatform(env, {
    timer,
    // Ctrl-C reaches the embedded PostgreSQL too, and while the workers stop it may end this
    // process's idle connections: no loss once we are stopping.
    onIdleError: (e) => {
      if (!(closing && isServerShutdown(e)))
        console.error(`database connection lost: ${e.message}`);
    },
  });
  const demoActivity =
    platform.demoSeeded ||
    (env.CHEGUAN_DEMO !== 'off' && (await demoActivityPending(platform.ctx.db)));
  if (demoActivity) {
    // The demo's first start (or one stopped before it finished): weeks of legacy activity and a
    // supervision run over them, so the supervision centre opens on alerts (app/demo-activity.ts).
    console.log('Creating eight weeks of demo activity for the supervision centre…');
    const a = await seedDemoActivity(platform.ctx, SUPERVISION_PORTS);
    console.log(
      `  ${a.inspections} inspections, ${a.examResults} exam results, ${a.history} applications imported; ${a.alerts} alerts`,
    );
    timer.mark('demoActivity');
  }
  // The HTTP side: this process, or CHEGUAN_WORKERS worker processes on the same port.
  const workers = workerCount(env);
  const app =
    workers > 1 ? null : await buildApp(platform.ctx, { webDir: WEB_DIR, logLevel: env.LOG_LEVEL });
  const logError = (message: string, e: unknown) =>
    app ? app.log.error({ err: e }, message) : console.error(`${message}:`, e);
  const logInfo = (message: string) => (app ? app.log.info(message) : console.log(message));
  timer.mark('routes');
  let databaseStopping = false;
  let pool: WorkerPool | null = null;
  // What other processes change (users, the calendar) reaches this process's caches.
  const changes = forgetOnChanges(platform.ctx.db, platform.databaseUrl, (e) => {
    if (!closing && !isServerShutdown(e)) logError('change notices interrupted', e);
  });
  // The scheduled jobs start once the server listens: nothing a request needs waits for them.
  let jobs: Promise<Jobs | null> = Promise.resolve(null);
  const shutdown = async (signal: string, code = 0) => {
    if (closing) return;
    closing = true;
    platform.embedded?.stopWatching();
    console.log(`\n${signal}: stopping Cheguan…`);
    try {
      await app?.close();
      await pool?.stop();
      // Jobs still starting are let finish, then stopped: none is left holding the database.
      await (await jobs.catch(() => null))?.stop();
      await changes.close();
      await platform.close();
      process.exit(code);
    } catch (e) {
      console.error(`Cheguan did not stop cleanly: ${(e as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // An embedded database that ended and could not be started again (db/keep-running.ts): stop
  // with an error rather than answer every request with one, so a supervisor starts us afresh.
  void platform.embedded?.lost.then((e) => {
    console.error(e.message);
    void shutdown('database lost', 1);
  });

  if (app) await app.listen({ port: env.PORT, host: env.HOST });
  else {
    try {
      pool = await startWorkers({
        count: workers,
        databaseUrl: platform.databaseUrl,
        log: logInfo,
      });
    } catch (e) {
      await changes.close();
      await platform.close();
      throw e;
    }
  }
  timer.mark('listen');
  const listening = timer.total();
  if (env.CHEGUAN_JOBS === 'on' && !closing) {
    jobs = startJobs(
      platform.ctx,
      REGISTRY,
      platform.databaseUrl,
      (e) => {
        if (closing) return;
        if (!isServerShutdown(e)) return logError('job error', e);
        // Ctrl-C also reaches the embedded PostgreSQL (same process group), often before our
        // own SIGINT handler runs: one line says so, not a stack trace per connection.
        if (!databaseStopping) logInfo('the database is stopping; job connections closed');
        databaseStopping = true;
      },
      SUPERVISION_PORTS,
    );
    await jobs;
    timer.mark('jobs');
  }
  // Where a start's time went (docs/BENCHMARKS.md, Start-up): milliseconds per phase, the first
  // being Node and module loading, and the CPU time the process used until now.
  const cpu = process.cpuUsage();
  const started = `listening ${listening} ms after the process started${workers > 1 ? ` (${workers} HTTP workers)` : ''}`;
  if (app)
    app.log.info({ ms: timer.phases, cpuMs: Math.round((cpu.user + cpu.system) / 1000) }, started);
  else console.log(`${started}; phases (ms): ${JSON.stringify(timer.phases)}`);
  console.log(banner(env, platform));
}

main().catch((e: unknown) => {
  // Configuration and first-start problems are the operator's to fix: the message says how.
  if (e instanceof DataDirInUseError || e instanceof ConfigError || e instanceof BootstrapError) {
    console.error(`Cheguan cannot start: ${e.message}`);
  } else console.error('Cheguan failed to start:', e);
  process.exit(1);
});
